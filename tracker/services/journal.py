"""Rejections and breaks: the events that shape a streak without being goals."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from tracker import queries
from tracker.core.days import human_date
from tracker.core.limits import EARLIEST_DATE
from tracker.models import Application, Break, Reflection, Rejection, Removal, User
from tracker.services import limits, removals
from tracker.services.errors import Invalid, refuse_future, require_found

MAX_BREAK_DAYS = 366
# The dated records of the journal that add_record adds.
Record = TypeVar("Record", Application, Rejection, Reflection)


def log_rejection(
    session: Session,
    user: User,
    today: date,
    now: datetime,
    *,
    date: date,
    company: str = "",
    role: str = "",
    stage: str | None = None,
    note: str = "",
    application_id: int | None = None,
) -> Rejection:
    """Record a rejection on a local date up to `today`; it shields that day and the next.

    `application_id` links it to the application whose move to rejected or ghosted logged it.
    """
    rejection = Rejection(
        date=date, company=company, role=role, stage=stage, note=note, application_id=application_id
    )
    add_record(session, user, today, now, "rejections", rejection)
    queries.forget_checkpoints(session, user.id, date)  # it shields that day and the next
    return rejection


def add_record(
    session: Session, user: User, today: date, now: datetime, kind: str, record: Record
) -> Record:
    """Add `record` to the user's journal, stamped with the user and `now`, and flush it.

    `record` is dated (a rejection, an application, a reflection) and `kind` is its limit's
    name in tracker.core.limits.RECORD_KINDS. Raises Invalid for a date after `today` or
    before EARLIEST_DATE, then LimitReached when the user holds as many of `kind` as allowed.
    """
    refuse_future(record.date, today)
    limits.room_for(session, user.id, kind)
    record.user_id = user.id
    record.created_at = now
    session.add(record)
    session.flush()
    return record


def rejection_of_application(session: Session, user: User, application_id: int) -> Rejection | None:
    """The rejection linked to this application (by moving it to rejected or ghosted, or by
    naming it), or None."""
    return queries.linked_rejection(session, user.id, application_id)


def rewrite_rejection(session: Session, user: User, rejection: Rejection, fields: dict) -> None:
    """Give a rejection new fields of {date, company, role, stage, note}; its old and new
    dates both change the history from the earlier one on."""
    earliest = min(rejection.date, fields.get("date", rejection.date))
    for name, value in fields.items():
        setattr(rejection, name, value)
    queries.forget_checkpoints(session, user.id, earliest)
    session.flush()


def delete_rejection(session: Session, user: User, rejection_id: int, now: datetime) -> Removal:
    """Delete one of the user's rejections, so that it can be put back (`removals.restore`);
    another id raises NotFound."""
    rejection = require_found(
        queries.rejection_of_user(session, user.id, rejection_id), "No such rejection."
    )
    words = f"the rejection of {human_date(rejection.date)}"
    if rejection.company:
        words = f"the rejection from {rejection.company} ({human_date(rejection.date)})"
    return removals.remove(session, rejection, words, now)


def break_problems(start: date, end: date) -> set[str]:
    """The rules a break (inclusive of both ends) breaks: "early" (a start before
    EARLIEST_DATE), "order" (an end before the start) or else "long" (more than MAX_BREAK_DAYS).
    Empty when it is fine; it may lie in the future."""
    found = {"early"} if start < EARLIEST_DATE else set()
    if end < start:
        found.add("order")
    elif (end - start).days >= MAX_BREAK_DAYS:
        found.add("long")
    return found


def add_break(session: Session, user: User, *, start: date, end: date, note: str = "") -> Break:
    """A planned pause, inclusive of both ends; any of break_problems raises Invalid."""
    problems = break_problems(start, end)
    if "order" in problems:
        raise Invalid(
            "A break ends on or after the day it starts.",
            {"end": "Pick a date on or after the start."},
        )
    if "early" in problems:
        raise Invalid(
            "That date is too far in the past.",
            {"start": f"Pick a date from {EARLIEST_DATE.isoformat()} on."},
        )
    if "long" in problems:
        raise Invalid(
            "A break lasts a year at most.",
            {"end": f"Pick an end within {MAX_BREAK_DAYS} days of the start."},
        )
    limits.room_for(session, user.id, "breaks")
    pause = Break(user_id=user.id, start=start, end=end, note=note)
    session.add(pause)
    queries.forget_checkpoints(session, user.id, start)
    session.flush()
    return pause


def delete_break(session: Session, user: User, break_id: int, now: datetime) -> Removal:
    """Delete one of the user's breaks, so that it can be put back; another id raises
    NotFound."""
    pause = require_found(queries.break_of_user(session, user.id, break_id), "No such break.")
    words = f"the break from {human_date(pause.start)} to {human_date(pause.end)}"
    return removals.remove(session, pause, words, now)


def list_rejections(session: Session, user: User) -> list[Rejection]:
    """The user's rejections, newest first."""
    return queries.rejections_of_user(session, user.id)


def list_breaks(session: Session, user: User) -> list[Break]:
    """The user's breaks, by start date."""
    return queries.breaks_of_user(session, user.id)
