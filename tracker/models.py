"""Typed ORM tables. Dates the user sees are local calendar dates; instants are UTC."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db

CATEGORIES = ("apply", "practice", "reflect")
STAGES = ("application", "screen", "interview", "final", "offer")
# The pipeline of an application: the first four in order, then one of the three outcomes.
APPLICATION_STAGES = ("applied", "screen", "interview", "offer", "rejected", "withdrawn", "ghosted")
ALL_WEEKDAYS = 0b1111111


def weekdays_to_mask(weekdays: list[int] | tuple[int, ...] | frozenset[int]) -> int:
    """ISO weekdays 1..7 to a 7-bit mask (Monday is bit 0)."""
    mask = 0
    for day in weekdays:
        mask |= 1 << (day - 1)
    return mask


def mask_to_weekdays(mask: int) -> list[int]:
    """A 7-bit mask back to the sorted list of ISO weekdays."""
    return [day for day in range(1, 8) if mask & (1 << (day - 1))]


class User(db.Model):
    __tablename__ = "users"
    # Never reuse an id (SQLite would reuse the newest deleted one): a device's data is keyed by it.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    timezone: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    goals: Mapped[list[Goal]] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Goal.id",
    )


class Goal(db.Model):
    __tablename__ = "goals"
    __table_args__ = (
        CheckConstraint("target >= 1 AND target <= 100", name="target_range"),
        CheckConstraint("weekday_mask >= 1 AND weekday_mask <= 127", name="weekdays_nonempty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(80))
    target: Mapped[int] = mapped_column(SmallInteger, default=1)
    weekday_mask: Mapped[int] = mapped_column(SmallInteger, default=ALL_WEEKDAYS)
    created_on: Mapped[date] = mapped_column(Date)
    archived_on: Mapped[date | None] = mapped_column(Date, default=None)

    user: Mapped[User] = relationship(back_populates="goals")

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
        CheckConstraint("value >= 0 AND value <= 1000", name="value_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    value: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(2000), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Rejection(db.Model):
    __tablename__ = "rejections"
    __table_args__ = (Index(None, "user_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    company: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(120), default="")
    stage: Mapped[str | None] = mapped_column(String(16), default=None)
    note: Mapped[str] = mapped_column(String(2000), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Set when the rejection was logged by moving an application to rejected or ghosted.
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="SET NULL"), index=True, default=None
    )


class Break(db.Model):
    __tablename__ = "breaks"
    __table_args__ = (CheckConstraint('"end" >= start', name="ordered"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(200), default="")


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


class Application(db.Model):
    """A job application and its pipeline; `history` holds every stage it went through."""

    __tablename__ = "applications"
    __table_args__ = (Index(None, "user_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    company: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(120))
    link: Mapped[str | None] = mapped_column(String(500), default=None)
    date: Mapped[date] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    history: Mapped[list[StageChange]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="StageChange.id",
        lazy="selectin",
    )


class StageChange(db.Model):
    """One step of an application's pipeline, on a local date; the first is where it began."""

    __tablename__ = "application_stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String(16))
    date: Mapped[date] = mapped_column(Date)


class PracticeSession(db.Model):
    """One practice of an item of the bank (or of something else: `item_id` None)."""

    __tablename__ = "practice_sessions"
    __table_args__ = (
        Index(None, "user_id", "date"),
        CheckConstraint("rating >= 1 AND rating <= 5", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    item_id: Mapped[str | None] = mapped_column(String(64), default=None)
    rating: Mapped[int] = mapped_column(SmallInteger)
    note: Mapped[str] = mapped_column(String(2000), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Reflection(db.Model):
    """A journal entry, optionally answering a prompt or debriefing one of the user's rejections."""

    __tablename__ = "reflections"
    __table_args__ = (Index(None, "user_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(String(10000))
    prompt: Mapped[str | None] = mapped_column(String(500), default=None)
    rejection_id: Mapped[int | None] = mapped_column(
        ForeignKey("rejections.id", ondelete="SET NULL"), index=True, default=None
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PushSubscription(db.Model):
    """A browser's Web Push subscription: where to send, and the keys to encrypt for it."""

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    endpoint: Mapped[str] = mapped_column(String(1024), unique=True)
    p256dh: Mapped[str] = mapped_column(String(100))
    auth: Mapped[str] = mapped_column(String(32))
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReminderRule(db.Model):
    """One reminder of a user (plan, nudge or comeback) and its next fire instant in UTC.

    `timezone` is the zone `next_fire_at` was computed in; a sweep recomputes it when the
    user's zone has changed since. A disabled rule has no next fire instant.
    """

    __tablename__ = "reminder_rules"
    __table_args__ = (
        UniqueConstraint("user_id", "kind"),
        Index(None, "next_fire_at"),
        CheckConstraint("kind IN ('plan', 'nudge', 'comeback')", name="kind"),
        CheckConstraint("weekday_mask >= 1 AND weekday_mask <= 127", name="weekdays_nonempty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    local_time: Mapped[time] = mapped_column(Time)
    weekday_mask: Mapped[int] = mapped_column(SmallInteger, default=ALL_WEEKDAYS)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    timezone: Mapped[str] = mapped_column(String(64))
    next_fire_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PushDelivery(db.Model):
    """One slot of one rule, recorded by the sweep that claimed it before anything is sent.

    `status` is `queued` (messages were written for every device) or `quiet`, with `reason`
    (break, active, replaced, no_rejection, restful, stale, no_devices).
    """

    __tablename__ = "push_deliveries"
    __table_args__ = (UniqueConstraint("rule_id", "slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("reminder_rules.id", ondelete="CASCADE"))
    slot: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    local_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(16), default=None)
    payload: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PushMessage(db.Model):
    """A delivery's message to one device, and where it stands.

    `status`: pending (to send at `next_attempt_at`), sending (claimed by a sweep at
    `claimed_at`), delivered, gone (404/410: the subscription was deleted), failed (refused
    for good), expired (the grace ran out while retrying), interrupted (its sweep died).
    """

    __tablename__ = "push_messages"
    __table_args__ = (
        UniqueConstraint("delivery_id", "subscription_id"),
        Index(None, "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("push_deliveries.id", ondelete="CASCADE"))
    # Kept (as NULL) when the subscription goes, so the log of what happened stays.
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("push_subscriptions.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    last_status: Mapped[int | None] = mapped_column(SmallInteger, default=None)


class PushAttempt(db.Model):
    """One HTTP request to a push service: its answer (None on a timeout) and outcome."""

    __tablename__ = "push_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("push_messages.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    http_status: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    outcome: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(String(200), default="")


class PracticeQuestion(db.Model):
    """A question (or a habit) of the user's own to rehearse, such as one that tripped them in
    an interview; `rejection_id` names the debrief it came from (kept as NULL when that goes)."""

    __tablename__ = "practice_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(500))
    rejection_id: Mapped[int | None] = mapped_column(
        ForeignKey("rejections.id", ondelete="SET NULL"), index=True, default=None
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
