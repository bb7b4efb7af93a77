"""Goals: list, create, change, delete, and every bad value of SPEC section 2."""

from __future__ import annotations

import pytest

from tests.api.expect import error, unchanged
from tests.api.refusals import bad_text

EVERY_DAY = [1, 2, 3, 4, 5, 6, 7]

# (body, field it names): shared by create and change; a change has no required field.
BAD_GOAL_FIELDS = [
    ({"category": "job"}, "category"),
    ({"category": "Apply"}, "category"),
    ({"category": ""}, "category"),
    ({"category": None}, "category"),
    ({"category": ["apply"]}, "category"),
    *bad_text("title", 80),
    ({"title": "\t\n"}, "title"),
    ({"target": 0}, "target"),
    ({"target": -1}, "target"),
    ({"target": 101}, "target"),
    ({"target": "3"}, "target"),
    ({"target": True}, "target"),
    ({"target": 1.5}, "target"),
    ({"target": 3.0}, "target"),
    ({"target": None}, "target"),
    ({"target": [3]}, "target"),
    ({"weekdays": []}, "weekdays"),
    ({"weekdays": [0]}, "weekdays.0"),
    ({"weekdays": [8]}, "weekdays.0"),
    ({"weekdays": [1, 8]}, "weekdays.1"),
    ({"weekdays": [-1]}, "weekdays.0"),
    ({"weekdays": "1"}, "weekdays"),
    ({"weekdays": 1}, "weekdays"),
    ({"weekdays": {"1": True}}, "weekdays"),
    ({"weekdays": ["1"]}, "weekdays.0"),
    ({"weekdays": [1.5]}, "weekdays.0"),
    ({"weekdays": [True]}, "weekdays.0"),
    ({"weekdays": None}, "weekdays"),
    ({"colour": "red"}, "colour"),
    ({"id": 99}, "id"),
]


def _ids(cases):
    return [f"{next(iter(body))}={next(iter(body.values()))!r}"[:40] for body, _ in cases]


def test_list_goals_answers_the_starter_goals_in_order(api, conforms):
    goals = conforms(api.get("/goals"))
    assert [g["category"] for g in goals] == ["apply", "practice", "reflect"]
    assert [g["id"] for g in goals] == sorted(g["id"] for g in goals)
    for goal in goals:
        assert list(goal) == ["id", "category", "title", "target", "weekdays", "archived"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"category": "apply", "title": "Send 3 applications"},
            {
                "category": "apply",
                "title": "Send 3 applications",
                "target": 1,
                "weekdays": EVERY_DAY,
            },
        ),
        (
            {
                "category": "practice",
                "title": "  Mock interview  ",
                "target": 3,
                "weekdays": [5, 1, 3, 3],
            },
            {"category": "practice", "title": "Mock interview", "target": 3, "weekdays": [1, 3, 5]},
        ),
        (
            {"category": "reflect", "title": "x" * 80, "target": 100, "weekdays": [7]},
            {"category": "reflect", "title": "x" * 80, "target": 100, "weekdays": [7]},
        ),
        (
            {"category": "apply", "title": "Ünïcödé ✓", "target": 1, "weekdays": EVERY_DAY},
            {"category": "apply", "title": "Ünïcödé ✓", "target": 1, "weekdays": EVERY_DAY},
        ),
    ],
)
def test_create_goal_answers_201_with_the_goal(api, conforms, body, expected):
    answer = api.post("/goals", body)
    assert answer.status_code == 201
    goal = conforms(answer)
    assert goal == {"id": goal["id"], **expected, "archived": False}
    assert goal in api.get("/goals").get_json()


@pytest.mark.parametrize(("change", "field"), BAD_GOAL_FIELDS, ids=_ids(BAD_GOAL_FIELDS))
def test_create_goal_refuses_bad_field(api, change, field):
    body = {"category": "apply", "title": "Valid", **change}
    with unchanged(api):
        error(api.post("/goals", body), 400, field)


