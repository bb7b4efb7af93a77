"""Shared fixtures: one app per test session on DATABASE_URL (SQLite by default), emptied
after every test, and a clock the tests set."""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from tests import factories
from tools.push_service import PushService
from tracker import clock, create_app
from tracker.extensions import db
from tracker.services import history
from tracker.web.http import ratelimit

FIXED_NOW = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)  # a Wednesday


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return host == "localhost"


@pytest.fixture(autouse=True, scope="session")
def _every_checkpointed_read_is_checked():
    """Every history read that goes on from a streak checkpoint is compared with a walk from
    the first day (services.history.CHECK_WHOLE_WALK): a write anywhere in the suite that
    forgot to forget the checkpoints it changed fails the test that reads after it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(history, "CHECK_WHOLE_WALK", True)
        yield


@pytest.fixture(autouse=True, scope="session")
def _nothing_leaves_this_machine():
    """A test never reaches another machine (a push service on the internet, say): any
    connection from the test process to a non-loopback address fails at once."""
    real_connect = socket.socket.connect

    def connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
            raise ConnectionRefusedError(f"tests do not connect to {address[0]}")
        return real_connect(sock, address)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", connect)
        yield


def _database_url(tmp: str) -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/test.sqlite3"


@pytest.fixture(scope="session")
def app():
    with tempfile.TemporaryDirectory() as tmp:
        application = create_app(
            {
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": _database_url(tmp),
                "SECRET_KEY": "test-secret-key-of-decent-length",
            }
        )
        with application.app_context():
            db.drop_all()
            db.create_all()
        yield application
        with application.app_context():
            db.session.remove()
            db.drop_all()
            db.engine.dispose()


def _empty_tables() -> None:
    db.session.rollback()
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        # A browser test's last request may still be writing when its test ends: PostgreSQL
        # then ends one side of the deadlock, here the TRUNCATE, which goes once it is done.
        for attempt in range(3):
            try:
                db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
                break
            except OperationalError:
                db.session.rollback()
                if attempt == 2:
                    raise
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture(autouse=True)
def _clean_database(request):
    yield
    if "app" in request.fixturenames:
        app = request.getfixturevalue("app")
        with app.app_context():
            _empty_tables()
            db.session.remove()
        ratelimit.reset(app)  # every test starts with no failed sign-ins or sign-ups counted


@pytest.fixture
def now(monkeypatch):
    """The wall clock as the app sees it; set `now.value` to move it."""

    class Clock:
        value = FIXED_NOW

    monkeypatch.setattr(clock, "now_utc", lambda: Clock.value)
    return Clock


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def push_service():
    """A local Web Push service (tools/push_service.py), stopped after the test."""
    service = PushService().start()
    yield service
    service.stop()


@pytest.fixture
def local_push(app, monkeypatch):
    """Let subscriptions point at the local push service (loopback, plain http)."""
    monkeypatch.setitem(app.config, "PUSH_ALLOWED_HOSTS", ("127.0.0.1",))


@pytest.fixture
def client(app, now):
    return app.test_client()


@pytest.fixture
def api(app, now):
    """An API client signed in with a bearer token of a fresh user (Europe/Berlin)."""
    return factories.api_client(app, "me@example.com")


@pytest.fixture
def other_api(app, now):
    return factories.api_client(app, "someone-else@example.com")
