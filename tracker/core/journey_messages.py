"""The messages of the interview journey (SPEC section 5): when each is due, and what it says.

`interview_prep` goes the evening before an interview (at the time of the user's `nudge`
rule), `interview_pep` two hours before it starts, `interview_after` an hour after it ends;
`follow_up` goes at the morning slot once an application has been quiet for 14 days.

Pure, like core/reminders: instants are aware datetimes in UTC; an interview's start is the
naive local date and time the person wrote, read in their zone. "Two hours before" is two
hours of real time, so an interview on the morning the clocks change is still met on time.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from tracker.core.labels import INTERVIEW_KIND
from tracker.core.practice_bank import PracticeItem
from tracker.core.reminders import local_instant, tag

INTERVIEW_PREP = "interview_prep"
INTERVIEW_PEP = "interview_pep"
INTERVIEW_AFTER = "interview_after"
FOLLOW_UP = "follow_up"
# The interview messages, in the order they go out; each is due at the instant kept in the
# interview's column of the same name (prep_at, pep_at, after_at).
INTERVIEW_KINDS = (INTERVIEW_PREP, INTERVIEW_PEP, INTERVIEW_AFTER)
COLUMNS = {INTERVIEW_PREP: "prep_at", INTERVIEW_PEP: "pep_at", INTERVIEW_AFTER: "after_at"}
PEP_BEFORE = timedelta(hours=2)
AFTER_END = timedelta(hours=1)
# How many follow-ups one morning brings at most; the others wait for the next mornings.
FOLLOW_UPS_PER_MORNING = 3

# Why a claimed interview message sent nothing.
QUIET_ANSWERED = "answered"  # the outcome was recorded before "How did it go?" was due
QUIET_CLOSED = "closed"  # the application was closed (rejected, withdrawn, ghosted) meanwhile


def due_instants(
    starts_at: datetime, duration_minutes: int, tz_name: str, evening: time
) -> dict[str, datetime]:
    """{column: UTC instant} of an interview starting at the naive local `starts_at` in zone
    `tz_name`: prep_at the day before at `evening`, pep_at two hours before the start, and
    after_at an hour after the end. A start in a gap of the clocks is read as the first
    instant after it, as a reminder's time is (core/reminders.local_instant)."""
    tz = zoneinfo.ZoneInfo(tz_name)
    start = local_instant(starts_at.date(), starts_at.time(), tz)
    end = start + timedelta(minutes=duration_minutes)
    return {
        "prep_at": local_instant(starts_at.date() - timedelta(days=1), evening, tz),
        "pep_at": start - PEP_BEFORE,
        "after_at": end + AFTER_END,
    }


@dataclass(frozen=True)
class InterviewFacts:
    """An interview as its messages speak of it."""

    id: int
    application_id: int
    company: str
    role: str
    kind: str
    starts_at: datetime
    duration_minutes: int
    location: str
    stage: str
    outcome: str | None


def decide(kind: str, facts: InterviewFacts) -> str | None:
    """None to send the interview message `kind`, or why it stays quiet.

    Interview messages go even inside a break (SPEC section 5). "How did it go?" is not asked
    once the person has said; nothing is sent about an application closed meanwhile."""
    if facts.stage in ("rejected", "withdrawn", "ghosted"):
        return QUIET_CLOSED
    if kind == INTERVIEW_AFTER and facts.outcome is not None:
        return QUIET_ANSWERED
    return None


def prep_url(interview_id: int) -> str:
    return f"/journal/applications/interviews/{interview_id}/prep"


def debrief_url(application_id: int, interview_id: int) -> str:
    return f"/journal/applications/{application_id}#interview-{interview_id}"


def application_url(application_id: int) -> str:
    return f"/journal/applications/{application_id}"


def _clock(at: datetime) -> str:
    return at.strftime("%H:%M")


def interview_message(kind: str, facts: InterviewFacts, pick: PracticeItem | None = None) -> dict:
    """The notification payload of an interview message (the shape of reminders.message).

    `pick` is the practice item of the evening before (for `interview_prep`)."""
    where = facts.company
    kind_words = INTERVIEW_KIND.get(facts.kind, facts.kind).lower()
    if kind == INTERVIEW_PREP:
        title = f"Tomorrow: interview at {where}"
        practice = f" Practise tonight: {pick.text}" if pick is not None else ""
        body = (
            f"{_clock(facts.starts_at)}, {kind_words}, {facts.role}.{practice} "
            "Then write your one if-then plan."
        )
        url = prep_url(facts.id)
    elif kind == INTERVIEW_PEP:
        title = f"In two hours: {where}"
        body = (
            "Nerves mean it matters, and they are normal. Breathe out slowly. "
            "Be yourself, not a rehearsed part: that is who they want to meet."
        )
        url = prep_url(facts.id)
    elif kind == INTERVIEW_AFTER:
        title = "How did it go?"
        body = (
            f"Your interview at {where} is done, whatever it felt like. "
            "Note how it went while it is fresh: two minutes."
        )
        url = debrief_url(facts.application_id, facts.id)
    else:
        raise ValueError(f"unknown interview message: {kind!r}")
    return _payload(kind, title, body, url, f"{tag(kind)}-{facts.id}")


@dataclass(frozen=True)
class QuietApplication:
    """An application quiet since `last_change` (its stage and follow-ups included)."""

    id: int
    company: str
    role: str
    stage: str
    last_change: date


def follow_up_message(application: QuietApplication, today: date) -> dict:
    """The `follow_up` payload of an application quiet since its last change."""
    days = (today - application.last_change).days
    title = f"No news from {application.company}"
    body = (
        f"{application.role}: no news for {days} days. "
        "Follow up, or close it as ghosted? Either way, you move on."
    )
    url = application_url(application.id)
    return _payload(FOLLOW_UP, title, body, url, f"{tag(FOLLOW_UP)}-{application.id}")


def _payload(kind: str, title: str, body: str, url: str, message_tag: str) -> dict:
    return {
        "kind": kind,
        "title": title,
        "body": body,
        "url": url,
        "tag": message_tag,
        "actions": [],
        "data": {"url": url},
    }
