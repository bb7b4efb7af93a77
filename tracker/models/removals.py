"""What was removed, kept for a while so that it can be put back exactly (undo)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db


class Removal(db.Model):
    """One removal: the rows it deleted as JSON (`payload`), and words for the undo button.

    The payload holds the removed row, the rows that went with it (its CASCADE children) and
    the ids of rows that pointed at it (SET NULL links), so that undo restores all of it."""

    __tablename__ = "removals"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(300))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
