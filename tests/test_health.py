"""/healthz: 200 when the database answers, 503 JSON when it does not; no sign-in, no rate
limit, nothing personal."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from sqlalchemy import event

from tests import factories
from tests.api.expect import database_rows, error, new_address
from tracker.extensions import db


def test_healthy(client):
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.get_json() == {"status": "ok"}
    assert answer.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in answer.headers
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_head_works_for_probes(client):
    assert client.head("/healthz").status_code == 200


def test_never_rate_limited(client):
    statuses = {client.get("/healthz").status_code for _ in range(150)}
    assert statuses == {200}


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////nonexistent-directory/tracker.sqlite3",
        "postgresql+psycopg://nobody@127.0.0.1:1/x",
    ],
    ids=["sqlite-missing", "postgresql-down"],
)
def test_a_database_that_does_not_answer_is_503_json(tmp_path, url, caplog):
    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "k" * 32}
    with factories.throwaway_app(config) as app:
        answer = app.test_client().get("/healthz")
    assert answer.status_code == 503
    assert answer.mimetype == "application/json"
    assert answer.get_json()["status"] == "unavailable"
    assert "nobody" not in answer.get_data(as_text=True)
    assert any("health check" in r.getMessage() for r in caplog.records)
    assert not any("nobody" in r.getMessage() for r in caplog.records)


# --- A database that answers reads but refuses writes (SPEC 6) --------------------------
# Tests run as root, where a file's permissions do not stop a write: the database is made
# read-only the way the engine itself enforces it (SQLite's mode=ro URI or query_only, a
# PostgreSQL session of read-only transactions), or full (SQLite's max_page_count).

SECRET = "s" * 32


@contextmanager
def _serve(url: str, pragma: str | None = None, *, testing: bool = False) -> Iterator[Flask]:
    """An app on `url`; `pragma` runs on each new connection (SQLite, or PostgreSQL SQL)."""
    config = {"TESTING": testing, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET}
    with factories.throwaway_app(config) as app:
        if pragma:
            with app.app_context():
                event.listen(db.engine, "connect", lambda conn, _record: _run(conn, pragma))
        yield app


def _run(dbapi_connection, statement: str) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(statement)
    cursor.close()
    if not isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.commit()  # psycopg opened a transaction for it


@pytest.fixture
def sqlite_file(tmp_path, now):
    """A SQLite file with its tables, one account and its bearer token: (path, token)."""
    path = tmp_path / "tracker.sqlite3"
    with _serve(f"sqlite:///{path}", testing=True) as writable:
        with writable.app_context():
            db.create_all()
        token = factories.api_client(writable, "reader@example.com").token
    return path, token


@pytest.fixture(params=["mode-ro", "query-only"])
def read_only_sqlite(request, sqlite_file):
    path, token = sqlite_file
    if request.param == "mode-ro":
        serving = _serve(f"sqlite:///file:{path}?mode=ro&uri=true")
    else:
        serving = _serve(f"sqlite:///{path}", "PRAGMA query_only = ON")
    with serving as app:
        yield app, token


def _refuses_writes_with_503(app, token: str) -> None:
    client = app.test_client()
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.get_json()["status"] == "unavailable"
    assert client.get("/login").status_code == 200  # reads still work
    body = {"email": "new@example.com", "password": factories.PASSWORD, "timezone": "UTC"}
    refused = client.post("/api/v1/accounts", json=body, environ_base=new_address())
    err = error(refused, 503, code="unavailable")
    assert "read" in err["message"].lower() or "full" in err["message"].lower()
    page = client.post(
        "/signup",
        data={**body, "csrf_token": factories.csrf_token(client, "/signup")},
        environ_base=new_address(),
    )
    assert page.status_code == 503
    assert page.mimetype == "text/html"
    assert "cannot save" in page.get_data(as_text=True).lower()
    bearer = {"Authorization": f"Bearer {token}"}
    write = client.post("/api/v1/rejections", json={"date": "2026-03-18"}, headers=bearer)
    error(write, 503, code="unavailable")


def test_a_read_only_sqlite_database_is_unhealthy_and_writes_answer_503(read_only_sqlite):
    _refuses_writes_with_503(*read_only_sqlite)


def test_a_full_sqlite_database_answers_503_to_the_write_that_finds_it_full(sqlite_file):
    path, token = sqlite_file
    with sqlite3.connect(path) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    with _serve(f"sqlite:///{path}", f"PRAGMA max_page_count = {pages}") as app:
        bearer = {"Authorization": f"Bearer {token}"}
        long_text = {"date": "2026-03-18", "text": "x" * 10000}  # needs pages of its own
        answer = app.test_client().post("/api/v1/reflections", json=long_text, headers=bearer)
    err = error(answer, 503, code="unavailable")
    assert "full" in err["message"].lower()


def test_a_read_only_postgresql_database_is_unhealthy_and_writes_answer_503(app, now):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("postgresql"):
        pytest.skip("runs with DATABASE_URL=postgresql+psycopg://…")
    token = factories.api_client(app, "reader@example.com").token
    with _serve(url, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY") as read_only:
        _refuses_writes_with_503(read_only, token)


def test_a_healthy_database_is_written_to_and_left_as_it_was(app, client):
    before = database_rows(app)
    assert client.get("/healthz").status_code == 200
    assert database_rows(app) == before
