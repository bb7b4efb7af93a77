"""The streak engine of SPEC section 3: day streak, goal streaks, strength and calendar states.

Pure: `compute(goals, entries, rejections, breaks, today)` reads no clock and does no I/O.
All dates are the user's local calendar dates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from .days import ONE_DAY, date_range
from .strength import completion, habit_strength

ACTIVE = "active"
RESTFUL = "restful"
SHIELDED = "shielded"
FROZEN = "frozen"
MISSED = "missed"
OPEN = "open"
BEFORE = "before"
STATES = (ACTIVE, RESTFUL, SHIELDED, FROZEN, MISSED, OPEN, BEFORE)

MAX_FREEZES = 2


@dataclass(frozen=True)
class GoalSpec:
    """A goal as the engine sees it; `weekdays` are ISO weekdays 1 (Mon) .. 7 (Sun)."""

    id: int
    target: int
    weekdays: frozenset[int]
    created_on: date
    archived_on: date | None = None


class EntrySpec(NamedTuple):
    """One goal's entry on one date; done when not skipped and `value >= target`.

    A named tuple rather than a dataclass: a history holds thousands, built per request.
    """

    goal_id: int
    date: date
    value: int
    skipped: bool = False


@dataclass(frozen=True)
class BreakSpec:
    """A planned pause from `start` to `end`, both inclusive."""

    start: date
    end: date


@dataclass(frozen=True)
class DayStreak:
    """The headline "Bring it on" streak."""

    current: int
    best: int
    freezes: int
    comebacks: int


@dataclass(frozen=True)
class GoalStreak:
    """One goal's streak over its scheduled dates and its strength 0-100."""

    goal_id: int
    current: int
    best: int
    strength: int


@dataclass(frozen=True)
class DayState:
    """What one date looks like: its state (one of STATES), goals done, rejections logged."""

    date: date
    state: str
    done_goal_ids: tuple[int, ...]
    rejections: int


@dataclass(frozen=True)
class Result:
    """Everything `compute` derives from a history.

    `goals` is sorted by goal id, one per goal passed in (archived ones too). `calendar` holds
    every date from the earliest start date to `today`, inclusive (empty without goals).
    `comeback_dates` is the date each comeback was credited, in order (a date repeats when
    several rejections were credited on it). `best_reached` is `(n, date)` for each n the best
    day streak reached, in order: the date is the first day the best streak was n.
    `rejections_by_date` counts the rejections logged per date up to `today`.
    """

    day: DayStreak
    goals: tuple[GoalStreak, ...]
    calendar: dict[date, DayState]
    comeback_dates: tuple[date, ...]
    best_reached: tuple[tuple[int, date], ...]
    today: date
    rejections_by_date: dict[date, int]


@dataclass(frozen=True, slots=True)
class _Plan:
    """A goal prepared for the walks: its start, last schedulable date and indexed entries."""

    goal: GoalSpec
    start: date
    last: date
    entries: dict[date, EntrySpec]
    done: frozenset[date]
    skipped: frozenset[date]


@dataclass(frozen=True, slots=True)
class _History:
    plans: tuple[_Plan, ...]
    done: dict[date, tuple[int, ...]]
    rejected: dict[date, int]
    shielded: frozenset[date]
    resting: frozenset[date]
    first: date
    today: date


def compute(
    goals: Sequence[GoalSpec],
    entries: Sequence[EntrySpec],
    rejections: Sequence[date],
    breaks: Sequence[BreakSpec],
    today: date,
) -> Result:
    """Walk the history from the earliest start date to `today` and derive every streak.

    A goal's start is its `created_on` or its earliest entry, whichever is earlier. Entries
    and rejections after `today` and entries of unknown goals are ignored; several rejections
    on one date count as several. Input order does not matter: duplicate entries for one
    (goal, date) keep the one that is not skipped, then the highest value.
    Raises ValueError when two goals share an id.
    """
    history = _index(goals, entries, rejections, breaks, today)
    day, calendar, comeback_dates, best_reached = _walk_days(history)
    return Result(
        day=day,
        goals=tuple(_walk_goal(plan, history) for plan in history.plans),
        calendar=calendar,
        comeback_dates=comeback_dates,
        best_reached=best_reached,
        today=today,
        rejections_by_date=dict(history.rejected),
    )


def calendar_state(result: Result, d: date) -> DayState:
    """Return the state of any date up to `result.today`; dates before the start are "before".

    Raises ValueError for a date after `result.today`.
    """
    if d > result.today:
        raise ValueError(f"{d} is after today ({result.today})")
    known = result.calendar.get(d)
    if known is not None:
        return known
    return DayState(d, BEFORE, (), result.rejections_by_date.get(d, 0))


def is_done(entry: EntrySpec, target: int) -> bool:
    """Tell whether an entry completes its goal: not skipped and `value >= target`."""
    return not entry.skipped and entry.value >= target


def _rank(entry: EntrySpec) -> tuple[bool, int]:
    return (not entry.skipped, entry.value)


