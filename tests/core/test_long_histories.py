"""Months-long histories against the naive oracle, and the lazy calendar mapping of a Result.

The exhaustive and property tests use histories of at most three weeks; these cross month and
year ends, many weeks of weekday schedules, archiving, imported entries and breaks, so the
engine's day-ordinal arithmetic is checked where short windows cannot reach.
"""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime, timedelta

import pytest

from tracker.core.inputs import BreakSpec, EntrySpec, GoalSpec
from tracker.core.prepare import scheduled_days
from tracker.core.streaks import CalendarDay, calendar_state, compute
from tracker.core.strength import MULTIPLIER

from .oracle import oracle
from .test_exhaustive import plain

TODAY = date(2025, 1, 20)
DAYS = 120


def random_history(seed: int):
    """Three goals over DAYS days ending TODAY: one entry at most per (goal, date)."""
    rnd = random.Random(seed)
    first = TODAY - timedelta(days=DAYS - 1)
    goals = [
        GoalSpec(7, 1, frozenset(range(1, 8)), first + timedelta(days=5)),
        GoalSpec(3, 2, frozenset({1, 3, 5}), first, archived_on=TODAY - timedelta(days=9)),
        GoalSpec(5, 3, frozenset({2, 6, 7}), first + timedelta(days=30)),
    ]
    entries = []
    for goal, i in itertools.product(goals, range(-3, DAYS + 2)):  # before the start and after
        roll = rnd.random()
        if roll < 0.3:
            continue
        value = goal.target if roll < 0.65 else rnd.randrange(goal.target)
        entries.append(EntrySpec(goal.id, first + timedelta(days=i), value, roll > 0.92))
    rejections = [first + timedelta(days=rnd.randrange(-1, DAYS + 1)) for _ in range(8)]
    breaks = [BreakSpec(first + timedelta(days=20), first + timedelta(days=26))]
    breaks.append(BreakSpec(TODAY - timedelta(days=3), TODAY + timedelta(days=4)))
    rnd.shuffle(entries)
    return goals, entries, rejections, breaks


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_engine_matches_oracle_on_months_long_histories(seed):
    goals, entries, rejections, breaks = random_history(seed)
    result = compute(goals, entries, rejections, breaks, TODAY)
    assert plain(result) == oracle(goals, entries, rejections, breaks, TODAY)


def test_calendar_behaves_as_a_dict_of_its_items():
    result = compute(*random_history(4), TODAY)
    calendar = result.calendar
    as_dict = dict(calendar.items())
    assert calendar == as_dict and as_dict == calendar
    assert list(calendar) == sorted(as_dict) and len(calendar) == len(as_dict)
    assert list(calendar.values()) == list(as_dict.values())
    assert repr(calendar) == repr(as_dict)
    assert calendar != {**as_dict, TODAY: CalendarDay(TODAY, "missed", (), 0)}
    first = min(calendar)
    assert first in calendar and TODAY in calendar
    for absent in (first - timedelta(days=1), TODAY + timedelta(days=1), "2025-01-20"):
        assert absent not in calendar and calendar.get(absent) is None
        with pytest.raises(KeyError):
            calendar[absent]
    assert datetime(2025, 1, 20) not in calendar  # a dict keyed by dates would not find it
    assert all(calendar_state(result, d) == state for d, state in calendar.items())
    assert all(type(d) is date and state.date == d for d, state in calendar.items())


def test_an_empty_calendar_is_falsy():
    result = compute([], [], [TODAY], [], TODAY)
    assert not result.calendar and result.calendar == {} and list(result.calendar) == []


@pytest.mark.parametrize("start", [date(2024, 12, 30), date(2025, 1, 1), date(2025, 1, 5)])
def test_scheduled_days_are_the_dates_on_those_weekdays(start):
    first, last = start.toordinal(), start.toordinal() + 20
    for size in range(8):
        for weekdays in itertools.combinations(range(1, 8), size):
            expected = [
                o for o in range(first, last + 1) if date.fromordinal(o).isoweekday() in weekdays
            ]
            assert list(scheduled_days(frozenset(weekdays), first, last)) == expected


@pytest.mark.parametrize(
    ("done_days", "last", "rejected", "expected"),
    [
        pytest.param(0, None, False, 0, id="nothing_counted"),
        pytest.param(1, None, False, round(100 * (1 - MULTIPLIER)), id="one_done_day"),
        pytest.param(13, None, False, 50, id="thirteen_done_days_are_half"),
        pytest.param(13, 0, True, 50, id="a_shielded_miss_keeps_it"),
        pytest.param(13, 0, False, 47, id="a_miss_is_half_times_m"),
        pytest.param(13, 1, True, 50, id="shielded_partial_never_lowers_it"),
    ],
)
def test_habit_strength_folds_due_days_and_a_shield_never_lowers_it(
    done_days, last, rejected, expected
):
    # The score has one formula, core.strength's steps, which the goal walk takes (each step
    # alone: test_strength.py); checked here through compute(). Done days from day 0, then
    # `last` (a value, or nothing) on the day after them; today is open and not counted.
    first = TODAY - timedelta(days=30)
    entries = [EntrySpec(1, first + timedelta(days=i), 2) for i in range(done_days)]
    end = first + timedelta(days=done_days)
    if last is not None:
        entries.append(EntrySpec(1, end, last))
    today = end + timedelta(days=1) if last is not None else end
    rejections = [end] if rejected else []
    goal = GoalSpec(1, 2, frozenset(range(1, 8)), first)
    (streak,) = compute([goal], entries, rejections, [], today).goals
    assert streak.strength == expected
