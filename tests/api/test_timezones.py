"""Every date is local: the same instant is a different "today" in different time zones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.api.expect import error
from tests.factories import api_client

EAST = "Pacific/Kiritimati"  # UTC+14
WEST = "Pacific/Pago_Pago"  # UTC-11
INSTANT = datetime(2026, 3, 18, 11, 30, tzinfo=UTC)  # 19th 01:30 in the east, 18th 00:30 west


@pytest.fixture
def east(app, now):
    now.value = INSTANT
    return api_client(app, "east@example.com", EAST)


@pytest.fixture
def west(app, now):
    now.value = INSTANT
    return api_client(app, "west@example.com", WEST)


def test_at_the_same_instant_east_and_west_have_different_todays(east, west):
    assert east.get("/today").get_json()["date"] == "2026-03-19"
    assert west.get("/today").get_json()["date"] == "2026-03-18"


@pytest.mark.parametrize(
    ("timezone", "instant", "today"),
    [
        (EAST, datetime(2026, 3, 18, 9, 59, 59, tzinfo=UTC), "2026-03-18"),
        (EAST, datetime(2026, 3, 18, 10, 0, tzinfo=UTC), "2026-03-19"),
        (WEST, datetime(2026, 3, 18, 10, 59, 59, tzinfo=UTC), "2026-03-17"),
        (WEST, datetime(2026, 3, 18, 11, 0, tzinfo=UTC), "2026-03-18"),
        ("UTC", datetime(2026, 3, 18, 23, 59, 59, tzinfo=UTC), "2026-03-18"),
        ("Europe/Berlin", datetime(2026, 3, 18, 23, 0, tzinfo=UTC), "2026-03-19"),
        ("America/New_York", datetime(2026, 3, 8, 4, 59, tzinfo=UTC), "2026-03-07"),
        ("America/New_York", datetime(2026, 3, 8, 5, 0, tzinfo=UTC), "2026-03-08"),
        ("Asia/Kathmandu", datetime(2026, 3, 18, 18, 14, tzinfo=UTC), "2026-03-18"),
        ("Asia/Kathmandu", datetime(2026, 3, 18, 18, 15, tzinfo=UTC), "2026-03-19"),
    ],
)
def test_today_reports_the_local_date(app, now, timezone, instant, today):
    now.value = datetime(2026, 3, 1, tzinfo=UTC)
    api = api_client(app, "local@example.com", timezone)
    now.value = instant
    assert api.get("/today").get_json()["date"] == today
    assert api.get("/calendar").get_json()[-1]["date"] == today


@pytest.mark.parametrize(("who", "today"), [("east", "2026-03-19"), ("west", "2026-03-18")])
def test_an_entry_for_the_local_today_is_accepted(request, who, today):
    api = request.getfixturevalue(who)
    goal = api.goal_ids()["apply"]
    answer = api.put(f"/goals/{goal}/entries/{today}", {})
    assert answer.status_code == 200
    body = api.get("/today").get_json()
    assert body["streak"]["current"] == 1
    assert body["goals"][0]["entry"]["date"] == today


def test_the_easts_today_is_still_the_future_in_the_west(east, west):
    for api, status in ((east, 200), (west, 400)):
        goal = api.goal_ids()["apply"]
        answer = api.put(f"/goals/{goal}/entries/2026-03-19", {})
        assert answer.status_code == status
    error(west.post("/rejections", {"date": "2026-03-19"}), 400, "date")
    assert east.post("/rejections", {"date": "2026-03-19"}).status_code == 201
    error(west.get("/calendar?to=2026-03-19"), 400, "to")


def test_goals_start_on_the_local_date_they_were_created(east, west):
    for api, created in ((east, "2026-03-19"), (west, "2026-03-18")):
        rows = api.get("/calendar?from=2026-03-17").get_json()
        states = {row["date"]: row["state"] for row in rows}
        assert states[created] == "open"
        assert all(state == "before" for day, state in states.items() if day < created)


def test_changing_the_timezone_moves_today(west):
    assert west.get("/today").get_json()["date"] == "2026-03-18"
    assert west.patch("/me", {"timezone": EAST}).status_code == 200
    assert west.get("/today").get_json()["date"] == "2026-03-19"
    goal = west.goal_ids()["apply"]
    assert west.put(f"/goals/{goal}/entries/2026-03-19", {}).status_code == 200


def test_moving_west_the_day_after_sign_up_in_the_east_keeps_every_view_working(east):
    goal = east.goal_ids()["apply"]
    assert east.put(f"/goals/{goal}/entries/2026-03-19", {}).status_code == 200
    assert east.patch("/me", {"timezone": WEST}).status_code == 200
    body = east.get("/today").get_json()
    assert body["date"] == "2026-03-18"
    assert body["streak"]["current"] == 0, "an entry for a date still ahead does not count yet"
    for path in ("/streaks", "/calendar", "/calendar?from=2026-03-17", f"/goals/{goal}/entries"):
        assert east.get(path).status_code == 200, path
