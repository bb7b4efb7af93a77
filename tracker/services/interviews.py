"""Interviews of an application (SPEC section 4): scheduling one moves the application on to
`interview`; each can be changed, given an outcome and a debrief, and removed with undo.

`starts_at` is a naive local date and time in the account's timezone, kept as written.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from tracker import queries
from tracker.core import journey_messages, limits
from tracker.core import reminders as rules
from tracker.core.days import human_date
from tracker.core.limits import DEFAULT_DURATION, EARLIEST_DATE
from tracker.models import Application, Interview, Removal, User
from tracker.queries import journey as journey_queries
from tracker.services.applications import update_application
from tracker.services.errors import Invalid, LimitReached, require_found
from tracker.services.removals import remove

# The stages an application leaves for `interview` when one is scheduled.
BEFORE_INTERVIEW = ("saved", "applied", "screen")
# How far ahead an interview (and the listing's `to`) may lie, in calendar years.
YEARS_AHEAD = 3
# How far ahead Today looks for the next interviews, in days.
NEXT_DAYS = 14
# An interview's own fields, as an update takes them and the export carries them.
FIELDS = (
    "starts_at",
    "duration_minutes",
    "kind",
    "location",
    "notes",
    "outcome",
    "debrief",
    "plan",
)
# What a message's due instant depends on, of the interview itself.
_TIMING = ("starts_at", "duration_minutes")


def latest_day(today: date) -> date:
    """The last date an interview may start on: the same date three years after `today`
    (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def get_interview(session: Session, user: User, interview_id: int) -> Interview:
    """One of the user's interviews; any other id raises NotFound."""
    return require_found(
        queries.interview_of_user(session, user.id, interview_id), "No such interview."
    )


def list_interviews(
    session: Session, user: User, start: date | None, end: date | None
) -> list[Interview]:
    """The user's interviews starting on local dates `start`..`end` (inclusive; None: no
    bound), by start time, then the one scheduled first."""
    first = None if start is None else datetime.combine(start, time())
    after = None if end is None else datetime.combine(end + timedelta(days=1), time())
    return queries.interviews_between(session, user.id, first, after)


def schedule_interview(
    session: Session,
    user: User,
    application: Application,
    today: date,
    now: datetime,
    *,
    starts_at: datetime,
    kind: str,
    duration_minutes: int = DEFAULT_DURATION,
    location: str = "",
    notes: str = "",
    plan: str = "",
) -> Interview:
    """Add an interview to one of the user's applications (already checked to be theirs).

    An application at saved, applied or screen moves to interview, that stage dated `today`
    (the user's local date: a stage change is never dated in the future). Raises Invalid for
    a start before EARLIEST_DATE or more than three years after `today`, then LimitReached
    when the user holds MAX_RECORDS interviews.
    """
    _check_start(starts_at, today)
    _room_for_one(session, user)
    interview = Interview(
        user_id=user.id,
        application_id=application.id,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        kind=kind,
        location=location,
        notes=notes,
        plan=plan,
        created_at=now,
    )
    arm_messages(session, user, [interview], fresh=True)
    session.add(interview)
    session.flush()
    if application.stage in BEFORE_INTERVIEW:
        update_application(session, user, application, today, now, {"stage": "interview"})
    return interview


def update_interview(
    session: Session, user: User, interview: Interview, today: date, changes: dict
) -> Interview:
    """Apply the given fields of {starts_at, duration_minutes, kind, location, notes,
    outcome, debrief} (outcome None clears it). Raises Invalid for a start outside what
    schedule_interview takes, before anything changes."""
    if "starts_at" in changes:
        _check_start(changes["starts_at"], today)
    for field in FIELDS:
        if field in changes:
            setattr(interview, field, changes[field])
    if any(field in changes for field in _TIMING):
        arm_messages(session, user, [interview])
    session.flush()
    return interview


def arm_messages(
    session: Session, user: User, interviews: list[Interview], fresh: bool = False
) -> None:
    """Set when each interview message of `interviews` is due (SPEC section 5), from its start,
    its length, the user's zone and the time of their evening (nudge) rule.

    A message a sweep has already claimed (its instant is None) stays claimed: a moved
    interview never gets it twice. `fresh` interviews (new ones) get all three.
    """
    evening = journey_queries.evening_time(session, user.id) or rules.DEFAULT_TIMES[rules.NUDGE]
    for interview in interviews:
        due = journey_messages.due_instants(
            interview.starts_at, interview.duration_minutes, user.timezone, evening
        )
        for column, instant in due.items():
            if fresh or getattr(interview, column) is not None:
                setattr(interview, column, instant)


def arm_new_messages(session: Session, user: User, ids: list[int], now: datetime) -> None:
    """Give the interviews with `ids`, just written in bulk (an import), their messages; only
    those starting from yesterday on can have one still to send (the others keep none)."""
    since = local_now(user, now) - timedelta(days=1)
    new = journey_queries.interviews_with_ids(session, user.id, ids, since)
    arm_messages(session, user, new, fresh=True)
    session.flush()


def rearm_messages(session: Session, user: User, now: datetime) -> None:
    """After the user's zone or evening time changed: move the messages still to send of
    their interviews from yesterday on (an "after" message can be due the day after)."""
    since = local_now(user, now) - timedelta(days=1)
    arm_messages(session, user, journey_queries.interviews_to_rearm(session, user.id, since))
    session.flush()


def delete_interview(session: Session, user: User, interview_id: int, now: datetime) -> Removal:
    """Delete one of the user's interviews so that it can be put back (`removals.restore`);
    the application keeps its stage. Another id raises NotFound."""
    interview = get_interview(session, user, interview_id)
    day = human_date(interview.starts_at.date())
    words = f"the interview with {interview.application.company} ({day})"
    return remove(session, interview, words, now)


def _check_start(starts_at: datetime, today: date) -> None:
    last = latest_day(today)
    if starts_at.date() < EARLIEST_DATE:
        raise Invalid(
            "That date is too far in the past.",
            {"starts_at": f"Pick a date from {EARLIEST_DATE.isoformat()} on."},
        )
    if starts_at.date() > last:
        raise Invalid(
            "An interview can be at most three years ahead.",
            {"starts_at": f"Pick a date up to {last.isoformat()}."},
        )


def _room_for_one(session: Session, user: User) -> None:
    held = queries.count_interviews(session, user.id)
    if not limits.room_left(held, 1, limits.MAX_RECORDS):
        message = limits.records_message("interviews")
        raise LimitReached(message, {"starts_at": message})


def local_now(user: User, now: datetime) -> datetime:
    """The instant `now` as a naive local time in the user's timezone, as starts are kept."""
    return now.astimezone(zoneinfo.ZoneInfo(user.timezone)).replace(tzinfo=None)


def next_interviews(session: Session, user: User, now: datetime, limit: int = 3) -> list:
    """(starts_at, application_id, company) of the first `limit` interviews starting from
    `now` (the user's local time) on, within the next NEXT_DAYS days: one query."""
    start = local_now(user, now)
    end = start + timedelta(days=NEXT_DAYS)
    return queries.interviews_ahead(session, user.id, start, end, limit)
