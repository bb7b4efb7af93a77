"""Entries (check-ins): PUT is idempotent, DELETE always 204, lists by date range; bad values."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.api.expect import error, unchanged
from tracker.extensions import db
from tracker.models import Entry

TODAY = "2026-03-18"
BAD_DATES = [
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "20260301",
    "2026-3-1",
    "x",
    "2026-W11-3",
    "2026-077",
    "2026-03-18T00:00:00",
    "18-03-2026",
    "\uff11\uff19\uff19\uff19-01-01",  # full-width digits
    "2026-03-1x",
]


def entry_count(app) -> int:
    with app.app_context():
        count = db.session.scalar(select(func.count(Entry.id)))
        db.session.remove()
    return count


@pytest.fixture
def goal(api) -> int:
    return api.goal_ids()["apply"]


@pytest.mark.parametrize(
    ("target", "body", "expected"),
    [
        (1, {}, {"value": 1, "skipped": False, "note": "", "done": True}),
        (1, {"value": None}, {"value": 1, "skipped": False, "note": "", "done": True}),
        (3, {}, {"value": 3, "skipped": False, "note": "", "done": True}),
        (3, {"value": 2}, {"value": 2, "skipped": False, "note": "", "done": False}),
        (3, {"value": 4}, {"value": 4, "skipped": False, "note": "", "done": True}),
        (1, {"value": 0}, {"value": 0, "skipped": False, "note": "", "done": False}),
        (1, {"value": 1000}, {"value": 1000, "skipped": False, "note": "", "done": True}),
        (1, {"skipped": True}, {"value": 1, "skipped": True, "note": "", "done": False}),
        (
            1,
            {"skipped": False, "value": 1},
            {"value": 1, "skipped": False, "note": "", "done": True},
        ),
        (
            1,
            {"note": "Felt good"},
            {"value": 1, "skipped": False, "note": "Felt good", "done": True},
        ),
        (1, {"note": "x" * 2000}, {"value": 1, "skipped": False, "note": "x" * 2000, "done": True}),
        (1, {"note": None}, {"value": 1, "skipped": False, "note": "", "done": True}),
    ],
)
def test_put_entry_answers_200_with_the_entry(api, conforms, goal, target, body, expected):
    api.patch(f"/goals/{goal}", {"target": target})
    answer = api.put(f"/goals/{goal}/entries/{TODAY}", body)
    assert answer.status_code == 200
    entry = conforms(answer)
    assert entry == {"goal_id": goal, "date": TODAY, **expected}
    assert api.get(f"/goals/{goal}/entries").get_json() == [entry]


@pytest.mark.parametrize("day", [TODAY, "2026-03-17", "2026-01-01", "2025-03-18", "2000-01-01"])
def test_put_entry_accepts_today_and_past_dates(api, goal, day):
    answer = api.put(f"/goals/{goal}/entries/{day}", {})
    assert answer.status_code == 200
    assert answer.get_json()["date"] == day


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"value": 2, "note": "same"},
        {"skipped": True},
        {"value": 0, "skipped": False, "note": ""},
    ],
)
def test_same_put_twice_leaves_the_same_state_and_one_entry(app, api, goal, body):
    first = api.put(f"/goals/{goal}/entries/{TODAY}", body)
    state = api.get("/today").get_json(), api.get("/streaks").get_json()
    second = api.put(f"/goals/{goal}/entries/{TODAY}", body)
    assert second.status_code == first.status_code == 200
    assert second.get_json() == first.get_json()
    assert (api.get("/today").get_json(), api.get("/streaks").get_json()) == state
    assert entry_count(app) == 1
    assert len(api.get(f"/goals/{goal}/entries").get_json()) == 1


def test_put_overwrites_value_and_skipped(api, goal):
    api.put(f"/goals/{goal}/entries/{TODAY}", {"value": 5, "skipped": True, "note": "a"})
    entry = api.put(f"/goals/{goal}/entries/{TODAY}", {"value": 0}).get_json()
    assert entry == {
        "goal_id": goal,
        "date": TODAY,
        "value": 0,
        "skipped": False,
        "note": "a",
        "done": False,
    }


def test_put_without_value_takes_the_current_target(api, goal):
    api.patch(f"/goals/{goal}", {"target": 4})
    assert api.put(f"/goals/{goal}/entries/{TODAY}", {"value": 1}).get_json()["value"] == 1
    assert api.put(f"/goals/{goal}/entries/{TODAY}", {}).get_json()["value"] == 4


def test_a_rest_day_without_a_value_keeps_the_stored_one_and_clearing_it_brings_it_back(api, goal):
    api.patch(f"/goals/{goal}", {"target": 3})
    api.put(f"/goals/{goal}/entries/{TODAY}", {"value": 2, "note": "two so far"})
    rested = api.put(f"/goals/{goal}/entries/{TODAY}", {"skipped": True}).get_json()
    assert (rested["value"], rested["skipped"], rested["note"]) == (2, True, "two so far")
    back = api.put(f"/goals/{goal}/entries/{TODAY}", {"skipped": False}).get_json()
    assert (back["value"], back["skipped"], back["done"]) == (2, False, False)
    assert (
        api.put(f"/goals/{goal}/entries/{TODAY}", {"value": 3, "skipped": True}).status_code == 200
    )
    assert api.get(f"/goals/{goal}/entries").get_json()[0]["value"] == 3


@pytest.mark.parametrize(
    ("second", "note"),
    [
        ({}, "keep me"),
        ({"value": 0}, "keep me"),
        ({"skipped": True}, "keep me"),
        ({"note": None}, "keep me"),
        ({"note": ""}, ""),
        ({"note": "new"}, "new"),
    ],
)
def test_put_without_note_keeps_the_stored_note(api, goal, second, note):
    api.put(f"/goals/{goal}/entries/{TODAY}", {"note": "keep me"})
    assert api.put(f"/goals/{goal}/entries/{TODAY}", second).get_json()["note"] == note
    assert api.get(f"/goals/{goal}/entries").get_json()[0]["note"] == note


def test_delete_entry_answers_204_and_removes_it(api, goal):
    api.put(f"/goals/{goal}/entries/{TODAY}", {})
    answer = api.delete(f"/goals/{goal}/entries/{TODAY}")
    assert answer.status_code == 204
    assert answer.get_data() == b""
    assert api.get(f"/goals/{goal}/entries").get_json() == []
    assert api.get("/today").get_json()["streak"]["current"] == 0


@pytest.mark.parametrize("day", [TODAY, "2026-03-01", "2000-01-01"])
def test_delete_absent_entry_answers_204_and_changes_nothing(api, goal, day):
    api.put(f"/goals/{goal}/entries/2026-03-10", {"note": "other day"})
    with unchanged(api):
        assert api.delete(f"/goals/{goal}/entries/{day}").status_code == 204
        assert api.delete(f"/goals/{goal}/entries/{day}").status_code == 204


def test_delete_entry_leaves_other_goals_and_dates(api):
    goals = api.goal_ids()
    for goal in goals.values():
        api.put(f"/goals/{goal}/entries/{TODAY}", {})
    api.put(f"/goals/{goals['apply']}/entries/2026-03-17", {})
    api.delete(f"/goals/{goals['apply']}/entries/{TODAY}")
    assert [e["date"] for e in api.get(f"/goals/{goals['apply']}/entries").get_json()] == [
        "2026-03-17"
    ]
    for name in ("practice", "reflect"):
        assert len(api.get(f"/goals/{goals[name]}/entries").get_json()) == 1


# The days the range test checks in, in the order it sends them (not the order listed).
CHECKED_IN = ("2026-03-17", "2026-03-01", "2026-03-10")
EVERY_ENTRY = sorted(CHECKED_IN)


@pytest.mark.parametrize(
    ("query", "dates"),
    [
        ("", EVERY_ENTRY),
        ("?from=2026-03-10", ["2026-03-10", "2026-03-17"]),
        ("?to=2026-03-10", ["2026-03-01", "2026-03-10"]),
        ("?from=2026-03-02&to=2026-03-16", ["2026-03-10"]),
        ("?from=2026-03-10&to=2026-03-10", ["2026-03-10"]),
        ("?from=2026-03-11&to=2026-03-16", []),
        ("?from=2026-01-01&to=2026-03-18", EVERY_ENTRY),
        ("?from=&to=", EVERY_ENTRY),
    ],
)
def test_list_entries_by_date_range_inclusive(api, conforms, goal, query, dates):
    for day in CHECKED_IN:
        api.put(f"/goals/{goal}/entries/{day}", {"note": day})
    answer = api.get(f"/goals/{goal}/entries{query}")
    assert answer.status_code == 200
    entries = conforms(answer)
    assert [e["date"] for e in entries] == dates
    assert all(e["note"] == e["date"] and e["goal_id"] == goal for e in entries)


BAD_ENTRY_FIELDS = [
    ({"value": -1}, "value"),
    ({"value": 1001}, "value"),
    ({"value": "5"}, "value"),
    ({"value": 1.5}, "value"),
    ({"value": 2.0}, "value"),
    ({"value": True}, "value"),
    ({"value": [1]}, "value"),
    ({"skipped": "yes"}, "skipped"),
    ({"skipped": "true"}, "skipped"),
    ({"skipped": 1}, "skipped"),
    ({"skipped": None}, "skipped"),
    ({"note": "x" * 2001}, "note"),
    ({"note": 5}, "note"),
    ({"note": ["a"]}, "note"),
    ({"note": "a\x00b"}, "note"),
    ({"done": True}, "done"),
    ({"date": TODAY}, "date"),
]


@pytest.mark.parametrize(
    ("body", "field"),
    BAD_ENTRY_FIELDS,
    ids=[f"{next(iter(b))}={next(iter(b.values()))!r}"[:30] for b, _ in BAD_ENTRY_FIELDS],
)
def test_put_entry_refuses_bad_field_and_keeps_the_stored_entry(api, goal, body, field):
    api.put(f"/goals/{goal}/entries/{TODAY}", {"value": 1, "note": "before"})
    with unchanged(api):
        error(api.put(f"/goals/{goal}/entries/{TODAY}", body), 400, field)


@pytest.mark.parametrize("day", ["2026-03-19", "2026-12-31", "9999-12-31"])
@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_future_date_is_400(app, api, goal, method, day):
    with unchanged(api):
        error(api.call(method, f"/goals/{goal}/entries/{day}", {}), 400, "date")
    assert entry_count(app) == 0


@pytest.mark.parametrize("day", ["1999-12-31", "1970-01-01", "0001-01-01"])
def test_dates_before_2000_are_400(api, goal, day):
    with unchanged(api):
        error(api.put(f"/goals/{goal}/entries/{day}", {}), 400, "date")
    assert api.get("/streaks").status_code == 200


@pytest.mark.parametrize("day", BAD_DATES)
@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_malformed_date_in_the_path_is_400(api, goal, method, day):
    api.put(f"/goals/{goal}/entries/2026-03-11", {"note": "kept"})
    with unchanged(api):
        error(api.call(method, f"/goals/{goal}/entries/{day}", {}), 400, "date")


@pytest.mark.parametrize("name", ["from", "to"])
@pytest.mark.parametrize("day", BAD_DATES)
def test_malformed_from_or_to_in_entries_list_is_400(api, goal, name, day):
    error(api.get(f"/goals/{goal}/entries", query_string={name: day}), 400, name)


def test_from_after_to_in_entries_list_is_400(api, goal):
    answer = api.get(f"/goals/{goal}/entries?from=2026-03-10&to=2026-03-01")
    error(answer, 400, "from")


@pytest.mark.parametrize("day", [TODAY, "2026-03-19", "2026-02-30"], ids=["today", "future", "bad"])
@pytest.mark.parametrize("body", [{}, {"value": 2, "note": "not yours"}], ids=["tap", "full"])
def test_a_check_in_on_anyone_elses_goal_is_404_and_writes_nothing(app, api, other_api, day, body):
    """The ownership check is part of the write; a refused date does not change the answer."""
    theirs = other_api.goal_ids()["apply"]
    other_api.put(f"/goals/{theirs}/entries/2026-03-11", {"value": 1, "note": "mine"})
    with unchanged(other_api):
        error(api.put(f"/goals/{theirs}/entries/{day}", body), 404)
    assert entry_count(app) == 1
    assert other_api.get(f"/goals/{theirs}/entries").get_json()[0]["note"] == "mine"