def _index(
    goals: Sequence[GoalSpec],
    entries: Sequence[EntrySpec],
    rejections: Sequence[date],
    breaks: Sequence[BreakSpec],
    today: date,
) -> _History:
    by_goal: dict[int, dict[date, EntrySpec]] = {goal.id: {} for goal in goals}
    if len(by_goal) != len(goals):
        raise ValueError("goal ids must be unique")
    for entry in entries:
        kept = by_goal.get(entry.goal_id)
        if kept is None or entry.date > today:
            continue
        old = kept.get(entry.date)
        if old is None or _rank(entry) > _rank(old):
            kept[entry.date] = entry
    plans = tuple(_plan(goal, by_goal[goal.id]) for goal in sorted(goals, key=lambda g: g.id))
    first = min((plan.start for plan in plans), default=today + ONE_DAY)
    rejected = Counter(d for d in rejections if d <= today)
    done: dict[date, tuple[int, ...]] = {}
    for plan in plans:
        for day in plan.done:
            done[day] = (*done.get(day, ()), plan.goal.id)
    return _History(
        plans=plans,
        done=done,
        rejected=dict(rejected),
        shielded=frozenset(rejected) | {d + ONE_DAY for d in rejected},
        resting=_break_dates(breaks, first, today),
        first=first,
        today=today,
    )


def _plan(goal: GoalSpec, entries: dict[date, EntrySpec]) -> _Plan:
    return _Plan(
        goal=goal,
        start=min([goal.created_on, *entries]),
        last=date.max if goal.archived_on is None else goal.archived_on - ONE_DAY,
        entries=entries,
        done=frozenset(d for d, entry in entries.items() if is_done(entry, goal.target)),
        skipped=frozenset(d for d, entry in entries.items() if entry.skipped),
    )


def _break_dates(breaks: Sequence[BreakSpec], first: date, last: date) -> frozenset[date]:
    """Dates inside any break, clipped to `first`..`last` inclusive."""
    dates: set[date] = set()
    for pause in breaks:
        dates.update(date_range(max(pause.start, first), min(pause.end, last)))
    return frozenset(dates)


def _is_restful(day: date, history: _History) -> bool:
    """Restful: inside a break, or no goal scheduled that is not skipped (SPEC section 3)."""
    if day in history.resting:
        return True
    weekday = day.isoweekday()
    for plan in history.plans:
        if (
            plan.start <= day <= plan.last
            and weekday in plan.goal.weekdays
            and day not in plan.skipped
        ):
            return False
    return True


def _walk_days(
    history: _History,
) -> tuple[DayStreak, dict[date, DayState], tuple[date, ...], tuple[tuple[int, date], ...]]:
    """The day streak walk of SPEC section 3, steps 1-5, with the calendar on the side."""
    run = best = freezes = comebacks = 0
    uncredited = dict(history.rejected)
    calendar: dict[date, DayState] = {}
    comeback_dates: list[date] = []
    best_reached: list[tuple[int, date]] = []
    for day in date_range(history.first, history.today):
        done = history.done.get(day, ())
        if done:
            run += 1
            credits = uncredited.pop(day - ONE_DAY, 0) + uncredited.pop(day, 0)
            comebacks += credits
            freezes = min(MAX_FREEZES, freezes + credits)
            comeback_dates.extend([day] * credits)
            state = ACTIVE
        elif _is_restful(day, history):
            state = RESTFUL
        elif day in history.shielded:
            state = SHIELDED
        elif day == history.today:
            state = OPEN
        elif freezes > 0:
            freezes -= 1
            state = FROZEN
        else:
            run = 0
            state = MISSED
        if run > best:
            best = run
            best_reached.append((best, day))
        calendar[day] = DayState(day, state, done, history.rejected.get(day, 0))
    streak = DayStreak(current=run, best=best, freezes=freezes, comebacks=comebacks)
    return streak, calendar, tuple(comeback_dates), tuple(best_reached)


def _walk_goal(plan: _Plan, history: _History) -> GoalStreak:
    """One goal's streak (no freezes) and strength, over its scheduled dates only."""
    run = best = 0
    steps: list[tuple[float, bool]] = []
    target, weekdays, today = plan.goal.target, plan.goal.weekdays, history.today
    for day in date_range(plan.start, min(plan.last, today)):
        if day.isoweekday() not in weekdays:
            continue
        done = day in plan.done
        paused = day in plan.skipped or day in history.resting
        shielded = day in history.shielded
        if done:
            run += 1
            best = max(best, run)
        elif not (paused or shielded or day == today):
            run = 0
        # Strength counts today only once it is done; a break pauses it even on a done date.
        if paused or (day == today and not done):
            continue
        entry = plan.entries.get(day)
        x = 0 if entry is None else completion(entry.value, target)
        steps.append((x, shielded and not done))
    return GoalStreak(plan.goal.id, current=run, best=best, strength=habit_strength(steps))
