"""Accounts and how they sign in: users, API tokens, browser sessions."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db

if TYPE_CHECKING:
    from tracker.models.goals import Goal


class User(db.Model):
    __tablename__ = "users"
    # Never reuse an id (SQLite would reuse the newest deleted one): a device's data is keyed by it.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    timezone: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Grows with every write that changes a finished day of the history: a streak checkpoint
    # computed before such a write is never stored after it (tracker.queries.checkpoints).
    history_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The earliest day whose stored checkpoints such a write made stale (None: none is).
    checkpoints_stale_from: Mapped[date | None] = mapped_column(Date, default=None)
    # The SHA-256 digest of the secret in the address of the user's calendar feed (SPEC
    # section 6), None when there is none; a new address replaces it.
    # A unique index rather than a constraint: adding a constraint would rebuild the table on
    # SQLite, and the rebuild would drop its AUTOINCREMENT (ids must never be reused).
    calendar_feed_hash: Mapped[str | None] = mapped_column(
        String(64), unique=True, index=True, default=None
    )

    goals: Mapped[list[Goal]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Goal.id",
    )


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class BrowserSession(db.Model):
    """A signed-in browser: its cookie holds a random secret, this row its SHA-256 digest.
    Sign-out deletes the row; `seen_at` moves on at most once a day while it is in use."""

    __tablename__ = "browser_sessions"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
