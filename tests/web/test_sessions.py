"""A session cookie signs in exactly one browser session: sign-out ends it on the server, and
nothing of an account outlives it (SPEC section 6, "Sessions")."""

from __future__ import annotations

import re
from datetime import timedelta

from tests import factories
from tests.factories import PASSWORD
from tests.web.conftest import MEMBER, TODAY

COOKIE = "bio_session"


def _me(client):
    return client.get("/api/v1/me")


def _page_token(client) -> str:
    html = client.get("/").get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def _delete_account(client) -> None:
    token = factories.csrf_token(client, "/settings/delete")
    answer = client.post(
        "/settings/delete",
        data={"email": MEMBER, "password": PASSWORD, "csrf_token": token},
    )
    assert answer.status_code == 302, answer.get_data(as_text=True)


def test_a_deleted_accounts_cookie_never_signs_in_the_next_account(app, member):
    old_id = _me(member).get_json()["id"]
    saved_cookie = member.get_cookie(COOKIE).value
    saved_token = _page_token(member)
    _delete_account(member)

    newcomer = app.test_client()
    assert factories.sign_up_page(newcomer, "newcomer@example.com").status_code == 302
    new_me = _me(newcomer).get_json()
    assert new_me["id"] != old_id  # ids are never given twice, on SQLite too

    member.set_cookie(COOKIE, saved_cookie)
    assert _me(member).status_code == 401
    goal = newcomer.get("/api/v1/goals").get_json()[0]["id"]
    write = member.put(
        f"/api/v1/goals/{goal}/entries/{TODAY}",
        json={"value": 1},
        headers={"X-CSRFToken": saved_token},
    )
    assert write.status_code in (401, 403)
    assert newcomer.get(f"/api/v1/goals/{goal}/entries").get_json() == []


def test_signing_out_ends_the_session_on_the_server(member):
    saved_cookie = member.get_cookie(COOKIE).value
    token = _page_token(member)
    answer = member.post("/logout", data={"csrf_token": token})
    assert answer.status_code == 302

    member.set_cookie(COOKIE, saved_cookie)  # a copy taken before signing out
    assert _me(member).status_code == 401
    page = member.get("/")
    assert page.status_code in (302, 303) and "/login" in page.headers["Location"]


def test_signing_out_one_browser_keeps_the_others(app, member):
    other = app.test_client()
    token = factories.csrf_token(other, "/login")
    signed_in = other.post(
        "/login", data={"email": MEMBER, "password": PASSWORD, "csrf_token": token}
    )
    assert signed_in.status_code == 302
    member.post("/logout", data={"csrf_token": _page_token(member)})
    assert _me(other).status_code == 200


def test_a_password_change_ends_every_other_session(app, member):
    other = app.test_client()
    token = factories.csrf_token(other, "/login")
    other.post("/login", data={"email": MEMBER, "password": PASSWORD, "csrf_token": token})
    assert _me(other).status_code == 200

    answer = member.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "a brand new secret"},
        headers={"X-CSRFToken": _page_token(member)},
    )
    assert answer.status_code == 204, answer.get_json()
    assert _me(other).status_code == 401
    assert _me(member).status_code == 200


def test_a_session_in_use_stays_alive_and_an_unused_one_ends(member, now):
    start = now.value
    for days in (30, 60, 89, 170):  # used every month or so: still signed in
        now.value = start + timedelta(days=days)
        assert _me(member).status_code == 200, days
    now.value = start + timedelta(days=170 + 91)  # unused for longer than the cookie lasts
    assert _me(member).status_code == 401
