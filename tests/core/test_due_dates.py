"""Golden cases for "due" and "tracking began" (SPEC section 3, revision 2).

A goal is due on a scheduled date on or after its creation date, and before that only on a
date it has an entry for: silence before someone started is not a miss, while back-filled
history still counts and an entry with value 0 records a real miss. Each case below failed
on the revision 1 engine, which counted every scheduled date from a goal's earliest entry.
"""

from __future__ import annotations

from tracker.core.inputs import EntrySpec
from tracker.core.streaks import calendar_state

from .test_streaks import day, goal, marks, numbers, run

APPLY, PRACTICE, REFLECT = 1, 2, 3


def states(result, first: int, last: int) -> list[str]:
    return [calendar_state(result, day(i)).state for i in range(first, last + 1)]


def test_new_account_with_an_application_back_dated_20_days():
    # Three goals created today (day 20); one application logged for day 0.
    goals = [goal(gid, created=20) for gid in (APPLY, PRACTICE, REFLECT)]
    result = run(goals, [EntrySpec(APPLY, day(0), 1)], today=20)
    assert states(result, 0, 1) == ["active", "before"]
    assert set(states(result, 1, 19)) == {"before"}  # not "missed": tracking began on day 20
    assert calendar_state(result, day(20)).state == "open"
    assert numbers(result) == (1, 1, 0, 0)  # the silent days do not reset the streak
    apply = result.goals[0]
    assert (apply.current, apply.best, apply.strength) == (1, 1, 5)  # one due day, done


def test_back_filling_a_practice_session_keeps_an_earlier_rest_day_restful():
    # Apply (created day 0) done on days 0-9, skipped on day 4 (a rest day); practice was
    # added today. The streak is 9, and back-filling a practice session on day 2 must not
    # make the rest day, or any silent practice day, a miss (revision 1: streak 5).
    goals = [goal(APPLY), goal(PRACTICE, created=9)]
    entries = marks("xxxxsxxxxx", APPLY)
    before = run(goals, entries, today=9)
    after = run(goals, [*entries, EntrySpec(PRACTICE, day(2), 1)], today=9)
    assert numbers(before) == numbers(after) == (9, 9, 0, 0)
    assert calendar_state(after, day(4)).state == "restful"
    practice = after.goals[1]
    assert (practice.current, practice.best) == (1, 1)  # due on day 2 (done) and today (open)


def test_a_zero_entry_before_creation_records_a_real_miss():
    # Created on day 3; done on day 0, value 0 on day 1, done on day 2 and today.
    with_zero = run([goal(created=3)], marks("x0xx"), today=3)
    assert states(with_zero, 0, 3) == ["active", "missed", "active", "active"]
    assert numbers(with_zero) == (2, 2, 0, 0)
    assert (with_zero.goals[0].current, with_zero.goals[0].best) == (2, 2)
    silent = run([goal(created=3)], marks("x.xx"), today=3)
    assert states(silent, 0, 3) == ["active", "before", "active", "active"]
    assert numbers(silent) == (3, 3, 0, 0)


def test_a_skipped_entry_before_creation_is_a_rest_day_not_before():
    result = run([goal(created=3)], marks("xsxx"), today=3)
    assert states(result, 0, 3) == ["active", "restful", "active", "active"]
    assert numbers(result) == (3, 3, 0, 0)


def test_a_partial_entry_before_creation_counts_for_strength_and_resets_the_goal_streak():
    result = run([goal(target=2, created=3)], marks("2.1.", first=0), today=3)
    (streak,) = result.goals
    # Due days: 0 (done), 2 (value 1 of 2: a miss) and today (open); day 1 and 3 are silent.
    assert (streak.current, streak.best) == (0, 1)
    assert streak.strength == 8  # s = (1 - m) * m + (1 - m) / 2 = 0.075
    assert states(result, 0, 3) == ["active", "before", "missed", "open"]


def test_strength_walks_only_due_dates():
    # Done on day 0 only, created on day 13: two days due (0 and today, done), not 14.
    result = run([goal(created=13)], marks("x") + marks("x", first=13), today=13)
    assert result.goals[0].strength == 10  # two done updates: 100 * (1 - m^2)
    assert (result.goals[0].current, result.goals[0].best) == (2, 2)


def test_entries_before_creation_on_unscheduled_weekdays_are_not_due():
    # Mondays only, created on day 7 (a Monday); a value-0 entry on Tuesday day 1 is extra.
    result = run([goal(weekdays={1}, created=7)], marks("x0", first=0), today=7)
    assert states(result, 0, 7) == ["active", *["before"] * 6, "open"]
    assert numbers(result) == (1, 1, 0, 0)


def test_tracking_began_on_the_earliest_creation_archived_goals_included():
    # An archived goal created on day 2 started tracking: it is due (and missed) on days 2-4.
    goals = [goal(1, created=2, archived=5), goal(2, created=6)]
    result = run(goals, [EntrySpec(2, day(0), 1)], today=6)
    assert states(result, 0, 6) == [
        "active",
        "before",
        "missed",
        "missed",
        "missed",
        "restful",  # tracking had begun; no goal due
        "open",
    ]


def test_before_takes_precedence_over_restful_and_a_break():
    goals = [goal(1, created=5)]
    result = run(goals, marks("x"), rejections=[1], breaks=[(2, 3)], today=5)
    assert states(result, 0, 5) == ["active", "before", "before", "before", "before", "open"]
    assert calendar_state(result, day(1)).rejections == 1


def test_a_done_entry_before_creation_on_an_unscheduled_day_is_still_active():
    # Nothing is due on Tuesday day 1, but a goal was done: the day is active, not "before".
    result = run([goal(weekdays={1}, created=7)], marks(".x", first=0), today=7)
    assert states(result, 1, 2) == ["active", "before"]
    assert numbers(result) == (1, 1, 0, 0)
