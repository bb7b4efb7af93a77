"""Insights: the funnel and its pace, the weekday pattern, strength over time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.core.inputs import EntrySpec, GoalSpec
from tracker.core.insights import (
    FUNNEL_STAGES,
    applications_to_next_interview,
    funnel,
    next_badges,
    rejections_progress,
    sample_dates,
    weekday_pattern,
)
from tracker.core.streaks import compute

MONDAY = date(2026, 1, 5)
EVERY_DAY = frozenset(range(1, 8))


def test_an_empty_funnel_has_no_rates_and_no_estimate():
    result = funnel([])
    assert [(s.stage, s.count, s.rate) for s in result.steps] == [
        ("applied", 0, None),
        ("screen", 0, None),
        ("interview", 0, None),
        ("offer", 0, None),
    ]
    assert (result.applied, result.interviews, result.interview_rate) == (0, 0, None)
    assert result.next_interview_in is None


def test_reaching_a_stage_counts_every_stage_before_it():
    result = funnel(["applied"] * 6 + ["screen"] * 2 + ["interview", "offer"])
    assert [s.count for s in result.steps] == [10, 4, 2, 1]
    assert [s.rate for s in result.steps] == [None, 0.4, 0.5, 0.5]
    assert result.interview_rate == 0.2
    assert result.next_interview_in == 5  # one interview per 5 applications


def test_applications_without_an_interview_give_no_estimate():
    result = funnel(["applied"] * 7 + ["screen"])
    assert result.interviews == 0
    assert result.next_interview_in is None
    assert result.steps[2].rate == 0.0 and result.steps[3].rate is None


@pytest.mark.parametrize(
    ("applied", "interviews", "more"),
    [
        (20, 2, 10),  # one in ten: the third comes at application 30
        (7, 3, 3),  # the fourth at ceil(28 / 3) = 10
        (3, 3, 1),  # every application led to one: one more
        (1, 1, 1),
        (0, 0, None),
        (5, 0, None),
        (2, 3, None),  # impossible counts give no estimate
        (-1, -1, None),
    ],
)
def test_pace_to_the_next_interview(applied, interviews, more):
    assert applications_to_next_interview(applied, interviews) == more


@given(st.integers(1, 10_000), st.integers(1, 10_000))
def test_the_estimate_is_at_least_one_and_at_most_one_interval(a, b):
    applied, interviews = max(a, b), min(a, b)
    more = applications_to_next_interview(applied, interviews)
    assert more is not None
    assert 1 <= more <= -(-applied // interviews)


@given(st.lists(st.sampled_from(FUNNEL_STAGES), max_size=60))
def test_funnel_steps_never_grow(stages):
    counts = [step.count for step in funnel(stages).steps]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == len(stages)
    for step in funnel(stages).steps:
        assert step.rate is None or 0 <= step.rate <= 1


@pytest.mark.parametrize(
    ("count", "percent"), [(0, 0), (1, 1), (37, 37), (99, 99), (100, 100), (250, 100), (-3, 0)]
)
def test_rejections_collected_towards_a_hundred(count, percent):
    assert rejections_progress(count) == percent


def test_weekday_pattern_counts_showing_up_and_leaves_rest_out():
    states = {
        MONDAY: "active",
        MONDAY + timedelta(days=7): "missed",
        MONDAY + timedelta(days=14): "active",
        MONDAY + timedelta(days=1): "frozen",
        MONDAY + timedelta(days=2): "shielded",
        MONDAY + timedelta(days=5): "restful",
        MONDAY + timedelta(days=6): "before",
        MONDAY + timedelta(days=3): "open",
    }
    pattern = weekday_pattern(states)
    assert [s.weekday for s in pattern] == [1, 2, 3, 4, 5, 6, 7]
    assert [(s.active, s.counted) for s in pattern] == [
        (2, 3),
        (0, 1),
        (0, 1),
        (0, 0),
        (0, 0),
        (0, 0),
        (0, 0),
    ]
    assert [s.percent for s in pattern][:4] == [67, 0, 0, None]


def test_weekday_pattern_takes_pairs_too():
    pattern = weekday_pattern([(MONDAY, "active")])
    assert pattern[0].percent == 100


def _days(*offsets: int) -> list[date]:
    return [MONDAY + timedelta(days=i) for i in offsets]


@pytest.mark.parametrize(
    ("start", "points", "expected"),
    [
        (MONDAY - timedelta(days=365), 3, _days(-14, -7, 0)),  # weekly at most
        (MONDAY - timedelta(days=365), 13, _days(*range(-84, 1, 7))),  # the last 12 weeks
        (MONDAY - timedelta(days=2), 13, _days(-2, -1, 0)),  # a short history: daily
        (MONDAY - timedelta(days=30), 13, _days(*range(-30, 1, 3))),
        (MONDAY - timedelta(days=40), 13, _days(*range(-40, 1, 4))),
        (MONDAY, 13, [MONDAY]),
        (MONDAY + timedelta(days=3), 13, [MONDAY]),  # a start after today still shows today
        (MONDAY - timedelta(days=9), 1, [MONDAY]),
    ],
)
def test_sample_dates_are_even_at_most_weekly_and_never_before_the_start(start, points, expected):
    assert sample_dates(start, MONDAY, points) == expected


def test_sample_dates_refuse_zero_points():
    with pytest.raises(ValueError):
        sample_dates(MONDAY, MONDAY, 0)


def test_strengths_on_dates_match_the_engine_run_as_of_each_date():
    goal = GoalSpec(1, 1, EVERY_DAY, MONDAY)
    later = GoalSpec(2, 1, EVERY_DAY, MONDAY + timedelta(days=10))
    entries = [EntrySpec(1, MONDAY + timedelta(days=i), 1) for i in range(0, 20, 2)]
    entries.append(EntrySpec(2, MONDAY + timedelta(days=12), 1))
    rejections = [MONDAY + timedelta(days=5)]
    dates = [MONDAY + timedelta(days=i) for i in (0, 7, 14, 21)]
    today = MONDAY + timedelta(days=25)
    found = compute([goal, later], entries, rejections, [], today, strengths_on=dates)
    assert sorted(found.strengths_on) == dates
    for day, strengths in found.strengths_on.items():
        result = compute([goal, later], entries, rejections, [], day)
        assert strengths == {s.goal_id: s.strength for s in result.goals}
    assert found.strengths_on[dates[-1]][1] > found.strengths_on[dates[0]][1]


CATALOGUE = (
    ("day_streak", 3, "Three"),
    ("day_streak", 7, "Seven"),
    ("rejections", 1, "First no"),
    ("rejections", 10, "Ten noes"),
)


@pytest.mark.parametrize(
    ("progress", "expected"),
    [
        ({}, [("day_streak", 3, 0), ("rejections", 1, 0)]),
        ({"day_streak": 3, "rejections": 4}, [("day_streak", 7, 3), ("rejections", 10, 4)]),
        ({"day_streak": 9, "rejections": 10}, []),
        ({"day_streak": 2, "rejections": 12}, [("day_streak", 3, 2)]),
    ],
)
def test_next_badges_are_the_lowest_still_ahead_per_kind(progress, expected):
    found = next_badges(progress, CATALOGUE)
    assert [(b.kind, b.threshold, b.have) for b in found] == expected
