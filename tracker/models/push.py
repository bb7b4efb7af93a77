"""Push: subscriptions, reminder rules, and the record of every delivery."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db
from tracker.models.labels import ALL_WEEKDAYS


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
    """One message of one user, recorded by the sweep that claimed it before anything is sent:
    a slot of one of their rules (`rule_id`), or a message about one of their interviews or
    applications (`subject`, such as "interview:42", and no rule).

    `status` is `queued` (messages were written for every device) or `quiet`, with `reason`
    (break, active, replaced, no_rejection, restful, stale, no_devices).
    """

    __tablename__ = "push_deliveries"
    __table_args__ = (
        UniqueConstraint("rule_id", "slot"),
        UniqueConstraint("kind", "subject", "slot"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("reminder_rules.id", ondelete="CASCADE"), default=None
    )
    subject: Mapped[str | None] = mapped_column(String(40), default=None)
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
