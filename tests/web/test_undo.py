"""Undo everywhere (SPEC section 8): whatever a page removes, the next page offers a
`data-undo` button (a plain form, so it works without JavaScript) that puts back exactly what
was removed: the record with its id, the rows that went with it, the links that pointed at it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests import factories, ownership
from tests.web.conftest import TODAY
from tests.web.pages import page, parse, post, token
from tracker import queries
from tracker.extensions import db


def _api(member, method: str, path: str, body=None):
    answer = member.open(
        f"/api/v1{path}", method=method, json=body, headers={"X-CSRFToken": token(member)}
    )
    assert answer.status_code in (200, 201, 204), answer.get_json()
    return answer.get_json() if answer.status_code != 204 else None


def _furnish(member) -> dict[str, int]:
    """A history with links between its records; the ids of what a page can remove."""
    rejection = _api(member, "POST", "/rejections", {"date": TODAY, "company": "Acme"})
    _api(
        member,
        "POST",
        "/reflections",
        {"date": TODAY, "text": "It stung.", "rejection_id": rejection["id"]},
    )
    _api(
        member, "POST", "/practice/questions", {"text": "Why us?", "rejection_id": rejection["id"]}
    )
    application = _api(member, "POST", "/applications", {"company": "Initech", "role": "Dev"})
    _api(member, "PATCH", f"/applications/{application['id']}", {"stage": "screen"})
    _api(member, "PATCH", f"/applications/{application['id']}", {"stage": "rejected"})
    pause = _api(member, "POST", "/breaks", {"start": TODAY, "end": TODAY, "note": "A day off"})
    reflection = _api(member, "POST", "/reflections", {"date": TODAY, "text": "Calm today."})
    question = _api(member, "POST", "/practice/questions", {"text": "Tell me about a gap."})
    tokens = member.post("/settings/tokens", data={"name": "Shortcut", "csrf_token": token(member)})
    assert tokens.status_code == 200
    device = _api(member, "POST", "/push/subscriptions", factories.push_subscription())
    return {
        "device": device["id"],
        "rejection": rejection["id"],
        "application": application["id"],
        "break": pause["id"],
        "reflection": reflection["id"],
        "question": question["id"],
        "token": _api(member, "GET", "/tokens")[0]["id"],
    }


REMOVALS = {
    "rejection": "/rejections/{}/delete",
    "application": "/journal/applications/{}/delete",
    "break": "/breaks/{}/delete",
    "reflection": "/journal/reflections/{}/delete",
    "question": "/journal/practice/questions/{}/delete",
    "token": "/settings/tokens/{}/revoke",
    "device": "/settings/reminders/devices/{}/remove",
}


def _everything(app, user_id: int) -> dict:
    with app.app_context():
        rows = ownership.rows_of(user_id, derived=False)
        db.session.remove()
    return rows


def _user_id(app) -> int:
    with app.app_context():
        return queries.user_by_email(db.session, "member@example.com").id


def _undo_form(html: str):
    document = parse(html)
    [button] = document.all("button", data_undo=True)
    form = button.parent
    while form.tag != "form":
        form = form.parent
    return form


@pytest.mark.parametrize("kind", list(REMOVALS))
def test_undo_puts_back_exactly_what_a_page_removed(app, member, kind):
    ids = _furnish(member)
    user_id = _user_id(app)
    before = _everything(app, user_id)

    removed = post(member, REMOVALS[kind].format(ids[kind]), {})
    assert removed.status_code == 302
    assert _everything(app, user_id) != before
    shown = member.get(removed.headers["Location"])
    form = _undo_form(shown.get_data(as_text=True))

    fields = {i.attrs["name"]: i.attrs.get("value", "") for i in form.all("input")}
    undone = member.post(form.attrs["action"], data=fields)
    assert undone.status_code == 302
    after = _everything(app, user_id)
    assert after == before  # every row, every id, every link, as it was


def test_the_undo_is_offered_once_and_only_to_the_person_who_removed(app, member):
    ids = _furnish(member)
    removed = post(member, REMOVALS["break"].format(ids["break"]), {})
    first = member.get(removed.headers["Location"]).get_data(as_text=True)
    action = _undo_form(first).attrs["action"]
    again = page(member, removed.headers["Location"].split("#")[0])
    assert not again.all("button", data_undo=True)  # shown once, on the page after

    other = app.test_client()
    factories.sign_up_page(other, "other@example.com")
    assert post(other, action, {}).status_code == 404
    assert post(member, action, {}).status_code == 302
    assert post(member, action, {}).status_code == 404  # done already


def test_an_undo_older_than_a_day_is_gone(app, member, now):
    ids = _furnish(member)
    removed = post(member, REMOVALS["reflection"].format(ids["reflection"]), {})
    action = _undo_form(member.get(removed.headers["Location"]).get_data(as_text=True)).attrs[
        "action"
    ]
    now.value += timedelta(days=1, minutes=1)
    assert post(member, action, {}).status_code == 404


def _streak_of_nine_with_a_shield(app, member, now):
    """Apply done on nine of ten days; on the other a rejection shielded the streak."""
    goal = _api(member, "GET", "/goals")[0]["id"]
    start = date.fromisoformat(TODAY) - timedelta(days=9)
    with app.app_context():  # the account began before that run
        user = queries.user_by_email(db.session, "member@example.com")
        for g in user.goals:
            g.created_on = start
        db.session.commit()
    shielded = start + timedelta(days=4)
    for offset in range(10):
        day = start + timedelta(days=offset)
        if day != shielded:
            _api(member, "PUT", f"/goals/{goal}/entries/{day.isoformat()}", {"value": 1})
    return _api(member, "POST", "/rejections", {"date": shielded.isoformat(), "company": "Acme"})


def test_removing_a_rejection_that_holds_the_streak_asks_first_and_says_what_it_costs(
    app, member, now
):
    rejection = _streak_of_nine_with_a_shield(app, member, now)
    assert _api(member, "GET", "/streaks")["day"]["current"] == 9
    history = page(member, "/history")
    [remove] = [
        a
        for a in history.all("a")
        if a.attrs.get("href", "").endswith(f"/rejections/{rejection['id']}/delete")
    ]
    confirm = page(member, remove.attrs["href"])
    warning = confirm.one(data_streak_warning=True).text()
    assert "from 9 to 5" in warning
    assert _api(member, "GET", "/rejections")  # asking removed nothing

    removed = post(member, f"/rejections/{rejection['id']}/delete", {})
    form = _undo_form(member.get(removed.headers["Location"]).get_data(as_text=True))
    assert _api(member, "GET", "/streaks")["day"]["current"] == 5
    fields = {i.attrs["name"]: i.attrs.get("value", "") for i in form.all("input")}
    member.post(form.attrs["action"], data=fields)
    assert _api(member, "GET", "/streaks")["day"]["current"] == 9


def test_a_rejection_that_changes_nothing_is_removed_after_a_calm_question(member):
    rejection = _api(member, "POST", "/rejections", {"date": TODAY})
    confirm = page(member, f"/rejections/{rejection['id']}/delete")
    assert not confirm.all(data_streak_warning=True)
    assert "stays as it is" in confirm.text()


def test_the_question_is_asked_only_about_ones_own_rejection(app, member):
    rejection = _api(member, "POST", "/rejections", {"date": TODAY})
    other = app.test_client()
    factories.sign_up_page(other, "other@example.com")
    assert other.get(f"/rejections/{rejection['id']}/delete").status_code == 404
