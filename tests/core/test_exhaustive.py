"""The engine against the naive oracle on every short history, and the invariants on them.

Every history ends TODAY; goals are daily with target 2, created on any day of the window.
An entry on a day is one of: none, zero (value 0), partial (value 1), done (value 2) or
skipped. Rejections: every subset of the window's days plus the day before it (a rejection
there shields the first day and is credited on it). What is enumerated:

A. One goal, 1-6 days, every creation day, every rejection set. Entry states: before
   creation none / zero / done / skipped; from creation on none / done / skipped. That is
   every distinction the day streak, the calendar and the goal streak can see: from creation
   on, "zero" is the same as "none" (due either way, not done, x = 0), and "partial" differs
   from "zero" only in strength, which set B covers.
B. One goal, 1-4 days, the same with partial entries too (all five states before creation,
   four from it); up to 3 days also with a break over days 1-2, or archived on day 2.
C. Two goals, 1-3 days, every pair of creation days, every rejection set, the states of A
   for each goal (both goals' partial states, for 1-2 days).

A history whose first day is silent and before every goal's creation is the shorter history
after it (the walk starts at the earliest start date), so it is not enumerated twice. That
leaves 1,124,220 histories in A (993,024 of 6 days), 43,024 in B (and about 7,000 with a
break or archiving) and 200,384 in C: about 1.37 million.
Each history is checked against the oracle; the invariants of SPEC section 3 are checked on
every pair of histories that differ by one rejection (day streak's current, best and
comebacks; each goal's current, best and strength never drop) or by one entry turned done
(day streak's current and best never drop), and on set C the engine also gets the goals,
entries and rejections in reverse order (the result must not change).

The oracle's walk is shared between histories with the same first days (`Walk.copy`), so
it costs about one day's step per history; the engine runs on each history from scratch.
"""

from __future__ import annotations

import functools
import gc
import itertools
import operator
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import pytest

from tracker.core.inputs import BreakSpec, EntrySpec, GoalSpec
from tracker.core.streaks import Result, compute

from .oracle import Facts, Walk

TODAY = date(2025, 3, 13)  # a Thursday
EVERY_DAY = frozenset(range(1, 8))
TARGET = 2
SILENT = "none"
BEFORE_CREATION = ("none", "zero", "done", "skipped")
FROM_CREATION = ("none", "done", "skipped")
WITH_PARTIAL = ("partial",)


def plain(result: Result) -> dict:
    """The engine's result in the oracle's shape."""
    return {
        "day": (result.day.current, result.day.best, result.day.freezes, result.day.comebacks),
        "goals": {g.goal_id: (g.current, g.best, g.strength) for g in result.goals},
        "calendar": {
            d: (s.state, s.done_goal_ids, s.rejections) for d, s in result.calendar.items()
        },
        "comeback_dates": list(result.comeback_dates),
    }


@functools.cache
def entry(goal_id: int, day: date, state: str) -> EntrySpec | None:
    """The entry a state stands for (cached: the same few are built again and again)."""
    if state == "skipped":
        return EntrySpec(goal_id, day, 0, skipped=True)
    value = {"zero": 0, "partial": 1, "done": TARGET}.get(state)
    return None if value is None else EntrySpec(goal_id, day, value)


def window(days: int) -> list[date]:
    return [TODAY - timedelta(days=days - 1 - i) for i in range(days)]


# A history's key: its entry states, 3 bits each (CODES) for (day 0, goal 1), (day 0,
# goal 2), (day 1, goal 1), ..., above its rejection days as a bit mask, bit 0 for the day
# before the window. Its numbers: day current, best, comebacks, then current, best and
# strength of each goal.
CODES = {"none": 0, "zero": 1, "partial": 2, "done": 3, "skipped": 4}
Numbers = tuple[int, ...]


def numbers(result: Result) -> Numbers:
    day = result.day
    goals = [n for g in result.goals for n in (g.current, g.best, g.strength)]
    return (day.current, day.best, day.comebacks, *goals)


