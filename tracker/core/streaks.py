"""The streak engine of SPEC section 3: day streak, goal streaks, strength and calendar states.

Pure: `compute(goals, entries, rejections, breaks, today)` reads no clock and does no I/O.
All dates are the user's local calendar dates.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .inputs import BreakSpec, EntrySpec, GoalSpec
from .prepare import GoalPlan, PreparedHistory, prepare
from .states import DayState
from .strength import after_done, completion, score, shielded_step, step

MAX_FREEZES = 2

# DayState's members as module names: the day walk is hot, and looking up an enum member
# through its class costs as much as the rest of a day's step.
ACTIVE, RESTFUL, SHIELDED, FROZEN, MISSED, OPEN, BEFORE = (
    DayState.ACTIVE,
    DayState.RESTFUL,
    DayState.SHIELDED,
    DayState.FROZEN,
    DayState.MISSED,
    DayState.OPEN,
    DayState.BEFORE,
)


@dataclass(frozen=True)
class DayStreak:
    """The headline "Bring it on" streak."""

    current: int
    best: int
    freezes: int
    comebacks: int


@dataclass(frozen=True)
class GoalStreak:
    """One goal's streak over the dates it is due on and its strength 0-100."""

    goal_id: int
    current: int
    best: int
    strength: int


@dataclass(frozen=True)
class CalendarDay:
    """What one date looks like: its state, the goals done and the rejections logged."""

    date: date
    state: DayState
    done_goal_ids: tuple[int, ...]
    rejections: int


@dataclass(frozen=True)
class Result:
    """Everything `compute` derives from a history.

    `goals` is sorted by goal id, one per goal passed in (archived ones too). `calendar` maps
    every date from the earliest start date to `today`, inclusive, in order, to its CalendarDay
    (empty without goals); it is a read-only mapping that builds each CalendarDay when asked.
    `comeback_dates` is the date each comeback was credited, in order: a day earns at most
    one comeback, so no date repeats. `best_reached` is `(n, date)` for each n the best
    day streak reached, in order: the date is the first day the best streak was n.
    `rejections_by_date` counts the rejections logged per date up to `today`.
    """

    day: DayStreak
    goals: tuple[GoalStreak, ...]
    calendar: Mapping[date, CalendarDay]
    comeback_dates: tuple[date, ...]
    best_reached: tuple[tuple[int, date], ...]
    today: date
    rejections_by_date: dict[date, int]


class _Calendar(Mapping[date, CalendarDay]):
    """`Result.calendar`: the walked dates in order, each CalendarDay built on access.

    Behaves as a read-only dict of the same items (and compares equal to one).
    """

    __slots__ = ("_first", "_plans", "_rejected", "_states")

    def __init__(self, states: list[DayState], history: PreparedHistory) -> None:
        self._first = history.first
        self._states = states
        self._plans = history.plans
        self._rejected = history.rejected

    def __len__(self) -> int:
        return len(self._states)

    def __iter__(self) -> Iterator[date]:
        return map(date.fromordinal, range(self._first, self._first + len(self._states)))

    def __contains__(self, key: object) -> bool:
        return self._offset(key) is not None

    def __getitem__(self, key: date) -> CalendarDay:
        i = self._offset(key)
        if i is None:
            raise KeyError(key)
        day = self._first + i
        done = tuple(plan.goal_id for plan in self._plans if day in plan.done)
        d = date.fromordinal(day)
        return CalendarDay(d, self._states[i], done, self._rejected.get(d, 0))

    def __repr__(self) -> str:
        return repr(dict(self))

    def _offset(self, key: object) -> int | None:
        if not isinstance(key, date) or isinstance(key, datetime):
            return None  # a dict keyed by dates would not find it either
        i = key.toordinal() - self._first
        return i if 0 <= i < len(self._states) else None


