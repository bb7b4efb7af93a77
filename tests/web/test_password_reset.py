"""Forgot your password (SPEC section 6): /forgot answers the same for any address and says
how to get a link on a server without email; `users reset-link EMAIL` prints a link that
works once, for an hour, stops working when the password changes, and ends every session."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from tests import factories
from tests.factories import PASSWORD
from tests.web import pages
from tests.web.conftest import MEMBER
from tracker.web.http import ratelimit

NEW = "a brand new passphrase"


def reset_link(app, email: str = MEMBER) -> str:
    """The path of a reset link, as the command prints it for whoever runs the server."""
    result = app.test_cli_runner().invoke(args=["users", "reset-link", email])
    assert result.exit_code == 0, result.output
    url = result.stdout.strip()
    assert url.startswith(app.config["BASE_URL"] + "/reset/"), url
    return urlsplit(url).path


def sign_in(client, password: str):
    token = factories.csrf_token(client, "/login")
    return client.post("/login", data={"email": MEMBER, "password": password, "csrf_token": token})


def set_password(client, path: str, password: str = NEW):
    return pages.post(client, path, {"password": password}, csrf=factories.csrf_token(client, path))


@pytest.fixture
def stranger(app, member):
    """A browser that is not signed in, beside the member's own signed-in one."""
    return app.test_client()


def test_forgot_answers_the_same_for_any_address(member, stranger):
    known = pages.post(
        stranger, "/forgot", {"email": MEMBER}, csrf=factories.csrf_token(stranger, "/forgot")
    )
    unknown = pages.post(
        stranger,
        "/forgot",
        {"email": "nobody@example.com"},
        csrf=factories.csrf_token(stranger, "/forgot"),
    )
    assert known.status_code == unknown.status_code == 200
    said = [pages.parse(a.get_data(as_text=True)).one("main").text() for a in (known, unknown)]
    assert said[0].replace(MEMBER, "X") == said[1].replace("nobody@example.com", "X")
    assert "users reset-link" in said[0]  # this server sends no email: how to get a link


def test_neither_page_is_kept_by_a_cache(app, stranger):
    """Even signed out: one holds the address typed, the other a link that sets a password."""
    asked = pages.post(
        stranger, "/forgot", {"email": MEMBER}, csrf=factories.csrf_token(stranger, "/forgot")
    )
    answers = [
        stranger.get("/forgot"),
        asked,
        stranger.get(reset_link(app)),
        stranger.get("/reset/x"),
    ]
    assert [a.headers.get("Cache-Control") for a in answers] == ["no-store"] * 4


def test_the_sign_in_page_leads_to_forgot(stranger):
    document = pages.page(stranger, "/login")
    assert any(a.attrs.get("href") == "/forgot" for a in document.all("a"))


def test_a_reset_link_sets_a_new_password_and_signs_out_everywhere(app, member, stranger):
    path = reset_link(app)
    form = pages.page(stranger, path)
    assert form.one("input", type="password")
    answer = set_password(stranger, path)
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/login")
    # The member's browser was signed out; the old password no longer works, the new one does.
    assert member.get("/api/v1/me").status_code == 401
    assert sign_in(app.test_client(), PASSWORD).status_code == 401
    assert sign_in(app.test_client(), NEW).status_code == 302


def test_a_link_works_once(app, member, stranger):
    path = reset_link(app)
    assert set_password(stranger, path).status_code == 302
    again = set_password(app.test_client(), path, "yet another passphrase")
    assert again.status_code == 404
    assert "expired or was already used" in again.get_data(as_text=True)
    assert sign_in(app.test_client(), NEW).status_code == 302


def test_a_link_stops_when_the_password_changes_another_way(app, member, stranger):
    path = reset_link(app)
    token = factories.csrf_token(member, "/settings/password")
    changed = member.post(
        "/settings/password",
        data={"current_password": PASSWORD, "new_password": NEW, "csrf_token": token},
    )
    assert changed.status_code == 302, changed.get_data(as_text=True)
    assert stranger.get(path).status_code == 404


def test_a_link_lasts_one_hour(app, now, member, stranger):
    path = reset_link(app)
    now.value += timedelta(minutes=59)
    assert stranger.get(path).status_code == 200
    now.value += timedelta(minutes=1)
    assert stranger.get(path).status_code == 404


@pytest.mark.parametrize(
    "token",
    ["x", "a" * 600, "eyJ1IjoxfQ.forged", "%00", "..", "eyJ1IjoxLCJlIjo5OTk5OTk5OTk5fQ.AAAA"],
)
def test_a_made_up_token_is_refused_calmly(member, stranger, token):
    answer = stranger.get(f"/reset/{token}")
    assert answer.status_code == 404
    posted = pages.post(
        stranger,
        f"/reset/{token}",
        {"password": NEW},
        csrf=factories.csrf_token(stranger, "/login"),
    )
    assert posted.status_code == 404


@pytest.mark.parametrize("password", ["short", " " * 12, "x" * 1025])
def test_a_bad_new_password_is_said_beside_the_field_and_the_link_still_works(
    app, member, stranger, password
):
    path = reset_link(app)
    answer = set_password(stranger, path, password)
    assert answer.status_code == 400
    assert pages.error_beside(pages.parse(answer.get_data(as_text=True)), "password")
    assert sign_in(app.test_client(), PASSWORD).status_code == 302  # nothing changed
    assert set_password(stranger, path).status_code == 302


def test_a_deleted_account_leaves_no_link_working(app, member, stranger):
    path = reset_link(app)
    token = factories.csrf_token(member, "/settings/delete")
    member.post(
        "/settings/delete", data={"email": MEMBER, "password": PASSWORD, "csrf_token": token}
    )
    assert stranger.get(path).status_code == 404


def test_the_command_says_when_no_account_uses_the_address(app, member):
    result = app.test_cli_runner().invoke(args=["users", "reset-link", "nobody@example.com"])
    assert result.exit_code != 0 and "No account uses nobody@example.com" in result.output


def test_asking_again_and_again_is_limited_like_signing_in(app, stranger):
    ratelimit.reset(app)
    csrf = factories.csrf_token(stranger, "/forgot")
    answers = [pages.post(stranger, "/forgot", {"email": MEMBER}, csrf=csrf) for _ in range(11)]
    assert [a.status_code for a in answers[:10]] == [200] * 10
    assert answers[10].status_code == 429