def every_history(
    goals: Sequence[GoalSpec],
    days: Sequence[date],
    states: Callable[[GoalSpec, date], Sequence[str]],
    breaks: Sequence[BreakSpec] = (),
    reversed_too: bool = False,
) -> dict[int, Numbers]:
    """Check every history of `goals` over `days` (entry states per goal and date from
    `states`, every rejection set) against the oracle; return the numbers of each by key.

    Walks the days depth first, stepping the oracle's walk once per day and history prefix.
    """
    results: dict[int, Numbers] = {}
    last, slots = len(days) - 1, len(days) + 1

    def extend(i: int, entries: list, rejections: list, mask: int, code: int, walk: Walk):
        day = days[i]
        for day_states in itertools.product(*(states(goal, day) for goal in goals)):
            if i == 0 and all(
                s == SILENT and goal.created_on > day
                for goal, s in zip(goals, day_states, strict=True)
            ):
                continue  # the shorter history from day 1 on
            now = [
                *entries,
                *(e for g, s in zip(goals, day_states, strict=True) if (e := entry(g.id, day, s))),
            ]
            now_code = code
            for g, state in enumerate(day_states):
                now_code |= CODES[state] << 3 * (i * len(goals) + g)
            for bit in (0, 1):
                rejected = [*rejections, day] if bit else rejections
                now_mask = mask | bit << (i + 1)
                stepped = walk.copy(Facts(goals, now, rejected, breaks, TODAY))
                stepped.step(day)
                if i < last:
                    extend(i + 1, now, rejected, now_mask, now_code, stepped)
                else:
                    numbers = check(goals, now, rejected, breaks, stepped, reversed_too)
                    results[now_code << slots | now_mask] = numbers

    gc.disable()  # millions of small objects, none in a cycle: collecting them is wasted time
    try:
        for bit in (0, 1):
            rejections = [days[0] - timedelta(days=1)] if bit else []
            walk = Walk(Facts(goals, [], rejections, breaks, TODAY))
            extend(0, [], rejections, bit, 0, walk)
    finally:
        gc.enable()
    return results


def check(goals, entries, rejections, breaks, walk: Walk, reversed_too: bool) -> Numbers:
    result = compute(goals, entries, rejections, breaks, TODAY)
    expected = walk.answer()
    assert plain(result) == expected, (goals, entries, rejections, breaks)
    if reversed_too:
        backwards = compute(goals[::-1], entries[::-1], rejections[::-1], breaks[::-1], TODAY)
        assert plain(backwards) == expected, ("reversed", goals, entries, rejections, breaks)
    return numbers(result)


def not_lower(before: Numbers, after: Numbers) -> bool:
    return all(map(operator.le, before, after))


def check_invariants(results: dict[int, Numbers], positions: int, slots: int) -> None:
    """One more rejection never lowers any number; an entry turned done never lowers the
    day streak's current and best. `positions` is days times goals."""
    done = CODES["done"]
    for key, before in results.items():
        for slot in range(slots):
            if not key >> slot & 1:
                after = results[key | 1 << slot]
                assert not_lower(before, after), ("one more rejection", key, slot)
        for position in range(positions):
            shift = 3 * position + slots
            state = key >> shift & 7
            if state != done:
                after = results[key + ((done - state) << shift)]
                assert not_lower(before[:2], after[:2]), ("turned done", key, position)


def alphabet(partial: bool) -> Callable[[GoalSpec, date], Sequence[str]]:
    extra = WITH_PARTIAL if partial else ()

    def states(goal: GoalSpec, day: date) -> Sequence[str]:
        return (*(BEFORE_CREATION if day < goal.created_on else FROM_CREATION), *extra)

    return states


def daily(gid: int, created: date, archived_on: date | None = None) -> GoalSpec:
    return GoalSpec(gid, TARGET, EVERY_DAY, created, archived_on)


HISTORIES_A = {1: 12, 2: 144, 3: 1440, 4: 13248, 5: 116352, 6: 993024}


@pytest.mark.parametrize("length", [1, 2, 3, 4, 5, 6])
def test_every_one_goal_history(length):
    days = window(length)
    checked = 0
    for created in days:
        results = every_history([daily(1, created)], days, alphabet(partial=False))
        check_invariants(results, length, length + 1)
        checked += len(results)
    assert checked == HISTORIES_A[length]


CONTEXTS = {  # name: (breaks, archived on), over the window's days 0, 1, 2, ...
    "plain": (lambda days: (), None),
    "break_days_1_2": (lambda days: (BreakSpec(days[1], days[min(2, len(days) - 1)]),), None),
    "archived_day_2": (lambda days: (), 2),
}


# Windows of 2 to 4 days; breaks and archiving up to 3 days here (10 in test_properties.py),
# and archiving only where the window reaches the day it happens.
PARTIAL_CASES = [
    pytest.param(length, context, id=f"{length}-{context}")
    for length in (2, 3, 4)
    for context, (_, archived) in CONTEXTS.items()
    if (length < 4 or context == "plain") and (archived is None or archived < length)
]


@pytest.mark.parametrize(("length", "context"), PARTIAL_CASES)
def test_every_one_goal_history_with_partial_entries(length, context):
    days = window(length)
    make_breaks, archived = CONTEXTS[context]
    archived_on = None if archived is None else days[archived]
    for created in days:
        goal = daily(1, created, archived_on)
        results = every_history([goal], days, alphabet(partial=True), make_breaks(days))
        check_invariants(results, length, length + 1)


@pytest.mark.parametrize("length", [1, 2, 3])
def test_every_two_goal_history(length):
    days = window(length)
    for first, second in itertools.product(days, repeat=2):
        goals = [daily(1, first), daily(2, second)]
        states = alphabet(partial=length <= 2)
        results = every_history(goals, days, states, reversed_too=True)
        check_invariants(results, 2 * length, length + 1)
