"""The streak engine of SPEC section 3: day streak, goal streaks, strength and calendar states.

Pure: `compute(goals, entries, rejections, breaks, today)` reads no clock and does no I/O.
All dates are the user's local calendar dates. The engine is a fold over days: it can keep
its state at the end of finished days (`keep`) and go on from one later (`since`), which
gives exactly what a walk from the first day gives (`checkpoint`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from .calendar import Calendar, CalendarDay
from .checkpoint import CODE_OF, Checkpoint, Reached
from .goal_walk import GoalStreak, walk_goal
from .inputs import BreakSpec, EntrySpec, GoalSpec, Inputs
from .prepare import PreparedHistory, prepare
from .states import DayState

MAX_FREEZES = 2

# DayState's members as module names: the day walk is hot, and looking up an enum member
# through its class costs as much as the rest of a day's step.
# The calendar is kept as one letter per day (checkpoint.STATE_CODES).
ACTIVE, RESTFUL, SHIELDED, FROZEN, MISSED, OPEN, BEFORE = (
    CODE_OF[state]
    for state in (
        DayState.ACTIVE,
        DayState.RESTFUL,
        DayState.SHIELDED,
        DayState.FROZEN,
        DayState.MISSED,
        DayState.OPEN,
        DayState.BEFORE,
    )
)


@dataclass(frozen=True)
class DayStreak:
    """The headline "Bring it on" streak."""

    current: int
    best: int
    freezes: int
    comebacks: int


@dataclass(frozen=True)
class Result:
    """Everything `compute` derives from a history.

    `goals` is sorted by goal id, one per goal passed in (archived ones too). `calendar` maps
    every date from the earliest start date to `today`, inclusive, in order, to its CalendarDay
    (empty without goals); it is a read-only mapping that builds each CalendarDay when asked.
    `comeback_dates` is the date each comeback was credited, in order: a day earns at most
    one comeback, so no date repeats. `best_reached` is `(n, date)` for each n the best
    day streak reached, in order: the date is the first day the best streak was n (a
    read-only sequence, kept as runs: `checkpoint.Reached`).
    `rejections_by_date` counts the rejections logged per date up to `today`.
    `checkpoints` holds the state at the end of each walked day of `keep`, in order, and
    `strengths_on` each goal's strength as it stood on each date of `strengths_on`, as if that
    date were today ({date: {goal id: strength}}).
    """

    day: DayStreak
    goals: tuple[GoalStreak, ...]
    calendar: Mapping[date, CalendarDay]
    comeback_dates: tuple[date, ...]
    best_reached: Reached
    today: date
    rejections_by_date: dict[date, int]
    checkpoints: tuple[Checkpoint, ...] = ()
    strengths_on: dict[date, dict[int, int]] = field(default_factory=dict)


def compute(
    goals: Sequence[GoalSpec],
    entries: Sequence[EntrySpec],
    rejections: Sequence[date],
    breaks: Sequence[BreakSpec],
    today: date,
    *,
    since: Checkpoint | None = None,
    keep: Collection[date] = (),
    strengths_on: Collection[date] = (),
) -> Result:
    """Walk the history from the earliest start date to `today` and derive every streak.

    A goal's start is its `created_on` or its earliest entry, whichever is earlier; it is due
    on a scheduled date from its `created_on` on, and before that only on dates it has an
    entry for. Tracking began on the earliest `created_on`. Entries and rejections after
    `today` and entries of unknown goals are ignored; several rejections on one date are
    counted (`rejections_by_date`) but earn one comeback at most. Input order does not
    matter: duplicate entries for one (goal, date) keep the one that is not skipped, then
    the highest value.

    `since` goes on from a checkpoint of this same history (nothing on or before its day may
    have changed since): only the days after it are walked, and entries up to it only tell
    the calendar which goals were done. `keep` asks for checkpoints at the end of those days
    (days before today and after `since`; others are left out), `strengths_on` for the
    strengths as of those dates (after `since`, up to `today`).
    Raises ValueError when two goals share an id, or for a `strengths_on` date out of range.
    """
    history = prepare(Inputs(goals, entries, rejections, breaks), today, since)
    marks, as_of = _asked(history, keep, strengths_on)
    days = _walk_days(history, since, set(marks))
    walked = [walk_goal(plan, history, since, marks, as_of) for plan in history.plans]
    return Result(
        day=days.streak,
        goals=tuple(goal for goal, _, _ in walked),
        calendar=Calendar(days.states, history),
        comeback_dates=days.comeback_dates,
        best_reached=days.best_reached,
        today=today,
        rejections_by_date=dict(history.rejected),
        checkpoints=tuple(
            replace(kept, goals=tuple(states[i] for _, states, _ in walked))
            for i, kept in enumerate(days.kept)
        ),
        strengths_on={
            date.fromordinal(day): {goal.goal_id: shown[i] for goal, _, shown in walked}
            for i, day in enumerate(as_of)
        },
    )


def _asked(
    history: PreparedHistory, keep: Collection[date], strengths_on: Collection[date]
) -> tuple[list[int], list[int]]:
    """The days to keep a checkpoint of (walked and before today) and the days to tell the
    strengths on, as sorted ordinals. Raises ValueError for a strength day out of the walk."""
    marks = sorted({d for d in map(date.toordinal, keep) if history.walk_from <= d < history.today})
    as_of = sorted(set(map(date.toordinal, strengths_on)))
    if as_of and not history.walk_from <= as_of[0] <= as_of[-1] <= history.today:
        raise ValueError("strengths_on must lie between the walk's first day and today")
    return marks, as_of


def calendar_state(result: Result, d: date) -> CalendarDay:
    """Return the state of any date up to `result.today`; dates before the start are BEFORE.

    Raises ValueError for a date after `result.today`.
    """
    if d > result.today:
        raise ValueError(f"{d} is after today ({result.today})")
    known = result.calendar.get(d)
    if known is not None:
        return known
    return CalendarDay(d, DayState.BEFORE, (), result.rejections_by_date.get(d, 0))


def is_done(entry: EntrySpec, target: int) -> bool:
    """Return whether an entry completes its goal: not skipped and `value >= target`."""
    return not entry.skipped and entry.value >= target


@dataclass(frozen=True)
class _Days:
    """What the day walk gives: the streak, the calendar letters, and its kept states (a
    Checkpoint without the goals)."""

    streak: DayStreak
    states: str
    comeback_dates: tuple[date, ...]
    best_reached: Reached
    kept: tuple[Checkpoint, ...]


def _walk_days(history: PreparedHistory, since: Checkpoint | None, marks: set[int]) -> _Days:
    """The day streak walk of SPEC section 3, steps 1-5, with the calendar states on the side."""
    start = since or Checkpoint.before(history.first, history.rejected)
    run, best, freezes, comebacks = start.run, start.best, start.freezes, start.comebacks
    uncredited = {d for d in map(date.toordinal, history.rejected) if d > start.through}
    uncredited.update([start.through] if start.uncredited else [])
    states, comeback_dates = [start.states], list(start.comeback_dates)
    runs = [list(r) for r in start.best_reached.runs]
    active, busy, backfilled = _day_sets(history)
    began, resting, shielded, today = (
        history.began,
        history.resting,
        history.shielded,
        history.today,
    )
    kept: list[Checkpoint] = []
    for day in range(history.walk_from, today + 1):
        if day in active:
            run += 1
            # A rejection on day - 1 or day not credited yet: credit them all, one comeback.
            if day in shielded and (day - 1 in uncredited or day in uncredited):
                uncredited.discard(day - 1)
                uncredited.discard(day)
                comebacks += 1
                if freezes < MAX_FREEZES:
                    freezes += 1
                comeback_dates.append(date.fromordinal(day))
            if run > best:
                best = run
                _grow(runs, best, day)
            state = ACTIVE
        elif day in resting or day not in busy:
            # Silence before tracking began is not counted at all ("before" beats "restful").
            state = BEFORE if day < began and day not in backfilled else RESTFUL
        elif day in shielded:
            state = SHIELDED
        elif day == today:
            state = OPEN
        elif freezes > 0:
            freezes -= 1
            state = FROZEN
        else:
            run = 0
            state = MISSED
        states.append(state)
        if day in marks:
            counts = (run, best, freezes, comebacks, day in uncredited)
            kept.append(_kept(history, day, counts, states, comeback_dates, runs))
    streak = DayStreak(current=run, best=best, freezes=freezes, comebacks=comebacks)
    return _Days(streak, "".join(states), tuple(comeback_dates), Reached(runs), tuple(kept))


def _grow(runs: list[list[int]], best: int, day: int) -> None:
    """Note that the best day streak reached `best` on `day`, in `runs` (see Reached)."""
    last = runs[-1] if runs else (0, 0, 0)
    if last[0] + last[2] == best and last[1] + last[2] == day:
        last[2] += 1  # the best grew by one a day: the same run
    else:
        runs.append([best, day, 1])


def _day_sets(history: PreparedHistory) -> tuple[frozenset[int], ...]:
    """The days some goal was done; the days some goal is due and not skipped (not restful;
    breaks are checked on their own); the back-filled days (before tracking began a goal is
    due only where it has an entry)."""
    plans = history.plans
    active = frozenset().union(*(plan.done for plan in plans))
    busy = frozenset().union(*(set(plan.due) - plan.skipped for plan in plans))
    return active, busy, frozenset().union(*(plan.backfilled for plan in plans))


def _kept(
    history: PreparedHistory,
    day: int,
    counts: tuple[int, int, int, int, bool],  # run, best, freezes, comebacks, uncredited
    states: list[str],
    comeback_dates: list[date],
    runs: list[list[int]],
) -> Checkpoint:
    """The day walk's state at the end of `day` (the goals' states are added after)."""
    kept = (tuple(comeback_dates), Reached(runs), "".join(states), ())
    return Checkpoint(day, history.first, *counts, *kept)
