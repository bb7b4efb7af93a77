"""Hypothesis properties for the invariants of SPEC section 3, on arbitrary histories.

Two places where the rules and the invariants meet (docs/decisions.md, "Streak engine"):
- a shielded, not-done day never lowers strength but still counts partial progress, which is
  what keeps "a rejection never lowers strength" true for partial values too;
- a done entry dated before a goal's start moves the start (imported history counts), which
  can turn an earlier rest day into a missed one; the invariant holds for every done entry
  dated on or after the goal's start, and that is what the property checks.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.core.streaks import BreakSpec, EntrySpec, GoalSpec, Result, compute

from .oracle import oracle
from .test_exhaustive import plain

MONDAY = date(2025, 1, 6)
WINDOW = 21
EVERY_DAY = frozenset(range(1, 8))
PROPERTY = settings(max_examples=300, derandomize=True, database=None, deadline=None)


def day(i: int) -> date:
    return MONDAY + timedelta(days=i)


@dataclasses.dataclass(frozen=True)
class History:
    goals: list[GoalSpec]
    entries: list[EntrySpec]
    rejections: list[date]
    breaks: list[BreakSpec]
    today: date

    def compute(self) -> Result:
        return compute(self.goals, self.entries, self.rejections, self.breaks, self.today)

    def replace(self, **changes) -> History:
        return dataclasses.replace(self, **changes)


@st.composite
def goals(draw, gid: int) -> GoalSpec:
    created = draw(st.integers(0, WINDOW - 1))
    archived = draw(st.none() | st.integers(created + 1, WINDOW + 1))
    return GoalSpec(
        gid,
        target=draw(st.integers(1, 3)),
        weekdays=draw(st.frozensets(st.integers(1, 7), min_size=1) | st.just(EVERY_DAY)),
        created_on=day(created),
        archived_on=None if archived is None else day(archived),
    )


@st.composite
def histories(draw, partial: bool = True) -> History:
    """1-3 goals over three weeks: entries (also before creation and after today), rejections
    (several on one date too), breaks; with partial=False every value is 0 or the target."""
    specs = [draw(goals(gid)) for gid in range(1, draw(st.integers(1, 3)) + 1)]
    entries = []
    for goal in specs:
        days = draw(st.sets(st.integers(0, WINDOW - 1), max_size=WINDOW))
        for i in sorted(days):
            value = draw(st.integers(0, 4) if partial else st.sampled_from([0, goal.target]))
            skipped = draw(st.sampled_from([False, False, False, True]))
            entries.append(EntrySpec(goal.id, day(i), value, skipped))
    rejections = [day(i) for i in draw(st.lists(st.integers(-1, WINDOW - 1), max_size=8))]
    spans = draw(st.lists(st.tuples(st.integers(0, WINDOW - 1), st.integers(0, 4)), max_size=2))
    breaks = [BreakSpec(day(start), day(start + length)) for start, length in spans]
    today = day(draw(st.integers(WINDOW - 7, WINDOW - 1)))
    return History(specs, entries, rejections, breaks, today)


def not_lower(before: tuple[int, ...], after: tuple[int, ...]) -> bool:
    return all(b <= a for b, a in zip(before, after, strict=True))


def day_numbers(result: Result) -> tuple[int, int, int]:
    return result.day.current, result.day.best, result.day.comebacks


@PROPERTY
@given(histories(), st.integers(-1, WINDOW - 1))
def test_logging_a_rejection_never_lowers_the_day_streak(history, rejection_day):
    before = history.compute()
    after = history.replace(rejections=[*history.rejections, day(rejection_day)]).compute()
    assert not_lower(day_numbers(before), day_numbers(after))


@PROPERTY
@given(histories(), st.integers(-1, WINDOW - 1))
def test_logging_a_rejection_never_lowers_a_goal_streak(history, rejection_day):
    before = history.compute()
    after = history.replace(rejections=[*history.rejections, day(rejection_day)]).compute()
    for b, a in zip(before.goals, after.goals, strict=True):
        assert not_lower((b.current, b.best), (a.current, a.best))


@PROPERTY
@given(histories(), st.integers(-1, WINDOW - 1))
def test_logging_a_rejection_never_lowers_strength(history, rejection_day):
    before = history.compute()
    after = history.replace(rejections=[*history.rejections, day(rejection_day)]).compute()
    for b, a in zip(before.goals, after.goals, strict=True):
        assert b.strength <= a.strength


def test_shielding_a_partial_day_keeps_its_progress():
    # Target 2, value 1 yesterday: s = (1 - m) / 2 = 0.026 -> 3. A rejection that day shields
    # it; the shield may only keep s from falling, so the partial progress still counts.
    history = History(
        goals=[GoalSpec(1, 2, EVERY_DAY, day(0))],
        entries=[EntrySpec(1, day(0), 1)],
        rejections=[],
        breaks=[],
        today=day(1),
    )
    before = history.compute().goals[0].strength
    after = history.replace(rejections=[day(0)]).compute().goals[0].strength
    assert (before, after) == (3, 3)


@st.composite
def histories_and_a_done_entry(draw) -> tuple[History, EntrySpec]:
    """A history and a done entry for one of its goals on a date from its start to today."""
    history = draw(histories())
    goal = draw(st.sampled_from(history.goals))
    earliest = min([goal.created_on, *(e.date for e in history.entries if e.goal_id == goal.id)])
    offset = draw(st.integers(0, max(0, (history.today - earliest).days)))
    return history, EntrySpec(goal.id, earliest + timedelta(days=offset), goal.target)


@PROPERTY
@given(histories_and_a_done_entry())
def test_adding_a_done_entry_never_lowers_the_day_streak(case):
    history, done = case
    kept = [e for e in history.entries if (e.goal_id, e.date) != (done.goal_id, done.date)]
    before = history.compute()
    after = history.replace(entries=[*kept, done]).compute()
    assert not_lower((before.day.current, before.day.best), (after.day.current, after.day.best))


def test_a_done_entry_before_a_goals_start_schedules_the_days_in_between():
    # The start-date rule at work: goal 1 is done, skipped (every due goal skipped: restful),
    # done: streak 2. A done entry for goal 2 (created on day 2) on day 0 moves goal 2's start
    # to day 0, so day 1 is no longer restful but missed: streak 1, best 1. The monotonicity
    # invariant is kept for entries on or after a goal's start (property above).
    history = History(
        goals=[GoalSpec(1, 1, EVERY_DAY, day(0)), GoalSpec(2, 1, EVERY_DAY, day(2))],
        entries=[EntrySpec(1, day(0), 1), EntrySpec(1, day(1), 0, True), EntrySpec(1, day(2), 1)],
        rejections=[],
        breaks=[],
        today=day(2),
    )
    before = history.compute().day
    after = history.replace(entries=[*history.entries, EntrySpec(2, day(0), 1)]).compute().day
    assert (before.current, before.best) == (2, 2)
    assert (after.current, after.best) == (1, 1)


@PROPERTY
@given(histories(), st.randoms(use_true_random=False), st.lists(st.integers(0, 40), max_size=3))
def test_result_does_not_depend_on_input_order(history, rnd, duplicates):
    # Duplicated (goal, date) entries too, which the caller never sends but must not matter.
    entries = history.entries + [history.entries[i] for i in duplicates if i < len(history.entries)]
    entries += [e._replace(value=e.value + 1) for e in entries[:1]]
    shuffled = [rnd.sample(items, len(items)) for items in (history.goals, entries)]
    rejections = rnd.sample(history.rejections, len(history.rejections))
    breaks = rnd.sample(history.breaks, len(history.breaks))
    first = compute(history.goals, entries, history.rejections, history.breaks, history.today)
    second = compute(*shuffled, rejections, breaks, history.today)
    assert first == second


@PROPERTY
@given(histories())
def test_engine_matches_oracle_on_random_histories(history):
    expected = oracle(
        history.goals, history.entries, history.rejections, history.breaks, history.today
    )
    assert plain(history.compute()) == expected
