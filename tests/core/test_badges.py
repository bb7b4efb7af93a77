"""Badges: which are earned, on which date, in which order, with which words."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tracker.core.badges import Badge, all_badge_kinds, earned_badges
from tracker.core.inputs import EntrySpec, GoalSpec
from tracker.core.streaks import compute

MONDAY = date(2025, 3, 3)
EVERY_DAY = frozenset(range(1, 8))

SPEC_THRESHOLDS = {
    "day_streak": (3, 7, 14, 30, 60, 100, 365),
    "comebacks": (1, 3, 10, 25),
    "rejections": (1, 10, 50, 100),
    "applications": (10, 50, 100),
    "reflections": (7, 30, 100),
}
TITLES = {(kind, threshold): title for kind, threshold, title in all_badge_kinds()}


def day(i: int) -> date:
    return MONDAY + timedelta(days=i)


def history(pattern: str, rejections=(), today: int | None = None):
    """One daily goal; x is a done day, anything else a day without entry."""
    entries = [EntrySpec(1, day(i), 1) for i, mark in enumerate(pattern) if mark == "x"]
    today = len(pattern) - 1 if today is None else today
    goal = GoalSpec(1, 1, EVERY_DAY, MONDAY)
    rejection_dates = [day(i) for i in rejections]
    return compute([goal], entries, rejection_dates, [], day(today)), rejection_dates


def earned(kind: str, badges) -> dict[int, date]:
    return {b.threshold: b.earned_on for b in badges if b.kind == kind}


def test_catalogue_has_exactly_the_spec_kinds_and_thresholds():
    catalogue: dict[str, tuple[int, ...]] = {}
    for kind, threshold, _ in all_badge_kinds():
        catalogue[kind] = (*catalogue.get(kind, ()), threshold)
    assert catalogue == SPEC_THRESHOLDS


def test_titles_are_short_distinct_and_never_guilt_tripping():
    titles = [title for _, _, title in all_badge_kinds()]
    assert len(set(titles)) == len(titles)
    assert all(0 < len(title) <= 40 for title in titles)
    words = {word for title in titles for word in re.findall(r"[a-z]+", title.lower())}
    assert not words & {"fail", "failed", "lost", "lose", "broke", "missed", "shame", "only"}
    assert TITLES["rejections", 1] == "First no collected"


def test_nothing_earned_on_an_empty_history():
    result, _ = history(".")
    assert earned_badges(result, []) == ()


def test_day_streak_badge_is_earned_the_day_the_best_streak_first_reached_it():
    result, _ = history("xxx.xxxxxxx")
    assert earned("day_streak", earned_badges(result, [])) == {3: day(2), 7: day(10)}


def test_a_later_longer_run_does_not_move_an_earned_date():
    result, _ = history("xxx." + "x" * 14)
    assert earned("day_streak", earned_badges(result, []))[3] == day(2)


def test_comeback_badges_follow_the_credited_comebacks():
    # Two rejections on day 0 answered that day are one comeback (SPEC revision 2: a day
    # earns at most one); days 2 and 4 answer the rejections of days 1 and 3.
    result, rejections = history("x.x.x", rejections=[0, 0, 1, 3])
    badges = earned_badges(result, rejections)
    assert result.comeback_dates == (day(0), day(2), day(4))
    assert earned("comebacks", badges) == {1: day(0), 3: day(4)}


@pytest.mark.parametrize(
    ("kind", "threshold"),
    [("rejections", 10), ("applications", 10), ("reflections", 7), ("applications", 50)],
)
def test_counted_badges_are_earned_on_the_date_the_count_reached_the_threshold(kind, threshold):
    result, _ = history("." * 60)
    dates = [day(59 - i) for i in range(60)]  # newest first: order must not matter
    kwargs = {"rejections": [], kind: dates}
    badges = earned_badges(result, **kwargs)
    assert earned(kind, badges)[threshold] == day(threshold - 1)


def test_first_rejection_is_a_badge_the_same_day():
    result, rejections = history("..", rejections=[1])
    assert earned_badges(result, rejections) == (
        Badge("rejections", 1, "First no collected", day(1)),
    )


def test_items_dated_after_today_do_not_count():
    result, _ = history("..")
    assert earned_badges(result, [day(5)], applications=[day(1)] * 9 + [day(5)]) == ()


def test_badges_are_ordered_by_date_then_kind_then_threshold():
    result, rejections = history("xxx", rejections=[0, 1, 2])
    badges = earned_badges(result, rejections, reflections=[day(0)] * 7)
    assert [(b.earned_on, b.kind, b.threshold) for b in badges] == [
        (day(0), "comebacks", 1),
        (day(0), "reflections", 7),
        (day(0), "rejections", 1),
        (day(2), "comebacks", 3),
        (day(2), "day_streak", 3),
    ]
    assert all(b.title == TITLES[b.kind, b.threshold] for b in badges)
