"""The journal: rejections, breaks, applications and their stages, practice, reflections."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from tracker.core.limits import (
    DEFAULT_DURATION,
    MAX_DURATION,
    MAX_LINK,
    MAX_NAME,
    MAX_NOTE,
    MAX_NOTES,
    MAX_PLACE,
    MAX_PLAN,
    MIN_DURATION,
)
from tracker.extensions import db


class DatedRecord:
    """A record of one user's journal on a local date; the user's records are listed newest
    first and counted by date, hence the index on (user, date)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)

    @declared_attr.directive
    def __table_args__(cls) -> tuple:
        return (Index(None, "user_id", "date"),)


class Rejection(DatedRecord, db.Model):
    __tablename__ = "rejections"

    company: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(120), default="")
    stage: Mapped[str | None] = mapped_column(String(16), default=None)
    note: Mapped[str] = mapped_column(String(MAX_NOTE), default="")
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


class Application(DatedRecord, db.Model):
    """A job application and its pipeline; `history` holds every stage it went through."""

    __tablename__ = "applications"

    company: Mapped[str] = mapped_column(String(MAX_NAME))
    role: Mapped[str] = mapped_column(String(MAX_NAME))
    link: Mapped[str | None] = mapped_column(String(MAX_LINK), default=None)
    stage: Mapped[str] = mapped_column(String(16))
    notes: Mapped[str] = mapped_column(String(MAX_NOTES), default="", server_default="")
    contact: Mapped[str] = mapped_column(String(MAX_PLACE), default="", server_default="")
    location: Mapped[str] = mapped_column(String(MAX_PLACE), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The last change of the quiet spell whose follow-up message a sweep claimed (SPEC 5):
    # one follow-up per spell.
    follow_up_for: Mapped[date | None] = mapped_column(Date, default=None)

    # Stage changes in date order (SPEC section 4); of one date, in the order they were made.
    history: Mapped[list[StageChange]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="[StageChange.date, StageChange.id]",
        lazy="selectin",
    )
    interviews: Mapped[list[Interview]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="[Interview.starts_at, Interview.id]",
        back_populates="application",
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


class Interview(db.Model):
    """An interview of one of the user's applications (SPEC section 4). `starts_at` is the
    local date and time in the account's timezone, as the person wrote it (no offset)."""

    __tablename__ = "interviews"
    __table_args__ = (
        CheckConstraint(
            f"duration_minutes >= {MIN_DURATION} AND duration_minutes <= {MAX_DURATION}",
            name="duration_range",
        ),
        Index(None, "user_id", "starts_at"),
        Index(None, "prep_at"),
        Index(None, "pep_at"),
        Index(None, "after_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=False))
    duration_minutes: Mapped[int] = mapped_column(SmallInteger, default=DEFAULT_DURATION)
    kind: Mapped[str] = mapped_column(String(16))
    location: Mapped[str] = mapped_column(String(MAX_PLACE), default="")
    notes: Mapped[str] = mapped_column(String(MAX_NOTES), default="")
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    debrief: Mapped[str] = mapped_column(String(MAX_NOTES), default="")
    # The person's own "if it gets hard, then I will ..." plan (the prep page).
    plan: Mapped[str] = mapped_column(String(MAX_PLAN), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # When each interview message is due (UTC), kept as the interview or the account's zone
    # or evening time changes; None once a sweep has claimed it, so none is sent twice.
    prep_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    pep_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    after_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)

    application: Mapped[Application] = relationship(back_populates="interviews")


class PracticeSession(DatedRecord, db.Model):
    """One practice of an item of the bank (or of something else: `item_id` None)."""

    __tablename__ = "practice_sessions"

    item_id: Mapped[str | None] = mapped_column(String(64), default=None)
    rating: Mapped[int] = mapped_column(
        SmallInteger, CheckConstraint("rating >= 1 AND rating <= 5", name="rating_range")
    )
    note: Mapped[str] = mapped_column(String(MAX_NOTE), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Reflection(DatedRecord, db.Model):
    """A journal entry, optionally answering a prompt or debriefing one of the user's rejections."""

    __tablename__ = "reflections"

    text: Mapped[str] = mapped_column(String(10000))
    prompt: Mapped[str | None] = mapped_column(String(500), default=None)
    rejection_id: Mapped[int | None] = mapped_column(
        ForeignKey("rejections.id", ondelete="SET NULL"), index=True, default=None
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


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
