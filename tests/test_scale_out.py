"""Scaling out: two gunicorn workers and two reminder processes on one database.

Everything goes through real processes, as in a deployment with several app servers and
more than one reminder process: people sign up, subscribe two devices each and check in over
HTTP (spread over both workers), then two `flask --app tracker reminders run` processes race
for the same due reminders. Every device gets its reminder exactly once (checked by the local
push service, which verifies and decrypts each one) and every acknowledged check-in is stored.
CI runs this on SQLite and again on PostgreSQL.
"""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests import servers
from tests.push.conftest import deliveries, make_plans_due, messages
from tests.servers import ROOT
from tracker.extensions import db
from tracker.models import Entry

PEOPLE = 8
DEVICES_EACH = 2
PASSWORD = "correct horse battery staple"


def _environment(app, instance: Path) -> dict[str, str]:
    return servers.environment(
        app, instance, **servers.push_environment(app), WEB_CONCURRENCY="2", GUNICORN_THREADS="2"
    )


def _call(port: int, method: str, path: str, body=None, token: str | None = None):
    """One request on a new connection, so the two workers share the requests."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json", "Connection": "close"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        connection.request(method, path, None if body is None else json.dumps(body), headers)
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read() or b"null")
    finally:
        connection.close()


@pytest.fixture
def web(app, tmp_path):
    """gunicorn with two worker processes, with the settings `make run` uses: (port, log)."""
    log = tmp_path / "gunicorn.log"
    with servers.gunicorn(_environment(app, tmp_path), log) as port:
        yield port, log


def _people_with_devices(app, port: int, push_service) -> tuple[list[str], int]:
    """Sign people up, subscribe their devices and check in; (endpoints, check-ins acked)."""
    endpoints, acked = [], 0
    yesterday = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    for n in range(PEOPLE):
        email = f"scale{n}@example.com"
        account = {"email": email, "password": PASSWORD, "timezone": "Europe/Berlin"}
        assert _call(port, "POST", "/api/v1/accounts", account)[0] == 201
        status, token = _call(
            port, "POST", "/api/v1/tokens", {"email": email, "password": PASSWORD}
        )
        assert status == 201, token
        token = token["token"]
        for _ in range(DEVICES_EACH):
            info = push_service.subscribe(app.config["VAPID_PUBLIC_KEY"])
            status, answer = _call(port, "POST", "/api/v1/push/subscriptions", info, token)
            assert status == 201, answer
            endpoints.append(info["endpoint"])
        status, goals = _call(port, "GET", "/api/v1/goals", token=token)
        assert status == 200
        for goal in goals:
            path = f"/api/v1/goals/{goal['id']}/entries/{yesterday}"
            status, answer = _call(port, "PUT", path, {"value": 1}, token)
            assert status == 200, answer
            acked += 1
    return endpoints, acked


def _reminder_process(app, tmp_path: Path, name: str) -> subprocess.Popen:
    with (tmp_path / f"{name}.log").open("w") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "tracker", "reminders", "run"],
            cwd=ROOT,
            env=_environment(app, tmp_path / name),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )


def test_two_workers_and_two_reminder_processes_send_once_and_lose_nothing(
    app, web, push_service, tmp_path
):
    port, log = web
    endpoints, acked = _people_with_devices(app, port, push_service)
    assert log.read_text().count("Booting worker") == 2

    # The processes read the real clock: make every plan reminder due half a minute ago.
    make_plans_due(app, datetime.now(UTC) - timedelta(seconds=30))
    push_service.delay = 0.05  # keep both processes' sends overlapping
    runs = [_reminder_process(app, tmp_path, name) for name in ("first", "second")]
    try:
        deadline = time.monotonic() + 90
        while len(push_service.received) < len(endpoints) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)  # time enough for a second copy to arrive, were one to be sent
    finally:
        for run in runs:
            run.send_signal(signal.SIGTERM)
        codes = [run.wait(60) for run in runs]
    assert codes == [0, 0], [
        (tmp_path / f"{n}.log").read_text()[-2000:] for n in ("first", "second")
    ]

    counts = Counter(received.token for received in push_service.received)
    assert sorted(counts) == sorted(e.rsplit("/", 1)[1] for e in endpoints)
    assert set(counts.values()) == {1}, "a device got the same reminder twice"
    assert deliveries(app).count(("plan", "queued", None)) == PEOPLE
    assert Counter(status for status, *_ in messages(app)) == {"delivered": len(endpoints)}
    with app.app_context():
        assert db.session.scalar(select(func.count(Entry.id))) == acked
        db.session.remove()
