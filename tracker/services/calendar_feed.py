"""The calendar feed (SPEC section 6): a secret address that calendar apps subscribe to.

Only the SHA-256 digest of the secret is stored (User.calendar_feed_hash), as for API tokens;
a new secret replaces the one before. The feed is RFC 5545 text written with `icalendar`: an
event per interview, in UTC, and an all-day event on the follow-up date of each quiet
application. A calendar app fetches it again and again: it holds the interviews from
FEED_PAST before today on and at most FEED_EVENTS of each kind, so that even an account at
its limits gets its feed within the time any request may take.
"""

from __future__ import annotations

import secrets
import zoneinfo
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy.orm import Session

from tracker import queries
from tracker.core.reminders import local_instant
from tracker.models import Interview, User
from tracker.services.accounts import hash_token
from tracker.services.applications import FOLLOW_UP_STAGES, QUIET_DAYS

# How far back the feed reaches, and how many interviews (the first from then on) and
# follow-ups (the latest) it holds at most.
FEED_PAST = timedelta(days=365)
FEED_EVENTS = 1000


def new_feed_secret(session: Session, user: User) -> str:
    """A new secret for the user's feed (shown once); the one before stops working."""
    raw = secrets.token_urlsafe(32)
    user.calendar_feed_hash = hash_token(raw)
    session.flush()
    return raw


def drop_feed(session: Session, user: User) -> None:
    """The user's feed stops working (nothing happens when there is none)."""
    user.calendar_feed_hash = None
    session.flush()


def feed_owner(session: Session, raw: str) -> User | None:
    """The user whose current feed secret is `raw`, or None for any other text."""
    return queries.user_by_feed_hash(session, hash_token(raw))


def follow_up_day(last_change: date) -> date:
    """The day a quiet application asks for a follow-up: QUIET_DAYS after its last change."""
    return last_change + timedelta(days=QUIET_DAYS)


def feed_calendar(session: Session, user: User, today: date, now: datetime, host: str) -> bytes:
    """The user's feed as RFC 5545 bytes: the interviews from FEED_PAST before `today` on (UID
    `interview-<id>@host`, DTSTART/DTEND in UTC from the local start in the user's timezone;
    a local time that a clock change skips starts at the jump), then an all-day event on the
    follow-up date of each open application (QUIET_DAYS after its last change: ahead of time
    while it is not quiet yet; UID `follow-up-<id>@host`); FEED_EVENTS of each at most."""
    calendar = Calendar()
    calendar.add("prodid", "-//Bring It On//Interviews and follow-ups//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Bring It On")
    tz = zoneinfo.ZoneInfo(user.timezone)
    since = datetime.combine(today - FEED_PAST, datetime.min.time())
    for interview in queries.interviews_between(session, user.id, since, None, FEED_EVENTS):
        calendar.add_component(_interview_event(interview, tz, now, host))
    for open_one in queries.last_changes(session, user.id, FOLLOW_UP_STAGES, FEED_EVENTS):
        calendar.add_component(_follow_up_event(open_one, now, host))
    return calendar.to_ical()


def _interview_event(interview: Interview, tz: zoneinfo.ZoneInfo, now: datetime, host: str):
    application = interview.application
    start = local_instant(interview.starts_at.date(), interview.starts_at.time(), tz)
    event = Event()
    event.add("uid", f"interview-{interview.id}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=interview.duration_minutes))
    event.add("summary", f"Interview: {application.company}, {application.role}")
    if interview.location:
        event.add("location", interview.location)
    if interview.notes:
        event.add("description", interview.notes)
    return event


def _follow_up_event(application, now: datetime, host: str):
    day = follow_up_day(application.last_change)
    event = Event()
    event.add("uid", f"follow-up-{application.id}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"Follow up: {application.company}, {application.role}")
    event.add("transp", "TRANSPARENT")
    return event
