"""Who may call the API: bearer tokens, and the session cookie with X-CSRFToken on writes."""

from __future__ import annotations

import re

import pytest

from tests import factories
from tests.api.document import operations
from tests.api.expect import error, new_address, unchanged

TODAY = "2026-03-18"
PROTECTED = [op for op in operations() if not op.public]


def concrete(template: str) -> str:
    """A path of `template` with made-up ids: credentials are checked before anything is
    looked up."""
    path = re.sub(r"{\w+_id}", "1", template)
    return path.replace("{day}", TODAY)


@pytest.mark.parametrize("op", PROTECTED, ids=str)
def test_every_protected_route_without_credentials_is_401(client, api, op):
    with unchanged(api):
        answer = client.open(concrete(op.path), method=op.method, json={})
    error(answer, 401, code="unauthorized")


@pytest.mark.parametrize(
    "header",
    [
        "",
        "Bearer",
        "Bearer ",
        "Bearer    ",
        "Basic bWVAZXhhbXBsZS5jb206Y29ycmVjdCBob3JzZSBiYXR0ZXJ5",
        "Token {token}",
        "{token}",
        "Bearer bio_unknown",
        "Bearer {token}x",
        "Bearer {token_upper}",
        "Bearer \x00",
    ],
)
def test_malformed_or_unknown_bearer_is_401(client, api, header):
    value = header.format(token=api.token, token_upper=api.token.upper())
    answer = client.get("/api/v1/me", headers={"Authorization": value})
    error(answer, 401, code="unauthorized")


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_bearer_scheme_is_case_insensitive(client, api, scheme):
    answer = client.get("/api/v1/me", headers={"Authorization": f"{scheme} {api.token}"})
    assert answer.status_code == 200


def test_a_wrong_bearer_is_401_even_with_a_valid_session(client):
    client.environ_base.update(new_address())
    factories.sign_up_page(client, "cookie@example.com")
    answer = client.get("/api/v1/me", headers={"Authorization": "Bearer bio_unknown"})
    error(answer, 401)


def test_revoked_token_is_401_everywhere(client, api):
    spare = client.post(
        "/api/v1/tokens",
        json={"email": "me@example.com", "password": factories.PASSWORD},
        environ_base=new_address(),
    ).get_json()
    headers = {"Authorization": f"Bearer {spare['token']}"}
    assert client.get("/api/v1/goals", headers=headers).status_code == 200
    assert api.delete(f"/tokens/{spare['id']}").status_code == 204
    for path in ("/me", "/goals", "/today", "/streaks"):
        error(client.get("/api/v1" + path, headers=headers), 401)


@pytest.fixture
def cookie_client(client):
    """A browser that signed up through the page and holds the session cookie."""
    client.environ_base.update(new_address())  # sign-ups are rate limited per address
    answer = factories.sign_up_page(client, "cookie@example.com")
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
    return client


def _apply_goal(client) -> int:
    goals = client.get("/api/v1/goals").get_json()
    return next(g["id"] for g in goals if g["category"] == "apply")


@pytest.mark.parametrize("path", ["/me", "/goals", "/today", "/streaks", "/calendar", "/breaks"])
def test_session_cookie_reads_without_csrf_header(cookie_client, path):
    answer = cookie_client.get("/api/v1" + path)
    assert answer.status_code == 200


WRITES = [
    ("PUT", "/goals/{goal}/entries/2026-03-18", {"value": 1}),
    ("DELETE", "/goals/{goal}/entries/2026-03-18", None),
    ("PATCH", "/goals/{goal}", {"title": "Changed"}),
    ("DELETE", "/goals/{goal}", None),
    ("POST", "/goals", {"category": "apply", "title": "New"}),
    ("PATCH", "/me", {"timezone": "UTC"}),
    ("POST", "/rejections", {"date": "2026-03-18"}),
    ("POST", "/breaks", {"start": "2026-03-18", "end": "2026-03-20"}),
]


@pytest.mark.parametrize(
    "csrf",
    [None, "", "not-a-token", "from-another-session"],
    ids=["absent", "empty", "forged", "foreign"],
)
@pytest.mark.parametrize(("method", "path", "body"), WRITES, ids=[f"{m} {p}" for m, p, _ in WRITES])
def test_session_cookie_write_without_valid_csrf_header_is_403(
    app, cookie_client, method, path, body, csrf
):
    headers = {}
    if csrf == "from-another-session":
        other = app.test_client()
        headers["X-CSRFToken"] = factories.csrf_token(other, "/login")
    elif csrf is not None:
        headers["X-CSRFToken"] = csrf
    url = "/api/v1" + path.format(goal=_apply_goal(cookie_client))
    with unchanged(cookie_client):
        answer = cookie_client.open(url, method=method, json=body, headers=headers)
    error(answer, 403, code="csrf")


@pytest.mark.parametrize(("method", "path", "body"), WRITES, ids=[f"{m} {p}" for m, p, _ in WRITES])
def test_session_cookie_write_with_csrf_header_from_the_page_succeeds(
    cookie_client, method, path, body
):
    headers = {"X-CSRFToken": factories.csrf_token(cookie_client, "/")}
    url = "/api/v1" + path.format(goal=_apply_goal(cookie_client))
    answer = cookie_client.open(url, method=method, json=body, headers=headers)
    assert answer.status_code in (200, 201, 204), answer.get_json()


def test_session_cookie_check_in_is_saved(cookie_client):
    goal = _apply_goal(cookie_client)
    headers = {"X-CSRFToken": factories.csrf_token(cookie_client, "/")}
    answer = cookie_client.put(f"/api/v1/goals/{goal}/entries/{TODAY}", json={}, headers=headers)
    assert answer.status_code == 200
    assert answer.get_json()["done"] is True
    assert cookie_client.get("/api/v1/today").get_json()["streak"]["current"] == 1


def test_after_sign_out_the_cookie_no_longer_works(cookie_client):
    token = factories.csrf_token(cookie_client, "/")
    cookie_client.post("/logout", data={"csrf_token": token})
    error(cookie_client.get("/api/v1/me"), 401)
