"""Structured logs: one JSON object per line with the request's id, method, path, status and
duration, and never a password, token, email, note, cookie or Authorization header."""

from __future__ import annotations

import io
import json
import logging

import pytest
from sqlalchemy.exc import IntegrityError

from tests import factories
from tracker import logs
from tracker.extensions import db
from tracker.models import User

EMAIL = "private.person@example.com"
PASSWORD = "a very secret passphrase"
NOTE = "I cried after the call with Initech"


@pytest.fixture
def captured(app):
    """Everything the app logs during the test, as the text that reaches stderr."""
    stream = io.StringIO()
    logs.configure("INFO", stream)
    yield stream
    logs.configure(app.config["LOG_LEVEL"])


def _lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def _a_day_of_use(app) -> dict[str, str]:
    """Sign up, sign in on the page and for a token, write a note, change the password, fail a
    sign-in: the secrets this involved."""
    browser = app.test_client()
    csrf = factories.csrf_token(browser, "/signup")
    form = {"email": EMAIL, "password": PASSWORD, "timezone": "Europe/Berlin", "csrf_token": csrf}
    assert browser.post("/signup", data=form).status_code == 302
    cookie = browser.get_cookie("bio_session").value
    token = browser.post("/api/v1/tokens", json={"email": EMAIL, "password": PASSWORD})
    raw = token.get_json()["token"]
    bearer = {"Authorization": f"Bearer {raw}"}
    goal = browser.get("/api/v1/goals", headers=bearer).get_json()[0]["id"]
    answer = browser.put(
        f"/api/v1/goals/{goal}/entries/2026-03-18?from=secret-query",
        json={"note": NOTE},
        headers=bearer,
    )
    assert answer.status_code == 200
    csrf = factories.csrf_token(browser, "/")
    change = {"current_password": PASSWORD, "new_password": PASSWORD + "!", "csrf_token": csrf}
    assert browser.post("/settings/password", data=change).status_code == 302
    wrong = {"email": EMAIL, "password": "wrong " + PASSWORD}
    assert app.test_client().post("/api/v1/tokens", json=wrong).status_code == 401
    return {"email": EMAIL, "password": PASSWORD, "token": raw, "note": NOTE, "cookie": cookie}


def test_no_secret_or_personal_data_reaches_the_logs(app, now, captured):
    secrets = _a_day_of_use(app)
    text = captured.getvalue()
    assert text, "nothing was logged"
    for name, value in secrets.items():
        assert value not in text, f"the {name} is in the logs"
    assert "example.com" not in text
    for word in ("Authorization", "Bearer", "bio_session", "secret-query", "csrf"):
        assert word not in text


def test_every_request_is_one_json_line_with_its_facts(app, now, captured):
    _a_day_of_use(app)
    requests = [line for line in _lines(captured) if line["logger"] == "tracker.request"]
    assert len(requests) >= 8
    for line in requests:
        assert set(line) >= {"time", "level", "logger", "message", "request_id", "method"}
        assert {"path", "status", "duration_ms"} <= set(line)
        assert line["time"].endswith("Z") and "?" not in line["path"]
        assert isinstance(line["status"], int) and line["duration_ms"] >= 0
    assert {(line["method"], line["status"]) for line in requests} >= {("POST", 302), ("POST", 401)}


def test_the_request_id_is_sent_back_and_taken_from_a_proxy_when_sane(client, captured):
    answer = client.get("/login", headers={"X-Request-ID": "edge-42.a_b"})
    assert answer.headers["X-Request-ID"] == "edge-42.a_b"
    forged = client.get("/login", headers={"X-Request-ID": "not a sane id; <script>"})
    assert forged.headers["X-Request-ID"] != "not a sane id; <script>"
    assert len(forged.headers["X-Request-ID"]) == 32
    ids = [line["request_id"] for line in _lines(captured)]
    assert ids == ["edge-42.a_b", forged.headers["X-Request-ID"]]


def test_lines_logged_during_a_request_carry_its_id(app, client, captured):
    logging.getLogger("tracker.test").warning("inside", extra={"kind": "probe"})
    assert _lines(captured)[-1]["kind"] == "probe"

    def probe():
        logging.getLogger("tracker.test").warning("inside a request")
        return "ok"

    with factories.second_app(app) as server:
        logs.configure("INFO", captured)  # the new app configured the logs again
        server.add_url_rule("/api/v1/probe", "probe", probe)
        server.test_client().get("/api/v1/probe?x=1", headers={"X-Request-ID": "r1"})
    inside, request = _lines(captured)[-2:]
    assert inside["message"] == "inside a request"
    assert (inside["request_id"], inside["method"], inside["path"]) == (
        "r1",
        "GET",
        "/api/v1/probe",
    )
    assert (request["request_id"], request["status"]) == ("r1", 200)
    logging.getLogger("tracker.test").warning("after")
    assert "request_id" not in _lines(captured)[-1]


def test_fields_named_like_secrets_are_dropped(captured):
    extra = {"password": "p", "api_token": "t", "user_email": "e", "note": "n", "count": 3}
    logging.getLogger("tracker.test").info("with extras", extra=extra)
    line = _lines(captured)[-1]
    assert line["count"] == 3
    assert not {"password", "api_token", "user_email", "note"} & set(line)


def test_an_exception_is_logged_with_its_traceback_on_one_line(captured):
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("tracker.test").exception("it failed")
    line = _lines(captured)[-1]
    assert line["level"] == "ERROR" and "ValueError: boom" in line["exception"]


def test_health_checks_stay_out_of_the_info_log(client, captured):
    assert client.get("/healthz").status_code == 200
    assert _lines(captured) == []


def test_the_level_is_configurable(client, captured):
    logs.configure("WARNING", captured)
    client.get("/login")
    assert _lines(captured) == []


def test_configuring_twice_keeps_one_handler(captured):
    logs.configure("INFO", captured)
    logs.configure("INFO", captured)
    logging.getLogger("tracker.test").info("once")
    assert [line["message"] for line in _lines(captured)] == ["once"]


def test_database_errors_are_logged_without_the_values_of_the_row(app, now, captured):
    """A refused row (here a taken email) logged with its traceback names no value of it: not
    in the SQL parameters, not in PostgreSQL's DETAIL line."""
    factories.make_user(app, EMAIL)
    with app.app_context():
        db.session.add(User(email=EMAIL, password_hash="x", timezone="UTC", created_at=now.value))
        try:
            db.session.flush()
        except IntegrityError:
            logging.getLogger("tracker.test").exception("could not save")
        db.session.rollback()
        db.session.remove()
    line = _lines(captured)[-1]
    assert "IntegrityError" in line["exception"]
    assert EMAIL not in captured.getvalue()
