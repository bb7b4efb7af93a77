"""Sign-up, sign-in and sign-out pages: good paths, refused inputs, redirects."""

from __future__ import annotations

import pytest

from tests import factories
from tests.web.pages import error_beside, page, parse, post
from tracker import queries
from tracker.extensions import db
from tracker.services.accounts import STARTER_GOALS


def _signup(client, **fields):
    data = {"email": "new@example.com", "password": factories.PASSWORD, "timezone": "Europe/Berlin"}
    return post(client, "/signup", {**data, **fields})


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "email address"),
        ({"email": ""}, "email", "email address"),
        ({"password": "short"}, "password", "at least 8"),
        ({"password": " " * 8}, "password", "not only spaces"),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone", "Unknown timezone"),
        ({"timezone": ""}, "timezone", "Unknown timezone"),
    ],
    ids=[
        "bad-email",
        "blank-email",
        "short-password",
        "spaces-password",
        "unknown-timezone",
        "blank-timezone",
    ],
)
def test_signup_refuses_bad_input_beside_the_field(client, app, fields, field, message):
    answer = _signup(client, **fields)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message.lower() in error_beside(document, field).lower()
    with app.app_context():
        assert queries.user_by_email(db.session, "new@example.com") is None


def test_signup_keeps_what_was_typed_except_the_password(client):
    answer = _signup(client, email="kept@example.com", password="short", timezone="Asia/Tokyo")
    document = parse(answer.get_data(as_text=True))
    assert document.one("input", name="email").attrs["value"] == "kept@example.com"
    assert document.one("input", name="timezone").attrs["value"] == "Asia/Tokyo"
    assert document.one("input", name="password").attrs["value"] == ""


def test_signup_with_a_taken_email_in_other_case_answers_409(client, app):
    factories.make_user(app, "taken@example.com")
    answer = _signup(client, email="Taken@Example.COM")
    assert answer.status_code == 409
    assert "already registered" in error_beside(parse(answer.get_data(as_text=True)), "email")


def test_signup_is_refused_with_403_when_registration_is_closed(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "REGISTRATION_OPEN", False)
    assert "taking new accounts right now" in page(client, "/signup").text()
    answer = _signup(client)
    assert answer.status_code == 403
    with app.app_context():
        assert queries.user_by_email(db.session, "new@example.com") is None


def test_signup_lands_on_today_with_the_three_starter_goals(client):
    answer = _signup(client)
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/")
    goals = page(client, answer.headers["Location"]).all(data_goal_id=True)
    titles = [goal.one(class_="goal-title").text() for goal in goals]
    assert titles == [title for _, title in STARTER_GOALS]


def test_signup_and_login_pages_offer_email_and_password_inputs(client):
    for path in ("/signup", "/login"):
        document = page(client, path)
        assert document.one("input", type="email")
        assert document.one("input", type="password")


def test_signed_out_today_redirects_to_login(client):
    answer = client.get("/")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/login")


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("member@example.com", "wrong password"),
        ("nobody@example.com", factories.PASSWORD),
        ("member@example.com", ""),
        ("", ""),
    ],
    ids=["wrong-password", "unknown-email", "blank-password", "blank-both"],
)
def test_login_with_wrong_credentials_answers_401_with_a_message(client, app, email, password):
    factories.make_user(app, "member@example.com")
    answer = post(client, "/login", {"email": email, "password": password})
    assert answer.status_code == 401
    document = parse(answer.get_data(as_text=True))
    assert "No account matches" in error_beside(document, "password")
    assert document.one("input", name="email").attrs["value"] == email
    assert client.get("/").status_code == 302  # still signed out


def test_login_signs_in_and_lands_on_today(client, app):
    factories.make_user(app, "member@example.com")
    answer = post(client, "/login", {"email": "MEMBER@example.com", "password": factories.PASSWORD})
    assert (answer.status_code, answer.headers["Location"]) == (302, "/")
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example",
        "//evil.example/path",
        "https://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "evil.example",
        "javascript:alert(1)",
        "/\r\nLocation: https://evil.example",
    ],
)
def test_login_ignores_a_next_that_leaves_the_site(client, app, next_url):
    factories.make_user(app, "member@example.com")
    token = factories.csrf_token(client, "/login")
    answer = client.post(
        "/login",
        query_string={"next": next_url},
        data={"email": "member@example.com", "password": factories.PASSWORD, "csrf_token": token},
    )
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location in ("/", "http://localhost/")
    assert "evil" not in location


def test_login_follows_a_next_on_this_site(client, app):
    factories.make_user(app, "member@example.com")
    assert client.get("/history").headers["Location"] == "/login?next=/history"
    token = factories.csrf_token(client, "/login")
    answer = client.post(
        "/login?next=/history",
        data={"email": "member@example.com", "password": factories.PASSWORD, "csrf_token": token},
    )
    assert answer.headers["Location"] == "/history"


def test_logout_ends_the_session(member):
    answer = post(member, "/logout", {})
    assert answer.status_code == 302
    assert member.get("/").headers["Location"].startswith("/login")
