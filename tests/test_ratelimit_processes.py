"""SPEC 6's limits stay exact across processes with the default storage (the app's own
database, no Redis): two gunicorn servers on one database refuse the 11th wrong password in a
minute whichever of them answers, and processes racing for the last slots of a limit never
take more than it allows. CI runs this on SQLite and again on PostgreSQL."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from tests import factories

ROOT = Path(__file__).resolve().parent.parent
EMAIL = "me@example.com"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _sign_in(port: int, password: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = json.dumps({"email": EMAIL, "password": password})
    try:
        connection.request("POST", "/api/v1/tokens", body, {"Content-Type": "application/json"})
        answer = connection.getresponse()
        answer.read()
        return answer.status
    finally:
        connection.close()


def _environment(app, tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "INSTANCE_PATH": str(tmp_path),
        "SECRET_KEY": "processes-secret-key-of-decent-length",
        "WEB_CONCURRENCY": "1",  # one process per server: the test knows which one answers
    }
    env.pop("RATELIMIT_STORAGE_URI", None)  # the default storage
    return env


def _ready(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()[-2000:]
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    pytest.fail("gunicorn did not start: " + log.read_text()[-2000:])


@contextmanager
def _server(app, tmp_path: Path) -> Iterator[int]:
    """A gunicorn of one process on the app fixture's database, with make run's settings."""
    port, log = _free_port(), tmp_path / "gunicorn.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "-c", "python:tracker.gunicorn_config"),
                *("--bind", f"127.0.0.1:{port}", "wsgi:app"),
            ],
            cwd=ROOT,
            env=_environment(app, tmp_path),
            stdout=subprocess.DEVNULL,
            stderr=out,
        )
    try:
        _ready(process, port, log)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@pytest.fixture
def two_servers(app, now, tmp_path) -> Iterator[tuple[int, int]]:
    factories.make_user(app, EMAIL)
    with ExitStack() as stack:
        ports = []
        for name in ("first", "second"):
            (tmp_path / name).mkdir()
            ports.append(stack.enter_context(_server(app, tmp_path / name)))
        yield ports[0], ports[1]


def test_the_eleventh_wrong_password_is_refused_whichever_process_answers(two_servers):
    first, second = two_servers
    for port in (first, second) * 5:  # ten failures, five in each process
        assert _sign_in(port, "wrong password") == 401
    assert [_sign_in(port, "wrong password") for port in (first, second)] == [429, 429]
    assert [_sign_in(port, factories.PASSWORD) for port in (first, second)] == [429, 429]


RACER = """
import sys, time
from sqlalchemy import create_engine
from tracker.web.http.limits_storage import DatabaseStorage

url, start, attempts = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
storage = DatabaseStorage("database://", engine=create_engine(url))
time.sleep(max(0.0, start - time.time()))
print(sum(storage.acquire_entry("race-key", 10, 60) for _ in range(attempts)))
"""


def test_processes_racing_for_the_last_slots_take_exactly_the_limit(app):
    """Three processes try 8 hits each at the same instant on a limit of 10: 10 are taken."""
    url, start = app.config["SQLALCHEMY_DATABASE_URI"], time.time() + 3
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, url, str(start), "8"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [racer.communicate(timeout=60) for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0, 0], [err for _, err in results]
    taken = [int(out) for out, _ in results]
    assert sum(taken) == 10, taken
