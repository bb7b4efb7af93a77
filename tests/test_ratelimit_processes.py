"""SPEC 6's limits stay exact across processes with the default storage (the app's own
database, no Redis): two gunicorn servers on one database refuse the 11th wrong password in a
minute whichever of them answers, and processes racing for the last slots of a limit never
take more than it allows. CI runs this on SQLite and again on PostgreSQL."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests import factories, servers
from tests.servers import ROOT

EMAIL = "me@example.com"


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


def _server(app, tmp_path: Path):
    """A gunicorn of one process on the app fixture's database, with the default storage."""
    # One process per server: the test knows which one answers.
    env = servers.environment(app, tmp_path, WEB_CONCURRENCY="1")
    env.pop("RATELIMIT_STORAGE_URI", None)
    return servers.gunicorn(env, tmp_path / "gunicorn.log")


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
