"""Small builders for test data, through the same use cases the app runs."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from tracker import clock, create_app
from tracker.core.days import local_date
from tracker.extensions import db
from tracker.services import accounts

PASSWORD = "correct horse battery"
_CHEAP_HASH = functools.partial(generate_password_hash, method="pbkdf2:sha256:1000")


def cheap_password_hashes(monkeypatch) -> None:
    """Hash new passwords at a token cost for the rest of the test: the real scrypt cost
    would dominate a run that makes many accounts (signing in is tested with the real one)."""
    monkeypatch.setattr(accounts, "generate_password_hash", _CHEAP_HASH)


@contextmanager
def throwaway_app(config: dict) -> Iterator[Flask]:
    """An app of the test's own, made from `config` (another server, a database that is
    down or read-only, settings the session's app does not have); its database connections
    are closed when the block ends, so no file or server stays open behind the test."""
    app = create_app(config)
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def second_app(app: Flask, **settings: Any):
    """A throwaway app on `app`'s database with its secret, as a second server would be,
    `settings` over its configuration (a context manager, as throwaway_app)."""
    return throwaway_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SECRET_KEY": app.config["SECRET_KEY"],
            **settings,
        }
    )


def make_user(app: Flask, email: str, timezone: str = "Europe/Berlin") -> int:
    """Create an account (with its three starter goals) and return its id."""
    with app.app_context():
        now = clock.now_utc()
        user = accounts.create_account(
            db.session, email, PASSWORD, timezone, local_date(now, timezone), now
        )
        db.session.commit()
        return user.id


@dataclass
class ApiClient:
    """A test client that sends a bearer token with every request."""

    client: FlaskClient
    token: str
    user_id: int

    def call(self, method: str, path: str, json: Any = None, **kwargs: Any):
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        return self.client.open(
            "/api/v1" + path, method=method, json=json, headers=headers, **kwargs
        )

    def get(self, path: str, **kwargs: Any):
        return self.call("GET", path, **kwargs)

    def post(self, path: str, json: Any = None, **kwargs: Any):
        return self.call("POST", path, json, **kwargs)

    def put(self, path: str, json: Any = None, **kwargs: Any):
        return self.call("PUT", path, json, **kwargs)

    def patch(self, path: str, json: Any = None, **kwargs: Any):
        return self.call("PATCH", path, json, **kwargs)

    def delete(self, path: str, json: Any = None, **kwargs: Any):
        return self.call("DELETE", path, json, **kwargs)

    def goal_ids(self) -> dict[str, int]:
        """{category: id} of the starter goals."""
        return {g["category"]: g["id"] for g in self.get("/goals").get_json()}


def api_client(app: Flask, email: str, timezone: str = "Europe/Berlin") -> ApiClient:
    user_id = make_user(app, email, timezone)
    client = app.test_client()
    answer = client.post("/api/v1/tokens", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 201, answer.get_json()
    return ApiClient(client, answer.get_json()["token"], user_id)


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    """The CSRF token a page embeds (in its meta tag)."""
    html = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def sign_up_page(client: FlaskClient, email: str, timezone: str = "Europe/Berlin"):
    """Sign up through the page form; the client keeps the session cookie."""
    token = csrf_token(client, "/signup")
    return client.post(
        "/signup",
        data={"email": email, "password": PASSWORD, "timezone": timezone, "csrf_token": token},
    )


def iso(day: date) -> str:
    return day.isoformat()


def push_subscription(endpoint: str | None = None) -> dict:
    """A subscription as a browser's PushSubscription.toJSON() gives it, with real keys (the
    private half is thrown away: nothing can read what is sent to it)."""
    import base64
    import secrets

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    return {
        "endpoint": endpoint or "https://fcm.googleapis.com/fcm/send/" + secrets.token_urlsafe(16),
        "expirationTime": None,
        "keys": {"p256dh": b64(point), "auth": b64(secrets.token_bytes(16))},
    }
