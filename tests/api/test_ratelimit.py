"""Rate limits of SPEC 6 on the API: failed sign-ins per account and per address, sign-ups per
address; past a limit 429 with Retry-After, and successful sign-ins never count."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, text

from tests import factories
from tests.api.expect import error, new_address
from tests.factories import PASSWORD
from tracker.extensions import db

EMAIL = "me@example.com"


def _token(client, email=EMAIL, password=PASSWORD, address=None):
    return client.post(
        "/api/v1/tokens",
        json={"email": email, "password": password},
        environ_base=address or new_address(),
    )


def _sign_up(client, n: int, address: dict, **extra):
    body = {"email": f"new{n}@example.com", "password": PASSWORD, "timezone": "UTC", **extra}
    return client.post("/api/v1/accounts", json=body, environ_base=address)


def _retry_after(answer, at_most: int) -> int:
    wait = int(answer.headers["Retry-After"])
    assert 1 <= wait <= at_most, wait
    return wait


@pytest.fixture
def account(app, now):
    return factories.make_user(app, EMAIL)


def test_the_eleventh_wrong_password_in_a_minute_is_refused_with_retry_after(client, account):
    for _ in range(10):  # from ten different addresses: the account's own limit bites
        error(_token(client, password="wrong password"), 401, code="unauthorized")
    answer = _token(client, password="wrong password")
    err = error(answer, 429, code="rate_limited")
    assert "wrong passwords" in err["message"]
    _retry_after(answer, 60)


def test_a_locked_account_refuses_even_the_right_password_for_a_while(client, account):
    for _ in range(10):
        _token(client, password="wrong password")
    error(_token(client), 429, code="rate_limited")


def test_another_account_is_not_affected_by_a_locked_one(client, app, account):
    factories.make_user(app, "other@example.com")
    address = new_address()
    for _ in range(10):
        _token(client, password="wrong password", address=address)
    assert _token(client, "other@example.com", address=address).status_code == 201


@pytest.mark.parametrize("spelling", ["ME@example.com", "  me@EXAMPLE.com ", "me@example.com"])
def test_the_account_is_counted_by_its_normalised_email(client, account, spelling):
    for _ in range(10):
        _token(client, email=spelling, password="wrong password")
    error(_token(client, email="me@example.com"), 429, code="rate_limited")


def test_successful_sign_ins_are_not_counted(client, account):
    address = new_address()
    for _ in range(30):
        assert _token(client, address=address).status_code == 201
    for _ in range(10):
        assert _token(client, password="nope", address=address).status_code == 401
    assert _token(client, address=address).status_code == 429


def test_a_hundred_failures_from_one_address_block_that_address_only(client, app, account):
    address = new_address()
    emails = [f"guess{n}@example.com" for n in range(10)]
    for email in emails:
        factories.make_user(app, email)
    for email in emails * 10:  # ten each: no account reaches its own limit, the address does
        assert _token(client, email=email, password="x", address=address).status_code == 401
    blocked = _token(client, address=address)
    error(blocked, 429, code="rate_limited")
    _retry_after(blocked, 60)
    assert _token(client).status_code == 201  # the same account from elsewhere is fine


def test_malformed_sign_ins_are_not_failed_passwords(client, account):
    address = new_address()
    for _ in range(12):
        answer = client.post("/api/v1/tokens", data="{not json", environ_base=address)
        error(answer, 400)
    assert _token(client, address=address).status_code == 201


def test_sign_ups_from_one_address_stop_at_the_default_twenty_an_hour(client):
    address = new_address()
    for n in range(20):
        assert _sign_up(client, n, address).status_code == 201
    answer = _sign_up(client, 20, address)
    err = error(answer, 429, code="rate_limited")
    assert "new accounts" in err["message"]
    _retry_after(answer, 3600)
    assert _sign_up(client, 21, new_address()).status_code == 201


def test_refused_sign_ups_count_too(client):
    """Probing which emails exist (409) is account creation traffic like any other."""
    address = new_address()
    factories.make_user(client.application, "taken@example.com")
    for _ in range(20):
        answer = _sign_up(client, 0, address, email="taken@example.com")
        assert answer.status_code == 409
    error(_sign_up(client, 1, address), 429, code="rate_limited")


def test_the_sign_up_limit_follows_the_setting_and_lifts_when_it_expires(client, monkeypatch):
    monkeypatch.setitem(client.application.config, "SIGNUP_RATE_LIMIT", "2 per 2 seconds")
    address = new_address()
    assert [_sign_up(client, n, address).status_code for n in range(3)] == [201, 201, 429]
    time.sleep(_retry_after(_sign_up(client, 3, address), 2))
    assert _sign_up(client, 4, address).status_code == 201


def test_sign_in_limits_do_not_touch_other_routes(client, api):
    for _ in range(10):
        _token(client, password="wrong password")
    for _ in range(120):
        assert api.get("/me").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_the_429_is_in_the_openapi_document(document):
    for path, method in (("/api/v1/tokens", "post"), ("/api/v1/accounts", "post")):
        assert "429" in document["paths"][path][method]["responses"]


def test_the_counts_are_kept_in_the_database_by_default(client, app, account):
    """The default storage: every process of the server reads the same rows."""
    with app.app_context():
        assert db.session.execute(text("SELECT COUNT(*) FROM rate_limit_hits")).scalar() == 0
        _token(client, password="wrong password")
        assert db.session.execute(text("SELECT COUNT(*) FROM rate_limit_hits")).scalar() == 2
        db.session.remove()  # one row per limit: the account's and the address's


def test_signing_in_works_while_the_count_storage_fails(app, account, tmp_path):
    """A database the counts cannot reach (here a file in a missing folder) fails open."""
    unreachable = create_engine(f"sqlite:///{tmp_path}/missing/counts.sqlite3")
    try:
        with factories.second_app(app, RATELIMIT_STORAGE_OPTIONS={"engine": unreachable}) as server:
            for _ in range(12):
                assert _token(server.test_client(), password="wrong password").status_code == 401
            assert _token(server.test_client()).status_code == 201
    finally:
        unreachable.dispose()
