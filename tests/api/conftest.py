"""Fixtures of the API tests: the OpenAPI document, a conformance check, faster password hashes."""

from __future__ import annotations

import functools

import pytest
from werkzeug.security import generate_password_hash

from tests.api import contract
from tracker.services import accounts

# Every test creates accounts; the real scrypt cost (~0.15 s each) would dominate the run.
# test_passwords_are_stored_as_strong_salted_hashes puts the real function back.
_CHEAP_HASH = functools.partial(generate_password_hash, method="pbkdf2:sha256:1000")


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "generate_password_hash", _CHEAP_HASH)


@pytest.fixture(scope="session")
def document(app):
    answer = app.test_client().get("/api/v1/openapi.json")
    assert answer.status_code == 200
    return answer.get_json()


@pytest.fixture
def conforms(app, document):
    """check(answer) -> its JSON: asserts it matches what the OpenAPI document declares."""

    def check(answer):
        found = contract.response_problems(document, app, answer)
        assert not found, "\n".join(found)
        return answer.get_json() if answer.get_data() else None

    return check
