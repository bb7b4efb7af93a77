"""Today, streaks and the calendar: shapes of SPEC section 6, ranges and their bad forms."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.api.expect import error
from tests.api.test_entries import BAD_DATES

TODAY = "2026-03-18"  # a Wednesday
ZERO = {"current": 0, "best": 0, "freezes": 0, "comebacks": 0}
# SPEC 6: `from` and `to` are dates from 2000-01-01 to today; anything else is 400 naming the
# parameter (never an OverflowError near the ends of Python's calendar).
RANGES_OUT_OF_BOUNDS = [
    ("?to=0001-01-01", "to"),
    ("?from=0001-01-01&to=0001-01-02", "from"),
    ("?to=1999-12-31", "to"),
    ("?from=1999-12-31&to=2000-01-05", "from"),
    ("?to=9999-12-31", "to"),
    ("?from=9999-12-31", "from"),
    ("?from=9999-12-30&to=9999-12-31", "from"),
    ("?from=2026-03-19&to=2026-03-20", "from"),
]


def test_today_answers_date_goals_and_streak(api, conforms):
    body = conforms(api.get("/today"))
    assert list(body) == ["date", "goals", "streak"]
    assert body["date"] == TODAY
    assert body["streak"] == ZERO
    goals = api.get("/goals").get_json()
    assert body["goals"] == [{"goal": goal, "entry": None, "done": False} for goal in goals]


def test_today_shows_the_entry_and_done_after_a_check_in(api, conforms):
    goal = api.goal_ids()["practice"]
    entry = api.put(f"/goals/{goal}/entries/{TODAY}", {"note": "STAR answer"}).get_json()
    body = conforms(api.get("/today"))
    item = next(i for i in body["goals"] if i["goal"]["id"] == goal)
    assert item == {"goal": item["goal"], "entry": entry, "done": True}
    assert body["streak"] == {"current": 1, "best": 1, "freezes": 0, "comebacks": 0}
    others = [i for i in body["goals"] if i["goal"]["id"] != goal]
    assert all(i["entry"] is None and i["done"] is False for i in others)


@pytest.mark.parametrize(
    ("weekdays", "listed"),
    [([3], True), ([1, 2, 4, 5, 6, 7], False), ([1, 3, 5], True), ([7], False)],
)
def test_today_lists_goals_scheduled_on_todays_weekday(api, weekdays, listed):
    goal = api.post(
        "/goals", {"category": "apply", "title": "Weekly", "weekdays": weekdays}
    ).get_json()
    ids = [item["goal"]["id"] for item in api.get("/today").get_json()["goals"]]
    assert (goal["id"] in ids) is listed


def test_today_lists_an_unscheduled_goal_checked_in_today(api):
    goal = api.post("/goals", {"category": "apply", "title": "Mondays", "weekdays": [1]}).get_json()
    api.put(f"/goals/{goal['id']}/entries/{TODAY}", {})
    items = {i["goal"]["id"]: i for i in api.get("/today").get_json()["goals"]}
    assert items[goal["id"]]["done"] is True


def test_streaks_answers_day_goals_and_badges(api, conforms):
    body = conforms(api.get("/streaks"))
    assert list(body) == ["day", "goals", "badges"]
    assert body["day"] == ZERO
    goals = api.get("/goals").get_json()
    assert body["goals"] == [
        {"goal_id": g["id"], "current": 0, "best": 0, "strength": 0} for g in goals
    ]
    assert body["badges"] == []


def test_streaks_reports_each_goal_and_badges_earned(api, conforms):
    goal = api.goal_ids()["apply"]
    api.put(f"/goals/{goal}/entries/{TODAY}", {})
    api.post("/rejections", {"date": TODAY})
    body = conforms(api.get("/streaks"))
    mine = next(g for g in body["goals"] if g["goal_id"] == goal)
    assert mine["current"] == mine["best"] == 1
    assert 0 < mine["strength"] <= 100
    assert {(b["kind"], b["threshold"], b["earned_on"]) for b in body["badges"]} == {
        ("rejections", 1, TODAY),
        ("comebacks", 1, TODAY),
    }
    assert all(b["title"] for b in body["badges"])


def test_calendar_defaults_to_twelve_weeks_ending_today(api, conforms):
    rows = conforms(api.get("/calendar"))
    assert len(rows) == 84
    assert rows[-1]["date"] == TODAY
    assert rows[0]["date"] == (date(2026, 3, 18) - timedelta(days=83)).isoformat()
    assert [list(row) for row in rows] == [["date", "state", "done_goal_ids", "rejections"]] * 84
    assert rows[-1] == {"date": TODAY, "state": "open", "done_goal_ids": [], "rejections": 0}
    assert {row["state"] for row in rows[:-1]} == {"before"}


@pytest.mark.parametrize(
    ("query", "first", "count"),
    [
        ("?from=2026-03-16&to=2026-03-18", "2026-03-16", 3),
        ("?from=2026-03-18&to=2026-03-18", TODAY, 1),
        ("?from=2026-03-10", "2026-03-10", 9),
        ("?to=2026-03-01", "2025-12-08", 84),
        # SPEC 6: a range spans at most three years (1096 days from `from` to `to`).
        ("?from=2023-03-18&to=2026-03-18", "2023-03-18", 1097),
        ("?from=2000-01-01&to=2000-01-05", "2000-01-01", 5),
        # The default twelve weeks never reach before the earliest date.
        ("?to=2000-01-10", "2000-01-01", 10),
        ("?to=2000-01-01", "2000-01-01", 1),
        ("?from=&to=", "2025-12-25", 84),
    ],
)
def test_calendar_from_to_inclusive(api, conforms, query, first, count):
    answer = api.get("/calendar" + query)
    assert answer.status_code == 200
    rows = conforms(answer)
    assert rows[0]["date"] == first
    assert len(rows) == count
    days = [date.fromisoformat(row["date"]) for row in rows]
    assert days == [days[0] + timedelta(days=n) for n in range(count)]


def test_calendar_reports_done_goals_and_rejections(api, conforms):
    goals = api.goal_ids()
    api.put(f"/goals/{goals['apply']}/entries/{TODAY}", {})
    api.put(f"/goals/{goals['reflect']}/entries/{TODAY}", {})
    api.put(f"/goals/{goals['practice']}/entries/{TODAY}", {"value": 0})
    for _ in range(2):
        api.post("/rejections", {"date": TODAY})
    rows = conforms(api.get("/calendar?from=2026-03-18"))
    assert rows == [
        {
            "date": TODAY,
            "state": "active",
            "done_goal_ids": sorted([goals["apply"], goals["reflect"]]),
            "rejections": 2,
        }
    ]


@pytest.mark.parametrize("name", ["from", "to"])
@pytest.mark.parametrize("day", BAD_DATES)
def test_malformed_from_or_to_in_calendar_is_400(api, name, day):
    error(api.get("/calendar", query_string={name: day}), 400, name)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?from=2026-03-10&to=2026-03-01", "from"),
        ("?from=2026-03-19", "from"),
        ("?to=2026-03-19", "to"),
        ("?from=2026-03-01&to=2026-04-01", "to"),
        ("?from=2023-03-17&to=2026-03-18", "from"),
        ("?from=2016-03-10&to=2026-03-18", "from"),
        ("?from=0001-01-01", "from"),
        *RANGES_OUT_OF_BOUNDS,
    ],
)
def test_calendar_refuses_a_bad_range(api, query, field):
    error(api.get("/calendar" + query), 400, field)


@pytest.mark.parametrize(("query", "field"), RANGES_OUT_OF_BOUNDS)
def test_goal_entries_refuse_a_range_out_of_bounds(api, query, field):
    goal = api.goal_ids()["apply"]
    error(api.get(f"/goals/{goal}/entries{query}"), 400, field)


def test_goal_entries_refuse_a_range_over_three_years(api):
    goal = api.goal_ids()["apply"]
    error(api.get(f"/goals/{goal}/entries?from=2023-03-17&to=2026-03-18"), 400, "from")
    assert api.get(f"/goals/{goal}/entries?from=2023-03-18&to=2026-03-18").status_code == 200
    # Without bounds the list is every entry, as before.
    api.put(f"/goals/{goal}/entries/2001-01-01", {})
    listed = api.get(f"/goals/{goal}/entries").get_json()
    assert [e["date"] for e in listed] == ["2001-01-01"]
