"""Accounts, tokens and /me: the shapes of SPEC section 6 and every bad input of section 1."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from tests.api.expect import database_rows, error, new_address, unchanged
from tests.api.refusals import each_bad_field
from tests.factories import PASSWORD, api_client
from tracker.extensions import db
from tracker.models import ApiToken, User
from tracker.services import accounts

STARTER_GOALS = [
    {"category": "apply", "title": "Send 1 application"},
    {"category": "practice", "title": "Practise 1 interview answer"},
    {"category": "reflect", "title": "Write a short reflection"},
]
GOOD = {"email": "new@example.com", "password": "long enough", "timezone": "Asia/Tokyo"}
BAD_EMAILS = [
    "not-an-email",
    "name@localhost",
    "@example.com",
    "two words@example.com",
    "a@b@example.com",
    "",
    "x" * 250 + "@example.com",
    "nul\x00@example.com",
    42,
    None,
]
BAD_PASSWORDS = ["1234567", "", 12345678, "x" * 1025, " " * 8, " \t\n \u3000 \u00a0  "]
# What no time zone may be, at sign-up or changed later.
BAD_TIMEZONES = [
    "Mars/Olympus_Mons",
    "Nowhere/Special",
    "",
    "../etc/passwd",
    "/etc/localtime",
    "localtime",
    "europe/berlin",
    "Europe/Berlin ",
    "Europe/Berlin\x00",
    "UTC+2",
    "x" * 65,
    1,
    ["Europe/Berlin"],
]


def sign_up(client, body, **kwargs):
    """POST /accounts from an address of its own (sign-ups are rate limited per address)."""
    return client.post("/api/v1/accounts", json=body, environ_base=new_address(), **kwargs)


def get_token(client, email, password=PASSWORD, **extra):
    body = {"email": email, "password": password, **extra}
    return client.post("/api/v1/tokens", json=body, environ_base=new_address())


@pytest.mark.parametrize(
    ("email", "stored"),
    [
        ("new@example.com", "new@example.com"),
        ("  Mixed.Case@Example.COM ", "mixed.case@example.com"),
        ("first.last+jobs@sub.example.co.uk", "first.last+jobs@sub.example.co.uk"),
    ],
)
def test_create_account_answers_201_with_id_email_timezone(client, conforms, email, stored):
    answer = sign_up(client, {**GOOD, "email": email})
    assert answer.status_code == 201
    body = conforms(answer)
    assert body == {"id": body["id"], "email": stored, "timezone": "Asia/Tokyo"}
    assert isinstance(body["id"], int)


def test_new_account_starts_with_the_three_starter_goals_every_day(client, conforms):
    assert sign_up(client, GOOD).status_code == 201
    token = get_token(client, GOOD["email"], GOOD["password"]).get_json()["token"]
    answer = client.get("/api/v1/goals", headers={"Authorization": f"Bearer {token}"})
    goals = conforms(answer)
    assert [{"category": g["category"], "title": g["title"]} for g in goals] == STARTER_GOALS
    for goal in goals:
        assert goal["target"] == 1
        assert goal["weekdays"] == [1, 2, 3, 4, 5, 6, 7]
        assert goal["archived"] is False


@each_bad_field(
    [
        *[({"email": email}, "email") for email in BAD_EMAILS],
        *[({"password": password}, "password") for password in BAD_PASSWORDS],
        *[({"timezone": zone}, "timezone") for zone in BAD_TIMEZONES],
        ({"admin": True}, "admin"),
    ]
)
def test_create_account_refuses_bad_field(client, api, change, field):
    with unchanged(api):
        answer = sign_up(client, {**GOOD, **change})
    error(answer, 400, field)


@pytest.mark.parametrize("missing", ["email", "password", "timezone"])
def test_create_account_refuses_missing_field(client, api, missing):
    body = {name: value for name, value in GOOD.items() if name != missing}
    with unchanged(api):
        error(sign_up(client, body), 400, missing)


@pytest.mark.parametrize("email", ["me@example.com", "ME@example.com", "  Me@Example.COM"])
def test_taken_email_in_any_case_is_409_and_keeps_the_old_account(client, api, email):
    with unchanged(api):
        answer = sign_up(client, {**GOOD, "email": email})
    error(answer, 409, "email", code="conflict")
    assert get_token(client, "me@example.com").status_code == 201


def test_closed_registration_refuses_accounts_with_403(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "REGISTRATION_OPEN", False)
    before = database_rows(app)
    error(sign_up(client, GOOD), 403)
    assert database_rows(app) == before


def test_passwords_are_stored_as_strong_salted_hashes(app, client, monkeypatch):
    monkeypatch.setattr(accounts, "generate_password_hash", generate_password_hash)
    for email in ("one@example.com", "two@example.com"):
        assert sign_up(client, {**GOOD, "email": email}).status_code == 201
    with app.app_context():
        hashes = list(db.session.scalars(select(User.password_hash).order_by(User.id)))
        db.session.remove()
    assert len(hashes) == 2
    assert hashes[0] != hashes[1], "same password, same hash: no salt"
    for stored in hashes:
        assert GOOD["password"] not in stored
        assert stored.startswith(("scrypt:", "pbkdf2:", "argon2"))
        assert check_password_hash(stored, GOOD["password"])


@pytest.mark.parametrize("name", [None, "", "laptop", "x" * 80])
def test_create_token_answers_201_with_id_and_token(client, api, conforms, name):
    extra = {} if name is None else {"name": name}
    answer = get_token(client, "me@example.com", **extra)
    assert answer.status_code == 201
    body = conforms(answer)
    assert list(body) == ["id", "token"]
    assert isinstance(body["id"], int)
    assert len(body["token"]) >= 32
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.get_json()["email"] == "me@example.com"


def test_sign_in_email_is_case_insensitive(client, api):
    assert get_token(client, "  ME@Example.com ").status_code == 201


def test_each_token_is_new(client, api):
    first = get_token(client, "me@example.com").get_json()
    second = get_token(client, "me@example.com").get_json()
    assert first["id"] != second["id"]
    assert first["token"] != second["token"]


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("wrong-password@example.com", "not the password"),
        ("wrong-password@example.com", PASSWORD.upper()),
        ("nobody@example.com", PASSWORD),
        ("wrong-password@example.com\x00", PASSWORD),
        ("", ""),
    ],
)
def test_create_token_with_wrong_credentials_is_401(app, client, email, password):
    api_client(app, "wrong-password@example.com")
    before = database_rows(app)
    error(get_token(client, email, password), 401, code="unauthorized")
    assert database_rows(app) == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "me@example.com"}, "password"),
        ({"password": PASSWORD}, "email"),
        ({"email": "me@example.com", "password": 5}, "password"),
        ({"email": ["me@example.com"], "password": PASSWORD}, "email"),
        ({"email": "me@example.com", "password": PASSWORD, "name": "x" * 81}, "name"),
        ({"email": "me@example.com", "password": PASSWORD, "name": None}, "name"),
        ({"email": "me@example.com", "password": PASSWORD, "name": "a\x00b"}, "name"),
        ({"email": "me@example.com", "password": PASSWORD, "scope": "all"}, "scope"),
    ],
)
def test_create_token_refuses_bad_field(client, api, body, field):
    with unchanged(api):
        answer = client.post("/api/v1/tokens", json=body, environ_base=new_address())
    error(answer, 400, field)


def test_tokens_are_stored_only_as_hashes(app, client, api):
    raw = [api.token, get_token(client, "me@example.com").get_json()["token"]]
    rows = database_rows(app)
    for token in raw:
        assert not any(token in value for table in rows.values() for row in table for value in row)
    with app.app_context():
        stored = set(db.session.scalars(select(ApiToken.token_hash)))
        db.session.remove()
    assert stored == {hashlib.sha256(token.encode()).hexdigest() for token in raw}


def test_revoke_token_answers_204_and_the_token_stops_working(client, api):
    spare = get_token(client, "me@example.com").get_json()
    answer = api.delete(f"/tokens/{spare['id']}")
    assert answer.status_code == 204
    assert answer.get_data() == b""
    gone = client.get("/api/v1/me", headers={"Authorization": f"Bearer {spare['token']}"})
    error(gone, 401, code="unauthorized")
    assert api.get("/me").status_code == 200, "revoking one token must keep the others"
    error(api.delete(f"/tokens/{spare['id']}"), 404)


def test_a_token_can_revoke_itself(client, api):
    spare = get_token(client, "me@example.com").get_json()
    headers = {"Authorization": f"Bearer {spare['token']}"}
    assert client.delete(f"/api/v1/tokens/{spare['id']}", headers=headers).status_code == 204
    error(client.get("/api/v1/me", headers=headers), 401)


@pytest.mark.parametrize("token_id", [0, 999999, 2**31, 2**63, 10**30])
def test_revoke_unknown_token_is_404(api, token_id):
    with unchanged(api):
        error(api.delete(f"/tokens/{token_id}"), 404)


def test_me_answers_the_account(api, conforms):
    body = conforms(api.get("/me"))
    assert body == {"id": api.user_id, "email": "me@example.com", "timezone": "Europe/Berlin"}


@pytest.mark.parametrize(
    ("body", "timezone"),
    [
        ({"timezone": "America/New_York"}, "America/New_York"),
        ({"timezone": "UTC"}, "UTC"),
        ({"timezone": "Pacific/Kiritimati"}, "Pacific/Kiritimati"),
        ({}, "Europe/Berlin"),
        ({"timezone": None}, "Europe/Berlin"),
    ],
)
def test_patch_me_changes_the_timezone(api, conforms, body, timezone):
    answer = api.patch("/me", body)
    assert answer.status_code == 200
    expected = {"id": api.user_id, "email": "me@example.com", "timezone": timezone}
    assert conforms(answer) == expected
    assert api.get("/me").get_json() == expected


@each_bad_field(
    [
        *[({"timezone": zone}, "timezone") for zone in BAD_TIMEZONES],
        ({"email": "new@example.com"}, "email"),  # only the time zone changes here
        ({"password": "new password"}, "password"),
    ]
)
def test_patch_me_refuses_bad_field(api, change, field):
    with unchanged(api):
        error(api.patch("/me", change), 400, field)
