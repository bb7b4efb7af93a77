"""A user only ever sees and changes their own data: another user's id answers 404."""

from __future__ import annotations

import pytest

from tests.api.expect import error, new_address, unchanged
from tests.factories import PASSWORD, ApiClient

TODAY = "2026-03-18"
INTERVIEW = {"starts_at": "2026-03-20T10:00", "kind": "video"}


def journal_ids(api: ApiClient, rejected_on: str, start: str, end: str) -> dict[str, int]:
    """The ids of a new rejection (dated `rejected_on`), break (`start` to `end`) and
    application of the user's, and of an interview scheduled on that application."""
    rejection = api.post("/rejections", {"date": rejected_on}).get_json()["id"]
    pause = api.post("/breaks", {"start": start, "end": end}).get_json()["id"]
    application = api.post("/applications", {"company": "Acme", "role": "Dev"}).get_json()["id"]
    interview = api.post(f"/applications/{application}/interviews", INTERVIEW).get_json()["id"]
    return {
        "rejection": rejection,
        "break": pause,
        "application": application,
        "interview": interview,
    }


@pytest.fixture
def theirs(other_api) -> dict[str, int]:
    """Ids of what the other user owns: a goal with an entry, a token, a rejection, a break,
    an application and its interview."""
    goal = other_api.goal_ids()["apply"]
    assert other_api.put(f"/goals/{goal}/entries/{TODAY}", {"note": "mine"}).status_code == 200
    token = other_api.client.post(
        "/api/v1/tokens",
        json={"email": "someone-else@example.com", "password": PASSWORD},
        environ_base=new_address(),
    ).get_json()["id"]
    return {"goal": goal, "token": token, **journal_ids(other_api, TODAY, TODAY, TODAY)}


CROSS_USER = [
    ("PATCH", "/goals/{goal}", {"title": "Hijacked"}),
    ("PATCH", "/goals/{goal}", {"archived": True}),
    ("DELETE", "/goals/{goal}", None),
    ("PUT", "/goals/{goal}/entries/" + TODAY, {"value": 0, "note": "overwritten"}),
    ("PUT", "/goals/{goal}/entries/2026-03-17", {}),
    ("DELETE", "/goals/{goal}/entries/" + TODAY, None),
    ("GET", "/goals/{goal}/entries", None),
    ("GET", "/goals/{goal}/entries?from=2026-03-01&to=" + TODAY, None),
    ("DELETE", "/tokens/{token}", None),
    ("DELETE", "/rejections/{rejection}", None),
    ("DELETE", "/breaks/{break}", None),
    (
        "POST",
        "/applications/{application}/interviews",
        {"starts_at": TODAY + "T09:00", "kind": "video"},
    ),
    ("PATCH", "/interviews/{interview}", {"notes": "overwritten"}),
    ("PATCH", "/interviews/{interview}", {"outcome": None}),
    ("DELETE", "/interviews/{interview}", None),
]


@pytest.mark.parametrize(
    ("method", "path", "body"), CROSS_USER, ids=[f"{m} {p}" for m, p, _ in CROSS_USER]
)
def test_another_users_id_is_404_and_changes_nothing_of_theirs(
    api, other_api, theirs, method, path, body
):
    with unchanged(api, other_api):
        answer = api.call(method, path.format(**theirs), body)
    err = error(answer, 404, code="not_found")
    assert "someone-else" not in str(err) and "mine" not in str(err)


def test_the_other_users_token_still_works_after_a_foreign_revoke(api, other_api, theirs):
    api.delete(f"/tokens/{theirs['token']}")
    assert other_api.get("/me").get_json()["email"] == "someone-else@example.com"


@pytest.mark.parametrize("path", ["/goals", "/rejections", "/breaks", "/interviews"])
def test_lists_hold_only_the_callers_own_things(api, other_api, theirs, path):
    mine = {item["id"] for item in api.get(path).get_json()}
    their_ids = {item["id"] for item in other_api.get(path).get_json()}
    assert their_ids
    assert not mine & their_ids


def test_another_users_history_does_not_reach_my_today_streaks_or_calendar(api, other_api, theirs):
    today = api.get("/today").get_json()
    assert today["streak"] == {"current": 0, "best": 0, "freezes": 0, "comebacks": 0}
    assert all(item["entry"] is None for item in today["goals"])
    assert api.get("/streaks").get_json()["badges"] == []
    row = api.get(f"/calendar?from={TODAY}").get_json()[0]
    assert row == {"date": TODAY, "state": "open", "done_goal_ids": [], "rejections": 0}


def test_me_is_the_caller(api, other_api):
    assert api.get("/me").get_json()["email"] == "me@example.com"
    assert other_api.get("/me").get_json()["email"] == "someone-else@example.com"