@pytest.mark.parametrize(
    ("body", "missing"),
    [
        ({"title": "No category"}, ["category"]),
        ({"category": "apply"}, ["title"]),
        ({}, ["category", "title"]),
        (None, ["category", "title"]),
    ],
)
def test_create_goal_refuses_missing_fields(api, body, missing):
    with unchanged(api):
        error(api.post("/goals", body), 400, *missing)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, {}),
        ({"title": "  Two applications "}, {"title": "Two applications"}),
        ({"category": "reflect"}, {"category": "reflect"}),
        ({"target": 2}, {"target": 2}),
        ({"weekdays": [6, 7, 1]}, {"weekdays": [1, 6, 7]}),
        ({"archived": True}, {"archived": True}),
        ({"archived": False}, {}),
        (
            {"title": "All", "target": 5, "weekdays": [3]},
            {"title": "All", "target": 5, "weekdays": [3]},
        ),
    ],
)
def test_patch_goal_changes_only_the_given_fields(api, conforms, change, expected):
    goal = api.get("/goals").get_json()[0]
    answer = api.patch(f"/goals/{goal['id']}", change)
    assert answer.status_code == 200
    assert conforms(answer) == {**goal, **expected}
    assert api.get("/goals").get_json()[0] == {**goal, **expected}


def test_archived_goal_leaves_today_but_keeps_its_history(api):
    goal = api.goal_ids()["apply"]
    api.put(f"/goals/{goal}/entries/2026-03-17", {"note": "kept"})
    api.patch(f"/goals/{goal}", {"archived": True})
    assert goal not in [item["goal"]["id"] for item in api.get("/today").get_json()["goals"]]
    assert goal in [g["id"] for g in api.get("/goals").get_json()]
    assert api.get(f"/goals/{goal}/entries").get_json()[0]["note"] == "kept"
    api.patch(f"/goals/{goal}", {"archived": False})
    assert goal in [item["goal"]["id"] for item in api.get("/today").get_json()["goals"]]


def test_raising_the_target_changes_what_counts_as_done(api):
    goal = api.goal_ids()["apply"]
    assert api.put(f"/goals/{goal}/entries/2026-03-18", {"value": 2}).get_json()["done"] is True
    api.patch(f"/goals/{goal}", {"target": 3})
    assert api.get(f"/goals/{goal}/entries").get_json()[0]["done"] is False


@pytest.mark.parametrize(("change", "field"), BAD_GOAL_FIELDS, ids=_ids(BAD_GOAL_FIELDS))
def test_patch_goal_refuses_bad_field(api, change, field):
    goal = api.goal_ids()["apply"]
    with unchanged(api):
        error(api.patch(f"/goals/{goal}", change), 400, field)


@pytest.mark.parametrize("archived", ["yes", 1, None, "true"])
def test_patch_goal_refuses_archived_that_is_not_a_boolean(api, archived):
    goal = api.goal_ids()["apply"]
    with unchanged(api):
        error(api.patch(f"/goals/{goal}", {"archived": archived}), 400, "archived")


def test_delete_goal_answers_204_and_removes_it_with_its_entries(api):
    goal = api.goal_ids()["apply"]
    api.put(f"/goals/{goal}/entries/2026-03-17", {})
    answer = api.delete(f"/goals/{goal}")
    assert answer.status_code == 204
    assert answer.get_data() == b""
    assert goal not in [g["id"] for g in api.get("/goals").get_json()]
    error(api.get(f"/goals/{goal}/entries"), 404)
    error(api.delete(f"/goals/{goal}"), 404)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PATCH", "/goals/{id}", {"title": "x"}),
        ("DELETE", "/goals/{id}", None),
        ("PUT", "/goals/{id}/entries/2026-03-18", {}),
        ("DELETE", "/goals/{id}/entries/2026-03-18", None),
        ("GET", "/goals/{id}/entries", None),
    ],
)
@pytest.mark.parametrize("goal_id", [0, 424242, 2**31, 10**30])
def test_unknown_goal_is_404(api, method, path, body, goal_id):
    with unchanged(api):
        error(api.call(method, path.format(id=goal_id), body), 404, code="not_found")
