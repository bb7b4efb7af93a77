"""What each date looked like: the calendar of the streak walk, built day by day on access."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from .checkpoint import STATE_OF
from .prepare import PreparedHistory
from .states import DayState


@dataclass(frozen=True)
class CalendarDay:
    """What one date looks like: its state, the goals done and the rejections logged."""

    date: date
    state: DayState
    done_goal_ids: tuple[int, ...]
    rejections: int


class Calendar(Mapping[date, CalendarDay]):
    """`Result.calendar`: the walked dates in order, each CalendarDay built on access.

    `states` holds one letter of `checkpoint.STATE_CODES` per day from the history's first
    day on. The goals done on a day come from the entries the history was prepared with.
    Behaves as a read-only dict of the same items (and compares equal to one).
    """

    __slots__ = ("_first", "_plans", "_rejected", "_states")

    def __init__(self, states: str, history: PreparedHistory) -> None:
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
        return CalendarDay(d, STATE_OF[self._states[i]], done, self._rejected.get(d, 0))

    def states(self, start: date, end: date) -> Iterator[tuple[date, DayState]]:
        """(date, state) of each walked date from `start` to `end` inclusive, in order: the
        states alone, without building a CalendarDay for each."""
        first, states = self._first, self._states
        low = max(start.toordinal(), first)
        high = min(end.toordinal(), first + len(states) - 1)
        for day in range(low, high + 1):
            yield date.fromordinal(day), STATE_OF[states[day - first]]

    def __repr__(self) -> str:
        return repr(dict(self))

    def _offset(self, key: object) -> int | None:
        if not isinstance(key, date) or isinstance(key, datetime):
            return None  # a dict keyed by dates would not find it either
        i = key.toordinal() - self._first
        return i if 0 <= i < len(self._states) else None
