"""The headers of SPEC 6 on every answer (every route of the url_map, signed in and out, and
every error), HSTS over HTTPS only, and the session cookie's Secure flag following HTTPS."""

from __future__ import annotations

import pytest

from tests import factories

HEADERS = ("X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy")


def _check(answer, where: str) -> None:
    csp = answer.headers.get("Content-Security-Policy", "")
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives.get("script-src") == "'self'", where
    assert directives.get("frame-ancestors") == "'none'", where
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, where
    assert answer.headers.get("X-Content-Type-Options") == "nosniff", where
    assert answer.headers.get("X-Frame-Options") == "DENY", where
    assert answer.headers.get("Referrer-Policy") == "same-origin", where
    assert "camera=()" in answer.headers.get("Permissions-Policy", ""), where


def _plain_get_routes(app) -> list[str]:
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or ()) and not rule.arguments
    )


@pytest.mark.parametrize("signed_in", [False, True], ids=["signed-out", "signed-in"])
def test_every_route_sends_the_security_headers(app, member, signed_in):
    client = member if signed_in else app.test_client()
    paths = _plain_get_routes(app)
    assert len(paths) > 15
    for path in [*paths, "/static/css/app.css", "/no-such-page", "/api/v1/no-such-thing"]:
        answer = client.get(path)
        _check(answer, f"GET {path}")
        answer.close()  # static files answer with an open file


def test_error_answers_send_them_too(app, member):
    token = factories.csrf_token(member, "/")
    answers = {
        "405": member.put("/login"),
        "400 csrf": member.post("/goals", data={"title": "x"}),
        "401 api": app.test_client().get("/api/v1/me"),
        "403 api csrf": member.post("/api/v1/goals", json={}),
        "413": member.post("/goals", data={"csrf_token": token, "title": "x" * (3 * 1024 * 1024)}),
    }
    for n in range(11):
        answers["429"] = app.test_client().post(
            "/api/v1/tokens", json={"email": "member@example.com", "password": f"wrong {n}"}
        )
    assert answers["429"].status_code == 429
    for name, answer in answers.items():
        assert answer.status_code == int(name[:3]), name
        _check(answer, name)


def test_an_unexpected_error_sends_them_too(app):
    with factories.second_app(app, TESTING=False) as broken:
        broken.add_url_rule("/boom", "boom", lambda: 1 / 0)
        answer = broken.test_client().get("/boom")
    assert answer.status_code == 500
    _check(answer, "500")


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    secure = client.get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def _session_cookie(answer) -> str:
    cookies = [v for k, v in answer.headers.items() if k == "Set-Cookie"]
    found = [c for c in cookies if c.startswith("bio_session=")]
    assert found, cookies
    return found[0]


@pytest.mark.parametrize(
    ("settings", "base", "forwarded", "secure"),
    [
        ({}, "http://localhost", {}, False),
        ({}, "https://localhost", {}, True),
        ({}, "http://localhost", {"X-Forwarded-Proto": "https"}, False),  # anyone can send it
        ({"TRUSTED_PROXIES": 1}, "http://localhost", {"X-Forwarded-Proto": "https"}, True),
        ({"TRUSTED_PROXIES": 1}, "http://localhost", {}, False),
        ({"SESSION_COOKIE_SECURE": True}, "http://localhost", {}, True),
    ],
    ids=["http", "https", "untrusted-proxy", "trusted-proxy", "proxy-over-http", "forced"],
)
def test_the_session_cookie_is_secure_over_https(app, now, settings, base, forwarded, secure):
    with factories.second_app(app, **settings) as server:
        answer = server.test_client().get("/login", base_url=base, headers=forwarded)
        cookie = _session_cookie(answer)  # the CSRF token starts a session
    flags = [part.strip().lower() for part in cookie.split(";")]
    assert ("secure" in flags) is secure
    assert "httponly" in flags and "samesite=lax" in flags


def test_a_header_an_answer_already_sets_is_kept_and_sent_once(app):
    from flask import Response

    with factories.second_app(app) as server:
        server.add_url_rule(
            "/framed", "framed", lambda: Response("ok", headers={"x-frame-options": "SAMEORIGIN"})
        )
        answer = server.test_client().get("/framed")
        secure = server.test_client().get("/framed", base_url="https://localhost")
    assert answer.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert answer.headers.getlist("X-Content-Type-Options") == ["nosniff"]
    assert len(answer.headers.getlist("Content-Security-Policy")) == 1
    assert secure.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert len(secure.headers.getlist("Strict-Transport-Security")) == 1


# Answers that carry nobody's data keep the caching they have (SPEC 6 asks no-store only of
# answers that carry a person's data): files, the offline page, and the public API answers.
PUBLIC = {
    "/favicon.ico",
    "/manifest.webmanifest",
    "/offline",
    "/sw.js",
    "/static/css/app.css",
    "/api/v1/openapi.json",
    "/api/v1/push/key",
}


def test_every_answer_to_a_signed_in_browser_is_no_store_but_files(app, member):
    paths = [p for p in _plain_get_routes(app) if p != "/healthz"] + ["/static/css/app.css"]
    assert {"/", "/history", "/settings/data/export.json", "/api/v1/today"} <= set(paths)
    wrong = []
    for path in paths:
        answer = member.get(path)
        personal = answer.headers.get("Cache-Control") == "no-store"
        if personal == (path in PUBLIC):
            wrong.append(f"{path}: {answer.status_code} {answer.headers.get('Cache-Control')}")
        answer.close()
    assert not wrong, "\n".join(wrong)


def test_signed_out_pages_keep_their_caching(client):
    for path in ("/login", "/signup", "/offline", "/manifest.webmanifest", "/sw.js"):
        answer = client.get(path)
        assert answer.headers.get("Cache-Control") != "no-store", path
        answer.close()  # files answer with an open file


@pytest.mark.parametrize(
    "path", ["/api/v1/me", "/api/v1/today", "/api/v1/export", "/api/v1/export/entries.csv"]
)
def test_api_answers_with_a_token_are_no_store(app, now, path):
    api = factories.api_client(app, "cached@example.com")
    answer = api.get(path.removeprefix("/api/v1"))
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-store"


def test_api_answers_that_hold_a_new_account_or_token_are_no_store(app, now):
    client = app.test_client()
    body = {"email": "fresh@example.com", "password": factories.PASSWORD, "timezone": "UTC"}
    created = client.post("/api/v1/accounts", json=body)
    token = client.post(
        "/api/v1/tokens", json={"email": body["email"], "password": body["password"]}
    )
    refused = client.get("/api/v1/me")
    for answer in (created, token, refused):
        assert answer.headers["Cache-Control"] == "no-store", answer.status_code


def test_the_export_download_is_no_store(member):
    for path in ("/settings/data/export.json", "/settings/data/entries.csv"):
        answer = member.get(path)
        assert answer.status_code == 200
        assert answer.headers["Cache-Control"] == "no-store"
