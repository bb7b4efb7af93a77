"""Reminders (SPEC section 5): when a rule fires, whether a slot is sent, and what it says.

Pure: every function takes the instants and facts it needs; nothing reads a clock. Instants
are aware datetimes (returned in UTC); `time`s and dates are local to the user's zone.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

PLAN = "plan"
NUDGE = "nudge"
COMEBACK = "comeback"
KINDS = (PLAN, NUDGE, COMEBACK)
DEFAULT_TIMES = {PLAN: time(9, 0), NUDGE: time(19, 0), COMEBACK: time(9, 0)}
EVERY_DAY = 0b1111111
# A slot older than this when a sweep reaches it is skipped, not sent late.
GRACE = timedelta(minutes=30)
# The notification action that checks in a nudge's goal (the service worker handles it).
DONE_ACTION = "done"
# How long a push service keeps a message for an offline device (its TTL, in seconds): a plan
# is still worth reading at lunch, a nudge or a pep talk not the next day, the rest of the
# interview journey that day; any other kind an hour.
TTL_SECONDS = {"plan": 4 * 3600, "comeback": 4 * 3600, "nudge": 2 * 3600, "test": 600}
TTL_SECONDS |= {"interview_pep": 2 * 3600, "interview_prep": 12 * 3600}
TTL_SECONDS |= {"interview_after": 12 * 3600, "follow_up": 12 * 3600}
DEFAULT_TTL = 3600

# Why a claimed slot sent nothing.
SEND = "send"
QUIET_BREAK = "break"
QUIET_ACTIVE = "active"
QUIET_REPLACED = "replaced"
QUIET_NO_REJECTION = "no_rejection"
QUIET_RESTFUL = "restful"
QUIET_STALE = "stale"


def _day_in(mask: int, day: date) -> bool:
    return bool(mask & (1 << (day.isoweekday() - 1)))


def local_instant(day: date, at: time, tz: zoneinfo.ZoneInfo) -> datetime:
    """The UTC instant at which the wall clock in `tz` shows `at` on `day`.

    A time that occurs twice (clocks go back) gives the first occurrence. A time that does
    not exist that day (clocks jump forward) gives the first valid instant after it: the
    moment of the jump, found by bisection because its size and position vary by zone.
    """
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == naive:
        return first
    # In a gap, fold=1 reads the time with the offset after the jump: an instant before it.
    low, high = naive.replace(tzinfo=tz, fold=1).astimezone(UTC), first
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(tz).replace(tzinfo=None) >= naive:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def next_fire(at: time, weekday_mask: int, tz_name: str, after: datetime) -> datetime:
    """The first instant strictly after `after` at which a rule for local time `at` on the
    ISO weekdays of `weekday_mask` (Monday is bit 0) fires in zone `tz_name`, in UTC.

    Raises ValueError for an empty mask or a naive `after`.
    """
    if not weekday_mask & EVERY_DAY:
        raise ValueError("a reminder needs at least one weekday")
    if after.tzinfo is None:
        raise ValueError("next_fire needs an aware datetime")
    tz = zoneinfo.ZoneInfo(tz_name)
    day = after.astimezone(tz).date()
    # Nine days: a whole week, plus a calendar day that a zone skipped entirely.
    for offset in range(9):
        candidate_day = day + timedelta(days=offset)
        if not _day_in(weekday_mask, candidate_day):
            continue
        instant = local_instant(candidate_day, at, tz)
        if instant > after:
            return instant
    raise AssertionError("unreachable: a non-empty mask fires within nine days")


@dataclass(frozen=True)
class Claim:
    """What a sweep at `now` does with a due rule: send `slot` (None when every due slot is
    stale), note the first stale slot it skipped, and move the rule on to `next_fire_at`."""

    slot: datetime | None
    stale: datetime | None
    next_fire_at: datetime


def claim(
    due: datetime, at: time, weekday_mask: int, tz_name: str, now: datetime, grace=GRACE
) -> Claim:
    """Decide what a sweep at `now` does with a rule whose stored next fire is `due` (<= now).

    A slot is sent when it lies at most `grace` before `now`; older slots (after an outage)
    are skipped, but a later slot within the grace is still sent. Raises ValueError when the
    rule is not due yet.
    """
    if due > now:
        raise ValueError("the rule is not due")
    if now - due <= grace:
        return Claim(due, None, next_fire(at, weekday_mask, tz_name, due))
    latest = next_fire(at, weekday_mask, tz_name, now - grace)
    if latest <= now:
        return Claim(latest, due, next_fire(at, weekday_mask, tz_name, latest))
    return Claim(None, due, latest)


@dataclass(frozen=True)
class GoalFacts:
    """A goal as a reminder sees it on one local date."""

    id: int
    title: str
    target: int
    weekday_mask: int
    created_on: date
    archived_on: date | None = None

    def scheduled_on(self, day: date) -> bool:
        """Whether the goal asks for something on `day` (created, not archived, its weekday)."""
        archived = self.archived_on is not None and self.archived_on <= day
        return not archived and self.created_on <= day and _day_in(self.weekday_mask, day)


@dataclass(frozen=True)
class DayFacts:
    """What the rules need about one user's local `day`.

    `entries` maps goal id to (value, skipped) on `day`; `rejected_yesterday` is whether a
    rejection is logged on the day before; `comeback_enabled` is the comeback rule's switch;
    `went_well_yesterday` is whether an interview the day before went well.
    """

    day: date
    goals: tuple[GoalFacts, ...] = ()
    entries: Mapping[int, tuple[int, bool]] = field(default_factory=dict)
    in_break: bool = False
    rejected_yesterday: bool = False
    comeback_enabled: bool = True
    went_well_yesterday: bool = False

    def done(self, goal: GoalFacts) -> bool:
        """Whether `goal` is done on the day: not skipped and value >= target."""
        value, skipped = self.entries.get(goal.id, (0, False))
        return not skipped and value >= goal.target

    @property
    def active(self) -> bool:
        """At least one goal is done today (SPEC section 3), scheduled or not."""
        return any(self.done(goal) for goal in self.goals)

    def open_goals(self) -> list[GoalFacts]:
        """Goals scheduled today that are neither done nor skipped, by id."""
        return [
            goal
            for goal in sorted(self.goals, key=lambda g: g.id)
            if goal.scheduled_on(self.day)
            and not self.done(goal)
            and not self.entries.get(goal.id, (0, False))[1]
        ]


def decide(kind: str, facts: DayFacts) -> str:
    """SEND, or why a slot of a rule of `kind` stays quiet on `facts.day`.

    Nothing is sent inside a break. A plan gives way to the comeback on the morning after a
    rejection (when the comeback is on); a comeback goes only on that morning. A nudge goes
    only while today is not active and some scheduled goal is still open.
    """
    if kind == COMEBACK and not facts.rejected_yesterday:
        return QUIET_NO_REJECTION
    if facts.in_break:
        return QUIET_BREAK
    if kind == PLAN:
        return QUIET_REPLACED if facts.rejected_yesterday and facts.comeback_enabled else SEND
    if kind == COMEBACK:
        return SEND
    if kind == NUDGE:
        if facts.active:
            return QUIET_ACTIVE
        return SEND if facts.open_goals() else QUIET_RESTFUL
    raise ValueError(f"unknown reminder kind: {kind!r}")


def ttl_for(kind: str) -> int:
    """How long a push service may keep a message of `kind` for a device offline."""
    return TTL_SECONDS.get(kind, DEFAULT_TTL)


def tag(kind: str) -> str:
    """The notification tag of a kind: a repeat replaces the earlier one instead of stacking."""
    return f"bring-it-on-{kind}"


def _titles(goals: Iterable[GoalFacts]) -> str:
    return " · ".join(goal.title for goal in goals)


def message(kind: str, facts: DayFacts) -> dict:
    """The notification payload of SPEC section 5 for `kind` on `facts.day`.

    `{"kind", "title", "body", "url", "tag", "actions", "data"}`; a nudge carries the
    DONE_ACTION and, in `data`, the `goal_id` and local `date` that the action checks in.
    """
    actions: list[dict] = []
    data: dict = {}
    if kind == PLAN:
        planned = [goal for goal in facts.goals if goal.scheduled_on(facts.day)]
        title = "Today's plan"
        body = f"Today: {_titles(planned)}" if planned else "A fresh day. Bring it on."
        if facts.went_well_yesterday:  # people coast after a good day
            body += " Yesterday's interview went well: keep the pipeline full, apply to one more."
    elif kind == COMEBACK:
        title = "Bring it on"
        body = "Yesterday was a no. Today is a comeback: one small step is all it takes."
    elif kind == NUDGE:
        goal = next(iter(facts.open_goals()), None)
        title = "Still time today"
        body = f"One small step keeps you going: {goal.title}" if goal else "One small step counts."
        if goal is not None:
            actions = [{"action": DONE_ACTION, "title": "Mark done"}]
            data = {"goal_id": goal.id, "date": facts.day.isoformat()}
    else:
        raise ValueError(f"unknown reminder kind: {kind!r}")
    return {
        "kind": kind,
        "title": title,
        "body": body,
        "url": "/",
        "tag": tag(kind),
        "actions": actions,
        "data": {**data, "url": "/"},
    }


# The W3C Push API's declarative push message: what Safari 18.4+ shows without running the
# service worker; `mutable` lets the worker, where it runs, build the notification instead.
DECLARATIVE = 8030
LANG = "en"


def declarative(payload: dict, base_url: str, badge: int) -> dict:
    """`payload` with the declarative push message beside its own keys (SPEC section 5):
    `web_push`, `notification` {title, body, navigate (absolute, under `base_url`), tag,
    lang}, `app_badge` (`badge`: today's scheduled goals not yet done) and `mutable`."""
    return payload | {
        "web_push": DECLARATIVE,
        "notification": {
            "title": payload["title"],
            "body": payload["body"],
            "navigate": base_url + payload["url"],
            "tag": payload["tag"],
            "lang": LANG,
        },
        "app_badge": badge,
        "mutable": True,
    }


def trial_message() -> dict:
    """The payload of "send a test notification" from the settings page."""
    return {
        "kind": "test",
        "title": "Reminders are on",
        "body": "This is how your reminders will look on this device.",
        "url": "/",
        "tag": tag("test"),
        "actions": [],
        "data": {"url": "/"},
    }
