"""RATELIMIT_STORAGE_URI=redis://…: several app servers share one count (tested against the Redis
at 127.0.0.1:6379, database 4, under a key prefix of the test's own), and an unreachable Redis
never stops people signing in."""

from __future__ import annotations

import uuid

import pytest
import redis

from tests import factories
from tests.api.expect import error, new_address

REDIS = "redis://127.0.0.1:6379/4"
EMAIL = "me@example.com"


@pytest.fixture
def store():
    connection = redis.Redis.from_url(REDIS)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.fail("Redis must run at 127.0.0.1:6379 for these tests")
    yield connection
    connection.close()


@pytest.fixture
def servers(app, now, store):
    prefix = f"bio-test-{uuid.uuid4().hex}"
    settings = {"RATELIMIT_STORAGE_URI": REDIS, "RATELIMIT_KEY_PREFIX": prefix}
    # Two app servers on the same database, as two gunicorn hosts would be.
    with (
        factories.second_app(app, **settings) as first,
        factories.second_app(app, **settings) as second,
    ):
        factories.make_user(app, EMAIL)
        yield [first, second], prefix
        keys = store.keys(f"*{prefix}*")
        if keys:
            store.delete(*keys)


def _token(server, password, address=None):
    return server.test_client().post(
        "/api/v1/tokens",
        json={"email": EMAIL, "password": password},
        environ_base=address or new_address(),
    )


def test_two_servers_share_the_failed_sign_in_count(servers, store):
    (first, second), prefix = servers
    for server in (first, second) * 5:
        assert _token(server, "wrong password").status_code == 401
    for server in (first, second):
        answer = _token(server, factories.PASSWORD)
        error(answer, 429, code="rate_limited")
        assert 1 <= int(answer.headers["Retry-After"]) <= 60
    keys = [key.decode() for key in store.keys(f"*{prefix}*")]
    assert keys, "the counts live in Redis"
    assert not [key for key in keys if "example.com" in key], "keys hold no email address"


def test_two_servers_share_the_sign_up_count(servers):
    (first, second), _ = servers
    address = new_address()
    for n in range(20):
        server = (first, second)[n % 2]
        body = {"email": f"new{n}@example.com", "password": "long enough", "timezone": "UTC"}
        answer = server.test_client().post("/api/v1/accounts", json=body, environ_base=address)
        assert answer.status_code == 201
    body = {"email": "one-more@example.com", "password": "long enough", "timezone": "UTC"}
    answer = first.test_client().post("/api/v1/accounts", json=body, environ_base=address)
    error(answer, 429, code="rate_limited")


def test_signing_in_works_while_redis_is_unreachable(app, now):
    with factories.second_app(app, RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0") as server:
        factories.make_user(app, EMAIL)
        assert _token(server, "wrong password").status_code == 401
        assert _token(server, factories.PASSWORD).status_code == 201
