"""POST /api/v1/password-reset (SPEC section 6): 202 and the same answer whether or not an
account uses the address, limited like signing in; bad bodies are a clear 400."""

from __future__ import annotations

import pytest

from tests.api.expect import error
from tracker.web.http import ratelimit


def ask(client, body):
    return client.post("/api/v1/password-reset", json=body)


def test_the_answer_is_the_same_whether_or_not_the_account_exists(app, api, client):
    known = ask(client, {"email": "me@example.com"})
    unknown = ask(client, {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 202
    assert known.get_json() == unknown.get_json()
    assert "users reset-link" in known.get_json()["message"]


@pytest.mark.parametrize(
    "body", [{}, {"email": 42}, {"email": None}, {"email": "x" * 255}, {"email": "a\x00b"}, [], "x"]
)
def test_a_bad_body_is_400(client, body):
    error(ask(client, body), 400)


def test_it_is_limited_like_signing_in(app, client):
    ratelimit.reset(app)
    answers = [ask(client, {"email": "me@example.com"}) for _ in range(11)]
    assert [a.status_code for a in answers[:10]] == [202] * 10
    error(answers[10], 429)
    assert "Retry-After" in answers[10].headers
