"""Rate limits on the sign-in and sign-up pages: the same counts as the API, a friendly page
past a limit (429 with Retry-After), and the client address taken from X-Forwarded-For only
behind a proxy the configuration trusts."""

from __future__ import annotations

import pytest

from tests import factories
from tests.web.pages import error_beside, parse, post

EMAIL = "member@example.com"


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch):
    """Dozens of sign-ins per test: the real scrypt cost would dominate the run."""
    factories.cheap_password_hashes(monkeypatch)


def _login(client, password, email=EMAIL, **kwargs):
    token = factories.csrf_token(client, "/login")
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}, **kwargs
    )


@pytest.fixture
def account(app, now):
    return factories.make_user(app, EMAIL)


def test_the_sign_in_page_says_when_to_try_again(client, account):
    for _ in range(10):
        assert _login(client, "wrong password").status_code == 401
    answer = _login(client, factories.PASSWORD)
    assert answer.status_code == 429
    assert 1 <= int(answer.headers["Retry-After"]) <= 60
    document = parse(answer.get_data(as_text=True))
    assert "Too many wrong passwords" in error_beside(document, "password")
    assert document.one("input", name="email").attrs["value"] == EMAIL  # nothing to retype
    assert client.get("/").status_code == 302  # not signed in


def test_the_sign_in_page_still_opens_while_limited(client, account):
    for _ in range(11):
        _login(client, "wrong password")
    assert client.get("/login").status_code == 200


def test_page_and_api_failures_add_up_for_one_account(client, account):
    for _ in range(5):
        _login(client, "wrong password")
    for _ in range(5):
        body = {"email": EMAIL, "password": "wrong password"}
        assert client.post("/api/v1/tokens", json=body).status_code == 401
    assert _login(client, factories.PASSWORD).status_code == 429
    body = {"email": EMAIL, "password": factories.PASSWORD}
    assert client.post("/api/v1/tokens", json=body).status_code == 429


def test_signing_in_on_the_page_is_never_counted(app, account):
    client = app.test_client()
    for _ in range(15):
        assert _login(client, factories.PASSWORD).status_code == 302
        post(client, "/logout", {})
    assert _login(client, factories.PASSWORD).status_code == 302


def test_the_sign_up_page_says_when_to_try_again(client, monkeypatch):
    monkeypatch.setitem(client.application.config, "SIGNUP_RATE_LIMIT", "1 per hour")
    assert factories.sign_up_page(client, "first@example.com").status_code == 302
    other = client.application.test_client()
    answer = factories.sign_up_page(other, "second@example.com", timezone="Europe/Paris")
    assert answer.status_code == 429
    assert int(answer.headers["Retry-After"]) > 60
    document = parse(answer.get_data(as_text=True))
    assert "Too many new accounts" in document.one(role="alert").text()
    assert document.one("input", name="email").attrs["value"] == "second@example.com"
    assert other.get("/").status_code == 302


def _sign_ups(app, proxies: int, forwarded: list[str]) -> list[int]:
    """The statuses of sign-ups (at most 1 an hour) arriving with these X-Forwarded-For
    headers, one each, on an app behind `proxies` trusted proxies."""
    settings = {"SIGNUP_RATE_LIMIT": "1 per hour", "TRUSTED_PROXIES": proxies}
    with factories.second_app(app, **settings) as server:
        client = server.test_client()
        statuses = []
        for n, chain in enumerate(forwarded):
            body = {"email": f"new{n}@example.com", "password": "long enough", "timezone": "UTC"}
            headers = {"X-Forwarded-For": chain}
            statuses.append(client.post("/api/v1/accounts", json=body, headers=headers).status_code)
        return statuses


@pytest.mark.parametrize(("proxies", "second"), [(0, 429), (1, 201)])
def test_forwarded_addresses_count_only_behind_a_trusted_proxy(app, now, proxies, second):
    """Without a trusted proxy X-Forwarded-For is the client's to invent, so it is ignored;
    behind one, each forwarded client address has its own count."""
    assert _sign_ups(app, proxies, ["203.0.113.1", "203.0.113.2"]) == [201, second]


def test_a_spoofed_chain_counts_the_address_the_proxy_saw(app, now):
    """The trusted proxy appends the address it saw; anything a client put before it is ignored."""
    chains = ["10.0.0.1, 198.51.100.7", "10.0.0.2, 198.51.100.7"]
    assert _sign_ups(app, 1, chains) == [201, 429]
