"""Golden cases for every rule of SPEC section 3: day streak, goal streak, strength, calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tracker.core.days import date_range
from tracker.core.inputs import BreakSpec, EntrySpec, GoalSpec
from tracker.core.streaks import CalendarDay, Result, calendar_state, compute

MONDAY = date(2025, 3, 3)
EVERY_DAY = frozenset(range(1, 8))


def day(i: int) -> date:
    """Day number i of the scenario; day 0 is a Monday."""
    return MONDAY + timedelta(days=i)


def goal(gid: int = 1, *, target: int = 1, weekdays=EVERY_DAY, created: int = 0, archived=None):
    archived_on = None if archived is None else day(archived)
    return GoalSpec(gid, target, frozenset(weekdays), day(created), archived_on)


def marks(pattern: str, gid: int = 1, first: int = 0) -> list[EntrySpec]:
    """One character per day from day `first`: x done (value 9), s skipped, . nothing, 1-8 value."""
    entries = []
    for i, mark in enumerate(pattern):
        if mark == "x":
            entries.append(EntrySpec(gid, day(first + i), 9))
        elif mark == "s":
            entries.append(EntrySpec(gid, day(first + i), 0, skipped=True))
        elif mark.isdigit():
            entries.append(EntrySpec(gid, day(first + i), int(mark)))
    return entries


def run(goals, entries=(), rejections=(), breaks=(), today=None) -> Result:
    """compute() with day numbers; today defaults to the last day an entry mentions."""
    last = max((e.date for e in entries), default=MONDAY) if today is None else day(today)
    return compute(
        list(goals),
        list(entries),
        [day(i) for i in rejections],
        [BreakSpec(day(a), day(b)) for a, b in breaks],
        last,
    )


def numbers(result: Result) -> tuple[int, int, int, int]:
    d = result.day
    return d.current, d.best, d.freezes, d.comebacks


# One daily goal, target 1; today is the last character unless given.
DAY_STREAK_CASES = [
    pytest.param("xxx", [], [], None, (3, 3, 0, 0), id="done_days_build_the_streak"),
    pytest.param("xx.x", [], [], None, (1, 2, 0, 0), id="missed_day_resets_the_streak"),
    pytest.param("xx.", [], [], 2, (2, 2, 0, 0), id="open_today_keeps_the_streak"),
    pytest.param("xx.x", [2], [], None, (3, 3, 1, 1), id="rejection_day_does_not_break_streak"),
    pytest.param("x..x", [1], [], None, (2, 2, 0, 0), id="day_after_a_rejection_is_shielded"),
    pytest.param("x", [0], [], None, (1, 1, 1, 1), id="comeback_on_the_rejection_day"),
    pytest.param(".x", [0], [], None, (1, 1, 1, 1), id="comeback_credited_on_d_minus_1"),
    pytest.param("..x", [0], [], None, (1, 1, 0, 0), id="no_comeback_two_days_later"),
    pytest.param("xx", [0], [], None, (2, 2, 1, 1), id="a_rejection_is_credited_once"),
    # SPEC revision 2: a day earns at most one comeback, however many rejections it answers.
    pytest.param(".x", [0, 0], [], None, (1, 1, 1, 1), id="two_rejections_one_day_one_comeback"),
    pytest.param(".x", [0] * 3, [], None, (1, 1, 1, 1), id="three_rejections_one_comeback"),
    pytest.param("x", [-1, 0], [], None, (1, 1, 1, 1), id="d_minus_1_and_d_one_comeback"),
    pytest.param("xx", [-1, 0], [], None, (2, 2, 1, 1), id="all_answered_rejections_credited"),
    pytest.param("xxx", [0, 1, 2], [], None, (3, 3, 2, 3), id="freezes_are_capped_at_two"),
    pytest.param("xx.x", [0], [], None, (3, 3, 0, 1), id="a_freeze_saves_a_missed_day"),
    pytest.param("xx....x", [0, 1], [], None, (1, 2, 0, 2), id="two_freezes_then_a_miss"),
    pytest.param("xx.xx.x", [0, 3], [], None, (5, 5, 0, 2), id="freezes_are_spent_and_earned"),
    pytest.param("xxxxxxx.x", [], [], None, (1, 7, 0, 0), id="freezes_come_only_from_comebacks"),
    pytest.param("xx.", [0], [], 2, (2, 2, 1, 1), id="open_today_spends_no_freeze"),
    pytest.param("xsx", [], [], None, (2, 2, 0, 0), id="skipped_day_is_passed_over"),
    pytest.param("x..x", [], [(1, 2)], None, (2, 2, 0, 0), id="break_passes_over_missed_days"),
    pytest.param("x", [-1], [], None, (1, 1, 1, 1), id="rejection_the_day_before_start_counts"),
    pytest.param("x.x", [5], [], None, (1, 1, 0, 0), id="rejection_after_today_is_ignored"),
    pytest.param("xx0x", [], [], None, (1, 2, 0, 0), id="zero_value_entry_is_not_done"),
]


@pytest.mark.parametrize(("pattern", "rejections", "breaks", "today", "expected"), DAY_STREAK_CASES)
def test_day_streak(pattern, rejections, breaks, today, expected):
    today = len(pattern) - 1 if today is None else today
    result = run([goal(target=1)], marks(pattern), rejections, breaks, today)
    assert numbers(result) == expected


def test_unscheduled_day_is_restful():
    result = run([goal(weekdays={1, 3})], marks("x.x"))
    assert numbers(result) == (2, 2, 0, 0)
    assert calendar_state(result, day(1)).state == "restful"


def test_done_on_an_unscheduled_day_still_counts_as_active():
    result = run([goal(weekdays={1})], marks(".x"), today=1)
    assert [s.state for s in result.calendar.values()] == ["missed", "active"]
    assert numbers(result) == (1, 1, 0, 0)


def test_one_goal_done_is_enough_for_an_active_day():
    result = run([goal(1), goal(2)], marks("xx", 1) + marks("..", 2), today=1)
    assert numbers(result) == (2, 2, 0, 0)


def test_skipping_one_goal_is_not_rest_while_another_is_due():
    result = run([goal(1), goal(2)], marks("xsx", 1) + marks("x.x", 2))
    assert numbers(result) == (1, 1, 0, 0)
    assert calendar_state(result, day(1)).state == "missed"


def test_every_scheduled_goal_skipped_is_restful():
    result = run([goal(1), goal(2)], marks("xsx", 1) + marks("xsx", 2))
    assert numbers(result) == (2, 2, 0, 0)


def test_start_date_is_the_earliest_entry_when_it_is_before_creation():
    # The calendar starts at the earliest entry; before creation only recorded days are due,
    # so the silent day 1 is "before" and passed over (revision 1 made it a miss: (1, 1)).
    result = run([goal(created=3)], marks("x.x."), today=3)
    assert min(result.calendar) == day(0)
    assert numbers(result) == (2, 2, 0, 0)
    states = [calendar_state(result, day(i)).state for i in range(-1, 4)]
    assert states == ["before", "active", "before", "active", "open"]


def test_archived_goal_is_not_due_from_its_archive_date():
    result = run([goal(archived=2)], marks("xx"), today=4)
    assert numbers(result) == (2, 2, 0, 0)
    assert {calendar_state(result, day(i)).state for i in (2, 3, 4)} == {"restful"}


def test_entries_of_unknown_goals_and_after_today_are_ignored():
    entries = marks("x", 1) + marks("xx", 99) + marks("x", 1, first=3)
    result = run([goal(1)], entries, today=1)
    assert numbers(result) == (1, 1, 0, 0)
    assert sorted(result.calendar) == [day(0), day(1)]


def test_duplicate_entries_keep_the_done_one_whatever_the_order():
    done, skipped = EntrySpec(1, day(0), 1), EntrySpec(1, day(0), 0, skipped=True)
    results = [run([goal()], pair, today=0) for pair in ([done, skipped], [skipped, done])]
    assert results[0] == results[1]
    assert results[0].day.current == 1


def test_goal_ids_must_be_unique():
    with pytest.raises(ValueError, match="unique"):
        run([goal(1), goal(1)], today=0)


def test_comeback_dates_and_best_reached_record_when_things_happened():
    # Two rejections answered on day 2 are one comeback: each date is listed once.
    result = run([goal()], marks("x.xx.x"), rejections=[1, 1, 4])
    assert result.comeback_dates == (day(2), day(5))
    assert result.best_reached == ((1, day(0)), (2, day(2)), (3, day(3)), (4, day(5)))


GOAL_STREAK_CASES = [
    pytest.param("xxx", {}, [], [], None, (3, 3), id="done_days_build_it"),
    pytest.param("xx.x", {}, [], [], None, (1, 2), id="a_miss_resets_it"),
    pytest.param("xx.", {}, [], [], 2, (2, 2), id="today_is_open"),
    pytest.param("xsx", {}, [], [], None, (2, 2), id="skipped_day_is_passed_over"),
    pytest.param("x.x", {}, [], [(1, 1)], None, (2, 2), id="break_is_passed_over"),
    pytest.param("x.x", {}, [1], [], None, (2, 2), id="shielded_day_is_passed_over"),
    pytest.param("xx.x", {}, [0], [], None, (1, 2), id="no_freezes_for_a_goal"),
    pytest.param("x.x.x", {"weekdays": {1, 3, 5}}, [], [], None, (3, 3), id="only_due_days"),
    pytest.param("xx", {"weekdays": {1}}, [], [], None, (1, 1), id="unscheduled_done_is_extra"),
    pytest.param("212", {"target": 2}, [], [], None, (1, 1), id="partial_value_is_a_miss"),
    pytest.param("xxxx", {"archived": 2}, [], [], None, (2, 2), id="archived_stops_the_walk"),
]


@pytest.mark.parametrize(
    ("pattern", "options", "rejections", "breaks", "today", "expected"), GOAL_STREAK_CASES
)
def test_goal_streak(pattern, options, rejections, breaks, today, expected):
    today = len(pattern) - 1 if today is None else today
    result = run([goal(7, **options)], marks(pattern, 7), rejections, breaks, today)
    (streak,) = result.goals
    assert (streak.goal_id, streak.current, streak.best) == (7, *expected)


def test_goal_streaks_are_sorted_by_id_and_include_archived_goals():
    result = run([goal(5), goal(2, archived=1), goal(9)], marks("xx", 5), today=1)
    assert [g.goal_id for g in result.goals] == [2, 5, 9]


X13 = "x" * 13
ODD_DAYS_13_TO_25 = list(range(13, 26, 2))
# (pattern, options, rejections, breaks, today, strength), by hand: m = 0.5 ** (1/13), so one
# done day gives 100 * (1 - m) = 5.19, two 100 * (1 - m^2) = 10.1, thirteen 1 - m^13 = 1/2.
STRENGTH_CASES = [
    pytest.param("x.", {}, [], [], None, 5, id="one_done_day_is_5"),
    pytest.param("x", {}, [], [], None, 5, id="today_counts_once_done"),
    pytest.param(".", {}, [], [], None, 0, id="today_not_done_is_not_counted"),
    pytest.param("1.", {"target": 2}, [], [], None, 3, id="half_done_counts_half"),
    pytest.param("xx.", {}, [], [], None, 10, id="two_done_days_are_10"),
    pytest.param(X13 + ".", {}, [], [], None, 50, id="thirteen_done_days_are_half"),
    pytest.param(X13 * 2 + ".", {}, [], [], None, 75, id="twenty_six_done_days_are_75"),
    pytest.param(X13 + "." * 14, {}, [], [], None, 25, id="thirteen_misses_halve_it"),
    pytest.param(X13 + "s" * 13 + ".", {}, [], [], None, 50, id="skipped_days_leave_it"),
    pytest.param(X13 + "." * 14, {}, [], [(13, 26)], None, 50, id="break_leaves_it"),
    pytest.param(X13 + "." * 14, {}, ODD_DAYS_13_TO_25, [], None, 50, id="shielded_leaves_it"),
    pytest.param(X13 + ".", {}, list(range(13)), [], None, 50, id="shielded_and_done_counts"),
    pytest.param(X13 + ".", {}, [], [(0, 12)], None, 0, id="break_pauses_even_done_days"),
    pytest.param("x" * 8, {"weekdays": {1}}, [], [], None, 10, id="only_due_days_count"),
    pytest.param("x9", {"target": 3}, [], [], None, 10, id="over_target_is_1"),
]


@pytest.mark.parametrize(
    ("pattern", "options", "rejections", "breaks", "today", "expected"), STRENGTH_CASES
)
def test_strength(pattern, options, rejections, breaks, today, expected):
    today = len(pattern) - 1 if today is None else today
    result = run([goal(**options)], marks(pattern), rejections, breaks, today)
    assert result.goals[0].strength == expected


def test_calendar_shows_every_state():
    result = run([goal()], marks("x.s...."), rejections=[0], today=6)
    states = [calendar_state(result, day(i)).state for i in range(-1, 7)]
    assert states == [
        "before",
        "active",
        "shielded",
        "restful",
        "frozen",
        "missed",
        "missed",
        "open",
    ]


@pytest.mark.parametrize(
    ("pattern", "rejections", "expected"),
    [
        pytest.param("s", [], "restful", id="skipped_today_is_restful"),
        pytest.param(".", [0], "shielded", id="rejected_today_is_shielded"),
        pytest.param(".", [-1], "shielded", id="rejected_yesterday_shields_today"),
        pytest.param("x", [0], "active", id="done_today_is_active"),
        pytest.param("s", [0], "restful", id="restful_wins_over_shielded"),
        pytest.param(".", [], "open", id="today_not_done_is_open"),
    ],
)
def test_state_of_today(pattern, rejections, expected):
    result = run([goal()], marks(pattern), rejections, today=0)
    assert calendar_state(result, day(0)).state == expected


def test_calendar_lists_done_goals_sorted_and_rejection_counts():
    result = run([goal(7), goal(3)], marks("x", 7) + marks("x", 3), rejections=[0, 0], today=0)
    assert calendar_state(result, day(0)) == CalendarDay(day(0), "active", (3, 7), 2)


def test_calendar_covers_every_date_from_the_earliest_start_to_today():
    result = run([goal(1, created=4), goal(2, created=2)], today=9)
    assert list(result.calendar) == list(date_range(day(2), day(9)))


def test_dates_before_the_start_are_before_and_keep_their_rejections():
    result = run([goal(created=5)], rejections=[3, 4], today=6)
    assert calendar_state(result, day(3)) == CalendarDay(day(3), "before", (), 1)
    assert calendar_state(result, day(5)).state == "shielded"


def test_without_goals_every_date_is_before():
    result = run([], rejections=[0], today=3)
    assert result.calendar == {}
    assert numbers(result) == (0, 0, 0, 0)
    assert calendar_state(result, day(0)) == CalendarDay(day(0), "before", (), 1)


def test_calendar_state_refuses_a_date_after_today():
    result = run([goal()], marks("x"), today=0)
    with pytest.raises(ValueError, match="after today"):
        calendar_state(result, day(1))
