"""The Goals page: create, edit, archive and restore, and what it refuses."""

from __future__ import annotations

import pytest

from tests.web.pages import error_beside, page, parse, post
from tests.web.refusals import bad_text, each_refusal
from tracker import queries
from tracker.extensions import db

EVERY_DAY = [str(day) for day in range(1, 8)]
GOOD = {
    "category": "practice",
    "title": "Record a 2-minute pitch",
    "target": "2",
    "weekdays": ["1", "3", "5"],
}


def _goals(app, email="member@example.com"):
    with app.app_context():
        user = queries.user_by_email(db.session, email)
        return {goal.title: goal for goal in queries.goals_of_user(db.session, user.id)}


def _first_goal(app):
    goal = min(_goals(app).values(), key=lambda goal: goal.id)
    return goal.id, goal.title


BAD_INPUTS = [
    *bad_text("title", 80),
    pytest.param("target", "0", "from 1 to 100", id="target-0"),
    pytest.param("target", "101", "from 1 to 100", id="target-101"),
    pytest.param("target", "abc", "from 1 to 100", id="target-abc"),
    pytest.param("target", "2.5", "from 1 to 100", id="target-fraction"),
    pytest.param("weekdays", [], "at least one day", id="no-weekdays"),
    pytest.param("weekdays", ["8"], "Monday to Sunday", id="weekday-8"),
    pytest.param("weekdays", ["mon"], "Monday to Sunday", id="weekday-name"),
]


def test_a_new_goal_is_created_and_listed(member, app):
    answer = post(member, "/goals", GOOD)
    assert answer.status_code == 302
    goal = _goals(app)["Record a 2-minute pitch"]
    assert (goal.category, goal.target, goal.weekdays) == ("practice", 2, [1, 3, 5])
    assert "Mon, Wed, Fri · 2 a day" in page(member, "/goals").text()


@each_refusal(BAD_INPUTS)
def test_new_goal_form_refuses_bad_input_beside_the_field(member, app, field, value, message):
    answer = post(member, "/goals", {**GOOD, field: value})
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, field)
    assert len(_goals(app)) == 3  # nothing created


def test_new_goal_form_keeps_what_was_typed(member):
    answer = post(member, "/goals", {**GOOD, "target": "abc"})
    new_goal = parse(answer.get_data(as_text=True)).one(id="new-goal")
    assert new_goal.one("input", name="title").attrs["value"] == GOOD["title"]
    assert new_goal.one("input", name="target").attrs["value"] == "abc"
    ticked = [box.attrs["value"] for box in new_goal.all("input", name="weekdays", checked=True)]
    assert ticked == GOOD["weekdays"]
    assert new_goal.one("option", selected=True).attrs["value"] == "practice"


def test_an_unknown_category_is_refused(member):
    answer = post(member, "/goals", {**GOOD, "category": "party"})
    assert answer.status_code == 400
    assert "Pick one of the options" in error_beside(
        parse(answer.get_data(as_text=True)), "category"
    )


def test_a_goal_is_edited(member, app):
    goal_id, _ = _first_goal(app)
    answer = post(
        member,
        f"/goals/{goal_id}",
        {
            "action": "save",
            "title": "Send 3 applications",
            "target": "3",
            "weekdays": ["1", "2", "3", "4", "5"],
        },
    )
    assert answer.status_code == 302
    goal = _goals(app)["Send 3 applications"]
    assert (goal.id, goal.target, goal.weekdays) == (goal_id, 3, [1, 2, 3, 4, 5])


@each_refusal(BAD_INPUTS)
def test_goal_edit_refuses_bad_input_and_keeps_the_saved_goal(member, app, field, value, message):
    goal_id, title = _first_goal(app)
    data = {"action": "save", "title": "Edited", "target": "3", "weekdays": EVERY_DAY, field: value}
    answer = post(member, f"/goals/{goal_id}", data)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    card = document.one(id=f"goal-{goal_id}")
    assert card.one("details").attrs.get("open") is not None
    assert message in error_beside(card, field)
    goal = _goals(app)[title]  # the stored goal is unchanged
    assert (goal.id, goal.target, goal.weekdays) == (goal_id, 1, list(range(1, 8)))


def test_goal_edit_form_keeps_what_was_typed(member, app):
    goal_id, _ = _first_goal(app)
    data = {"action": "save", "title": "Typed title", "target": "500", "weekdays": ["2", "4"]}
    card = parse(post(member, f"/goals/{goal_id}", data).get_data(as_text=True)).one(
        id=f"goal-{goal_id}"
    )
    assert card.one("input", name="title").attrs["value"] == "Typed title"
    assert card.one("input", name="target").attrs["value"] == "500"
    assert [b.attrs["value"] for b in card.all("input", name="weekdays", checked=True)] == [
        "2",
        "4",
    ]


def test_a_goal_is_archived_and_restored(member, app):
    goal_id, title = _first_goal(app)
    assert post(member, f"/goals/{goal_id}", {"action": "archive"}).status_code == 302
    assert _goals(app)[title].archived
    assert title not in [
        g.one(class_="goal-title").text() for g in page(member, "/").all(data_goal_id=True)
    ]
    assert "Archived" in page(member, "/goals").text()
    assert post(member, f"/goals/{goal_id}", {"action": "restore"}).status_code == 302
    assert not _goals(app)[title].archived


@pytest.mark.parametrize("action", ["save", "archive", "restore"])
def test_another_users_goal_answers_404(member, app, stranger, action):
    data = {"action": action, "title": "Hijacked", "target": "1", "weekdays": EVERY_DAY}
    assert post(member, f"/goals/{stranger['goal']}", data).status_code == 404
    assert "Hijacked" not in _goals(app, "stranger@example.com")
