"""Managing the account through the API: list tokens, change the password, delete the account."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api.expect import error, new_address, unchanged
from tests.factories import PASSWORD

NEW = "a brand new passphrase"


def _sign_in(client, password=PASSWORD, email="me@example.com"):
    body = {"email": email, "password": password, "name": "second"}
    return client.post("/api/v1/tokens", json=body, environ_base=new_address())


def _session(app, email="me@example.com"):
    """A browser signed in to the account through the sign-in page."""
    browser = app.test_client()
    token = factories.csrf_token(browser, "/login")
    answer = browser.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert answer.status_code == 302
    return browser


def test_tokens_are_listed_without_their_values(api, conforms):
    second = _sign_in(api.client).get_json()
    listed = conforms(api.get("/tokens"))
    assert [t["id"] for t in listed] == [second["id"], listed[1]["id"]]  # newest first
    assert listed[0] == {"id": second["id"], "name": "second", "created_at": "2026-03-18T12:00:00Z"}
    assert second["token"] not in str(listed) and api.token not in str(listed)


def test_changing_the_password(app, api, conforms):
    browser = _session(app)
    answer = api.post("/me/password", {"current_password": PASSWORD, "new_password": NEW})
    assert answer.status_code == 204 and conforms(answer) is None
    assert _sign_in(api.client).status_code == 401
    assert _sign_in(api.client, NEW).status_code == 201
    assert api.get("/me").status_code == 200  # tokens keep working
    assert browser.get("/").status_code == 302  # browser sessions end


def test_changing_the_password_from_a_session_keeps_that_session(app, api):
    browser = _session(app)
    csrf = factories.csrf_token(browser, "/")
    answer = browser.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": NEW},
        headers={"X-CSRFToken": csrf},
    )
    assert answer.status_code == 204
    assert browser.get("/").status_code == 200


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"current_password": PASSWORD, "new_password": "short"}, ["new_password"]),
        ({"current_password": PASSWORD}, ["new_password"]),
        ({"new_password": NEW}, ["current_password"]),
        ({"current_password": PASSWORD, "new_password": NEW, "extra": 1}, ["extra"]),
        ({"current_password": PASSWORD, "new_password": 12345678}, ["new_password"]),
        ({"current_password": PASSWORD, "new_password": "x" * 1025}, ["new_password"]),
    ],
    ids=["short", "no-new", "no-current", "unknown-field", "number", "too-long"],
)
def test_a_malformed_password_change_is_400_and_changes_nothing(api, body, fields):
    with unchanged(api):
        error(api.post("/me/password", body), 400, *fields)


def test_a_wrong_current_password_is_403_and_counts_as_a_failed_sign_in(api):
    body = {"current_password": "not my password", "new_password": NEW}
    with unchanged(api):
        for _ in range(10):
            error(api.post("/me/password", body), 403, "password", code="wrong_password")
    answer = api.post("/me/password", {"current_password": PASSWORD, "new_password": NEW})
    error(answer, 429, code="rate_limited")
    assert int(answer.headers["Retry-After"]) <= 60
    assert _sign_in(api.client).status_code == 429  # the same account, the same count


def test_deleting_the_account(app, api, other_api, conforms):
    answer = api.delete("/me", {"password": PASSWORD})
    assert answer.status_code == 204 and conforms(answer) is None
    error(api.get("/me"), 401)
    assert _sign_in(api.client).status_code == 401
    assert other_api.get("/me").status_code == 200


def test_deleting_the_account_from_a_session_ends_it(app, api):
    browser = _session(app)
    csrf = factories.csrf_token(browser, "/")
    answer = browser.delete(
        "/api/v1/me", json={"password": PASSWORD}, headers={"X-CSRFToken": csrf}
    )
    assert answer.status_code == 204
    assert browser.get("/").status_code == 302


@pytest.mark.parametrize(
    ("body", "status"),
    [({"password": "not mine"}, 403), ({}, 400), ({"password": None}, 400), (None, 400)],
    ids=["wrong", "missing", "null", "no-body"],
)
def test_deleting_needs_the_password(api, body, status):
    with unchanged(api):
        answer = api.call("DELETE", "/me", body) if body is not None else api.delete("/me")
        error(answer, status)


def test_a_session_without_csrf_cannot_delete_the_account(app, api):
    browser = _session(app)
    with unchanged(api):
        error(browser.delete("/api/v1/me", json={"password": PASSWORD}), 403, code="csrf")
