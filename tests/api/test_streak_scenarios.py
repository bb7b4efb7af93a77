"""The day streak of SPEC section 3, end to end through the API, one day at a time.

Each scenario is a diary: on each date (the clock set to noon UTC, early afternoon in Berlin)
the user does some things, then the day streak must read (current, best, freezes, comebacks).
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from datetime import date as Date

import pytest

from tests.factories import api_client

DONE = "done"  # check in the apply goal today
REJECTION = "rejection"  # log a rejection today
SKIP_ALL = "skip all"  # mark every goal skipped today
SKIP_ONE = "skip one"  # mark only the apply goal skipped today


def late(day: str) -> str:
    """A check-in for an earlier date that arrives today (an offline replay)."""
    return f"late {day}"


def pause(start: str, end: str) -> str:
    return f"break {start} {end}"


SCENARIOS = {
    "rejection_yesterday_with_nothing_done_keeps_the_streak_and_today_earns_a_comeback": (
        [
            ("2026-03-14", [DONE], (1, 1, 0, 0)),
            ("2026-03-15", [DONE], (2, 2, 0, 0)),
            ("2026-03-16", [DONE], (3, 3, 0, 0)),
            ("2026-03-17", [REJECTION], (3, 3, 0, 0)),
            ("2026-03-18", [], (3, 3, 0, 0)),
            ("2026-03-18", [DONE], (4, 4, 1, 1)),
        ],
        {"2026-03-13": "before", "2026-03-17": "shielded", "2026-03-18": "active"},
    ),
    "checking_in_on_the_rejection_day_itself_earns_the_comeback": (
        [
            ("2026-03-16", [DONE], (1, 1, 0, 0)),
            ("2026-03-17", [REJECTION], (1, 1, 0, 0)),
            ("2026-03-17", [DONE], (2, 2, 1, 1)),
            ("2026-03-18", [], (2, 2, 1, 1)),
        ],
        {"2026-03-17": "active", "2026-03-18": "shielded"},
    ),
    "a_freeze_from_a_comeback_saves_a_later_missed_day": (
        [
            ("2026-03-14", [REJECTION, DONE], (1, 1, 1, 1)),
            ("2026-03-15", [DONE], (2, 2, 1, 1)),
            ("2026-03-16", [], (2, 2, 1, 1)),
            ("2026-03-17", [], (2, 2, 0, 1)),
            ("2026-03-17", [DONE], (3, 3, 0, 1)),
            ("2026-03-18", [], (3, 3, 0, 1)),
        ],
        {"2026-03-16": "frozen", "2026-03-17": "active", "2026-03-18": "open"},
    ),
    "a_missed_day_without_a_freeze_resets_the_run_but_not_the_best": (
        [
            ("2026-03-14", [DONE], (1, 1, 0, 0)),
            ("2026-03-15", [DONE], (2, 2, 0, 0)),
            ("2026-03-16", [], (2, 2, 0, 0)),
            ("2026-03-17", [], (0, 2, 0, 0)),
            ("2026-03-17", [DONE], (1, 2, 0, 0)),
        ],
        {"2026-03-16": "missed", "2026-03-17": "active"},
    ),
    "a_comeback_must_come_within_a_day_of_the_rejection": (
        [
            ("2026-03-14", [DONE], (1, 1, 0, 0)),
            ("2026-03-15", [REJECTION], (1, 1, 0, 0)),
            ("2026-03-16", [], (1, 1, 0, 0)),
            ("2026-03-17", [DONE], (2, 2, 0, 0)),
        ],
        {"2026-03-15": "shielded", "2026-03-16": "shielded", "2026-03-17": "active"},
    ),
    # SPEC revision 2: a day earns one comeback however many rejections it answers (revision
    # 1 gave three comebacks and two freezes for the three rejections of 03-14).
    "three_rejections_answered_on_one_day_are_one_comeback_and_freezes_cap_at_two": (
        [
            ("2026-03-14", [REJECTION, REJECTION, REJECTION], (0, 0, 0, 0)),
            ("2026-03-15", [DONE], (1, 1, 1, 1)),
            ("2026-03-16", [REJECTION, DONE], (2, 2, 2, 2)),
            ("2026-03-17", [REJECTION, DONE], (3, 3, 2, 3)),
        ],
        {"2026-03-14": "shielded", "2026-03-15": "active"},
    ),
    "two_freezes_save_two_missed_days_and_the_third_resets": (
        [
            ("2026-03-12", [REJECTION, DONE], (1, 1, 1, 1)),
            ("2026-03-13", [REJECTION, DONE], (2, 2, 2, 2)),
            ("2026-03-15", [], (2, 2, 2, 2)),
            ("2026-03-16", [], (2, 2, 1, 2)),
            ("2026-03-17", [], (2, 2, 0, 2)),
            ("2026-03-18", [], (0, 2, 0, 2)),
        ],
        {
            "2026-03-14": "shielded",
            "2026-03-15": "frozen",
            "2026-03-16": "frozen",
            "2026-03-17": "missed",
        },
    ),
    "a_late_check_in_for_yesterday_still_counts": (
        [
            ("2026-03-14", [DONE], (1, 1, 0, 0)),
            ("2026-03-15", [DONE], (2, 2, 0, 0)),
            ("2026-03-17", [], (0, 2, 0, 0)),
            ("2026-03-17", [late("2026-03-16")], (3, 3, 0, 0)),
            ("2026-03-17", [DONE], (4, 4, 0, 0)),
        ],
        {"2026-03-16": "active", "2026-03-17": "active"},
    ),
    # SPEC revision 2: before a goal was created only what was recorded counts (revision 1
    # made 03-11 to 03-19 missed days: streak 0).
    "a_check_in_back_dated_before_the_account_leaves_the_silent_days_before": (
        [
            ("2026-03-20", [late("2026-03-10")], (1, 1, 0, 0)),
            ("2026-03-20", [DONE], (2, 2, 0, 0)),
        ],
        {"2026-03-10": "active", "2026-03-11": "before", "2026-03-19": "before"},
    ),
    "a_planned_break_passes_over_days_without_check_ins": (
        [
            ("2026-03-14", [DONE, pause("2026-03-15", "2026-03-16")], (1, 1, 0, 0)),
            ("2026-03-17", [], (1, 1, 0, 0)),
            ("2026-03-17", [DONE], (2, 2, 0, 0)),
        ],
        {"2026-03-15": "restful", "2026-03-16": "restful", "2026-03-17": "active"},
    ),
    "skipping_every_goal_makes_a_restful_day": (
        [
            ("2026-03-14", [DONE], (1, 1, 0, 0)),
            ("2026-03-15", [SKIP_ALL], (1, 1, 0, 0)),
            ("2026-03-16", [DONE], (2, 2, 0, 0)),
        ],
        {"2026-03-15": "restful"},
    ),
    "skipping_one_goal_of_three_does_not_rest_the_day": (
        [
            ("2026-03-14", [DONE], (1, 1, 0, 0)),
            ("2026-03-15", [SKIP_ONE], (1, 1, 0, 0)),
            ("2026-03-16", [DONE], (1, 1, 0, 0)),
        ],
        {"2026-03-15": "missed"},
    ),
}


def set_day(now, day: str) -> None:
    now.value = datetime.combine(Date.fromisoformat(day), time(12), UTC)


def act(api, day: str, action: str) -> None:
    goals = api.goal_ids()
    if action == DONE:
        answer = api.put(f"/goals/{goals['apply']}/entries/{day}", {})
    elif action == REJECTION:
        answer = api.post("/rejections", {"date": day, "company": "Acme"})
    elif action in (SKIP_ALL, SKIP_ONE):
        chosen = goals.values() if action == SKIP_ALL else [goals["apply"]]
        for goal in chosen:
            answer = api.put(f"/goals/{goal}/entries/{day}", {"skipped": True})
            assert answer.status_code == 200
    elif action.startswith("late "):
        answer = api.put(f"/goals/{goals['apply']}/entries/{action.split()[1]}", {})
    else:
        _, start, end = action.split()
        answer = api.post("/breaks", {"start": start, "end": end})
    assert answer.status_code in (200, 201), answer.get_json()


def day_streak(api) -> tuple[int, int, int, int]:
    today = api.get("/today").get_json()["streak"]
    assert api.get("/streaks").get_json()["day"] == today
    return today["current"], today["best"], today["freezes"], today["comebacks"]


@pytest.mark.parametrize(("diary", "states"), SCENARIOS.values(), ids=SCENARIOS.keys())
def test_day_streak_scenario(app, now, diary, states):
    set_day(now, diary[0][0])
    api = api_client(app, "diary@example.com")
    for day, actions, expected in diary:
        set_day(now, day)
        for action in actions:
            act(api, day, action)
        assert day_streak(api) == expected, f"after {day} {actions}"
    last = diary[-1][0]
    rows = api.get(f"/calendar?from={min(states)}&to={last}").get_json()
    seen = {row["date"]: row["state"] for row in rows}
    assert {day: seen[day] for day in states} == states


def test_goal_streak_and_badges_after_a_comeback(app, now, conforms):
    set_day(now, "2026-03-14")
    api = api_client(app, "diary@example.com")
    for day, actions in [
        ("2026-03-14", [DONE]),
        ("2026-03-15", [DONE]),
        ("2026-03-16", [DONE]),
        ("2026-03-17", [REJECTION]),
        ("2026-03-18", [DONE]),
    ]:
        set_day(now, day)
        for action in actions:
            act(api, day, action)
    body = conforms(api.get("/streaks"))
    goals = api.goal_ids()
    by_goal = {g["goal_id"]: g for g in body["goals"]}
    assert by_goal[goals["apply"]]["current"] == by_goal[goals["apply"]]["best"] == 4
    assert by_goal[goals["apply"]]["strength"] > 0
    for name in ("practice", "reflect"):
        assert by_goal[goals[name]] == {
            "goal_id": goals[name],
            "current": 0,
            "best": 0,
            "strength": 0,
        }
    earned = [(b["kind"], b["threshold"], b["earned_on"]) for b in body["badges"]]
    assert earned == [
        ("day_streak", 3, "2026-03-16"),
        ("rejections", 1, "2026-03-17"),
        ("comebacks", 1, "2026-03-18"),
    ]


def test_logging_a_rejection_never_lowers_the_streak(app, now):
    set_day(now, "2026-03-14")
    api = api_client(app, "diary@example.com")
    for day in ("2026-03-14", "2026-03-15", "2026-03-17"):
        set_day(now, day)
        act(api, day, DONE)
    before = api.get("/streaks").get_json()
    for day in ("2026-03-14", "2026-03-16", "2026-03-17"):
        api.post("/rejections", {"date": day})
        after = api.get("/streaks").get_json()
        for key in ("current", "best", "comebacks"):
            assert after["day"][key] >= before["day"][key], (day, key)
        for old, new in zip(before["goals"], after["goals"], strict=True):
            assert all(new[k] >= old[k] for k in ("current", "best", "strength")), (day, old, new)
        before = after


def test_deleting_the_rejection_takes_its_shield_away(app, now):
    set_day(now, "2026-03-15")
    api = api_client(app, "diary@example.com")
    act(api, "2026-03-15", DONE)
    set_day(now, "2026-03-17")
    rejection = api.post("/rejections", {"date": "2026-03-16"}).get_json()
    assert day_streak(api) == (1, 1, 0, 0)
    api.delete(f"/rejections/{rejection['id']}")
    assert day_streak(api) == (0, 1, 0, 0)