def compute(
    goals: Sequence[GoalSpec],
    entries: Sequence[EntrySpec],
    rejections: Sequence[date],
    breaks: Sequence[BreakSpec],
    today: date,
) -> Result:
    """Walk the history from the earliest start date to `today` and derive every streak.

    A goal's start is its `created_on` or its earliest entry, whichever is earlier; it is due
    on a scheduled date from its `created_on` on, and before that only on dates it has an
    entry for. Tracking began on the earliest `created_on`. Entries and rejections after
    `today` and entries of unknown goals are ignored; several rejections on one date are
    counted (`rejections_by_date`) but earn one comeback at most. Input order does not
    matter: duplicate entries for one (goal, date) keep the one that is not skipped, then
    the highest value.
    Raises ValueError when two goals share an id.
    """
    history = prepare(goals, entries, rejections, breaks, today)
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


def calendar_state(result: Result, d: date) -> CalendarDay:
    """Return the state of any date up to `result.today`; dates before the start are BEFORE.

    Raises ValueError for a date after `result.today`.
    """
    if d > result.today:
        raise ValueError(f"{d} is after today ({result.today})")
    known = result.calendar.get(d)
    if known is not None:
        return known
    return CalendarDay(d, BEFORE, (), result.rejections_by_date.get(d, 0))


def is_done(entry: EntrySpec, target: int) -> bool:
    """Tell whether an entry completes its goal: not skipped and `value >= target`."""
    return not entry.skipped and entry.value >= target


def _walk_days(
    history: PreparedHistory,
) -> tuple[DayStreak, _Calendar, tuple[date, ...], tuple[tuple[int, date], ...]]:
    """The day streak walk of SPEC section 3, steps 1-5, with the calendar states on the side."""
    run = best = freezes = comebacks = 0
    uncredited = {d.toordinal() for d in history.rejected}
    active = frozenset().union(*(plan.done for plan in history.plans))
    # Not restful: some goal is due and not skipped (breaks are checked on their own).
    busy = frozenset().union(*(set(plan.due) - plan.skipped for plan in history.plans))
    # Before tracking began a goal is due only where it has an entry (a back-filled day).
    began = history.began
    backfilled = frozenset().union(*(plan.backfilled for plan in history.plans))
    resting, shielded, today = history.resting, history.shielded, history.today
    states: list[DayState] = []
    comeback_dates: list[date] = []
    best_reached: list[tuple[int, date]] = []
    for day in range(history.first, today + 1):
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
                best_reached.append((best, date.fromordinal(day)))
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
    streak = DayStreak(current=run, best=best, freezes=freezes, comebacks=comebacks)
    return streak, _Calendar(states, history), tuple(comeback_dates), tuple(best_reached)


def _walk_goal(plan: GoalPlan, history: PreparedHistory) -> GoalStreak:
    """One goal's streak (no freezes) and strength, over the dates it is due on only.

    Strength is folded in on the same pass with `strength`'s steps: the done dates since the
    last other update are counted and applied at once (`after_done`, the walk is hot), a date
    with an entry that is not done or none takes `step` with `x = completion(value, target)`
    (0 without an entry), or `shielded_step` when shielded; skipped, break and open-today
    dates leave `s` unchanged. `best` is settled each time a run ends, and at the end.
    """
    run = best = gained = 0
    s = 0.0
    done, skipped, partial, target = plan.done, plan.skipped, plan.partial, plan.target
    resting, shielded, today = history.resting, history.shielded, history.today
    for day in plan.due:
        if day in done:
            run += 1
            if day not in resting:  # a break pauses strength even on a done date
                gained += 1
        elif day in skipped or day in resting or day == today:
            continue  # passed over (today is still open), strength unchanged
        else:
            value = partial.get(day)
            x = 0 if value is None else completion(value, target)
            if gained:
                s, gained = after_done(s, gained), 0
            if day in shielded:
                s = shielded_step(s, x)
            else:
                if run > best:
                    best = run
                run = 0
                s = step(s, x)
    if run > best:
        best = run
    s = after_done(s, gained)
    return GoalStreak(plan.goal_id, current=run, best=best, strength=score(s))
