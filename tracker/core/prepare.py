"""A history prepared for the streak walks of `streaks`: every date as a day ordinal.

The walks count days as ordinals (`date.toordinal()`): ints hash and compare faster than
dates, and the indexes below are built once per `compute`. Ordinal 1 (1 January of year 1)
is a Monday, so a day with ISO weekday w has `ordinal % 7 == w % 7`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .checkpoint import Checkpoint
from .inputs import BreakSpec, EntrySpec, GoalSpec, Inputs

# Per goal id while reading entries: (target, done days, partial values, skipped days).
_Entries = tuple[int, set[int], dict[int, int], set[int]]


@dataclass(frozen=True, slots=True)
class GoalPlan:
    """One goal, in ordinals: its start, the days it is due on (in order, up to its last
    schedulable day or today, and after the checkpoint the walk resumes from) and its
    entries, one per day after deduplication.

    Due (SPEC section 3): scheduled, and on or after the creation date or with an entry that
    day. `backfilled` holds the due days before creation, all of them entry days.
    """

    goal_id: int
    target: int
    start: int
    due: Sequence[int]
    backfilled: Sequence[int]
    done: set[int]
    skipped: set[int]  # a skipped entry, and none that is not skipped
    partial: dict[int, int]  # not done: the highest value of an entry that is not skipped


@dataclass(frozen=True, slots=True)
class PreparedHistory:
    """The inputs of `compute` up to `today`, indexed once for the walks."""

    plans: tuple[GoalPlan, ...]  # sorted by goal id
    rejected: dict[date, int]  # rejections logged per date
    shielded: frozenset[int]  # a rejection logged on the day or the day before
    resting: frozenset[int]  # inside a break
    first: int  # the earliest start, or today + 1 without goals
    began: int  # tracking began: the earliest creation date, or today + 1 without goals
    today: int
    walk_from: int  # the first day to walk: `first`, or the day after a checkpoint


def prepare(history: Inputs, today: date, since: Checkpoint | None = None) -> PreparedHistory:
    """Index a history for the walks, ignoring entries and rejections after `today` and
    entries of unknown goals. Raises ValueError when two goals share an id.

    With `since`, the walks go on after `since.through`: the due days are those after it,
    and the first day is the checkpoint's (entries up to `through` only mark done goals).
    """
    goals, entries, rejections, breaks = history
    last = today.toordinal()
    after = 0 if since is None else since.through
    collected = _collect(goals, entries, last)
    plans = tuple(
        _plan(goal, collected[goal.id], last, after) for goal in sorted(goals, key=lambda g: g.id)
    )
    first = since.first if since else min((plan.start for plan in plans), default=last + 1)
    began = min((goal.created_on.toordinal() for goal in goals), default=last + 1)
    rejected = Counter(d for d in rejections if d <= today)
    rejected_days = {d.toordinal() for d in rejected}
    return PreparedHistory(
        plans=plans,
        rejected=dict(rejected),
        shielded=frozenset(rejected_days.union([day + 1 for day in rejected_days])),
        resting=_break_days(breaks, first, last),
        first=first,
        began=began,
        today=last,
        walk_from=first if since is None else after + 1,
    )


def scheduled_days(weekdays: frozenset[int], first: int, last: int) -> Sequence[int]:
    """Return the ordinals from `first` to `last` inclusive whose ISO weekday is in `weekdays`,
    in order."""
    if all(weekday in weekdays for weekday in range(1, 8)):
        return range(first, last + 1)
    days: list[int] = []
    for weekday in range(1, 8):
        if weekday in weekdays:
            days.extend(range(first + (weekday - first) % 7, last + 1, 7))
    days.sort()
    return days


def _collect(
    goals: Sequence[GoalSpec], entries: Sequence[EntrySpec], last: int
) -> dict[int, _Entries]:
    """Sort each goal's entries up to `last` into done days, partial values and skipped days.

    Duplicates for one (goal, day) are resolved as `compute` promises: one that is done wins,
    then one that is not skipped with the highest value.
    """
    collected: dict[int, _Entries] = {goal.id: (goal.target, set(), {}, set()) for goal in goals}
    if len(collected) != len(goals):
        raise ValueError("goal ids must be unique")
    for goal_id, day, value, skipped in entries:
        kept = collected.get(goal_id)
        if kept is None:
            continue
        ordinal = day.toordinal()
        if ordinal > last:
            continue
        target, done, partial, skips = kept
        if skipped:
            skips.add(ordinal)
        elif value >= target:
            done.add(ordinal)
        elif ordinal not in partial or value > partial[ordinal]:
            partial[ordinal] = value
    return collected


def _plan(goal: GoalSpec, entries: _Entries, today: int, after: int) -> GoalPlan:
    target, done, partial, skips = entries
    created = goal.created_on.toordinal()
    start = min([created, *(min(days) for days in (done, partial, skips) if days)])
    last = today if goal.archived_on is None else min(today, goal.archived_on.toordinal() - 1)
    # Before creation only what was recorded counts: silence there is not a miss.
    backfilled = (
        _recorded_before(after + 1, created, last, goal.weekdays, entries)
        if start < created
        else []
    )
    scheduled = scheduled_days(goal.weekdays, max(created, after + 1), last)
    return GoalPlan(
        goal_id=goal.id,
        target=target,
        start=start,
        due=[*backfilled, *scheduled] if backfilled else scheduled,
        backfilled=backfilled,
        done=done,
        skipped=skips.difference(done, partial),
        partial={day: value for day, value in partial.items() if day not in done},
    )


def _recorded_before(
    since: int, created: int, last: int, weekdays: frozenset[int], entries: _Entries
) -> list[int]:
    """The days from `since` to before `created` (and up to `last`) with an entry on a
    scheduled weekday."""
    _, done, partial, skips = entries
    recorded = set().union(done, partial, skips)
    end = min(created - 1, last)
    # ISO weekday of an ordinal: ordinal % 7, with 0 for Sunday (7).
    return sorted(d for d in recorded if since <= d <= end and (d % 7 or 7) in weekdays)


def _break_days(breaks: Sequence[BreakSpec], first: int, last: int) -> frozenset[int]:
    """Ordinals inside any break, clipped to `first`..`last` inclusive."""
    days: set[int] = set()
    for pause in breaks:
        days.update(
            range(max(pause.start.toordinal(), first), min(pause.end.toordinal(), last) + 1)
        )
    return frozenset(days)
