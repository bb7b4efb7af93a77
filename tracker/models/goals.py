"""Goals and their daily entries (check-ins)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tracker.core.limits import MAX_ENTRY_VALUE, MAX_NOTE, MAX_TARGET, MAX_TITLE, MIN_TARGET
from tracker.extensions import db
from tracker.models.labels import ALL_WEEKDAYS, mask_to_weekdays


class Goal(db.Model):
    __tablename__ = "goals"
    __table_args__ = (
        CheckConstraint(f"target >= {MIN_TARGET} AND target <= {MAX_TARGET}", name="target_range"),
        CheckConstraint("weekday_mask >= 1 AND weekday_mask <= 127", name="weekdays_nonempty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    target: Mapped[int] = mapped_column(SmallInteger, default=1)
    weekday_mask: Mapped[int] = mapped_column(SmallInteger, default=ALL_WEEKDAYS)
    created_on: Mapped[date] = mapped_column(Date)
    archived_on: Mapped[date | None] = mapped_column(Date, default=None)

    @property
    def weekdays(self) -> list[int]:
        return mask_to_weekdays(self.weekday_mask)

    @property
    def archived(self) -> bool:
        return self.archived_on is not None


class Entry(db.Model):
    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("goal_id", "date"),
        CheckConstraint(f"value >= 0 AND value <= {MAX_ENTRY_VALUE}", name="value_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    value: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(MAX_NOTE), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StreakCheckpoint(db.Model):
    """The streak engine's state at the end of a finished day (tracker.core.checkpoint), so
    a read walks only the days after it. Every write that changes a day forgets the
    checkpoints from that day on; `engine` names the engine's code that wrote it."""

    __tablename__ = "streak_checkpoints"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    through: Mapped[date] = mapped_column(Date, primary_key=True)
    engine: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(Text)
