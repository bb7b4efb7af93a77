"""/healthz: 200 when the database answers, 503 JSON when it does not; no sign-in, no rate
limit, nothing personal."""

from __future__ import annotations

import pytest

from tracker import create_app
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
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "k" * 32})
    try:
        answer = app.test_client().get("/healthz")
    finally:
        with app.app_context():
            db.engine.dispose()
    assert answer.status_code == 503
    assert answer.mimetype == "application/json"
    assert answer.get_json()["status"] == "unavailable"
    assert "nobody" not in answer.get_data(as_text=True)
    assert any("health check" in r.getMessage() for r in caplog.records)
    assert not any("nobody" in r.getMessage() for r in caplog.records)
