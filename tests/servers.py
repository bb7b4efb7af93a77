"""Real processes on the app fixture's database, for the tests that need more than one: their
environment, and gunicorn started as `make run` starts it, ready when /healthz answers and
always stopped."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def environment(app, instance: Path, **extra: str) -> dict[str, str]:
    """This process's environment with the app fixture's database, `instance` as the instance
    folder, a secret key, and `extra` over them."""
    return {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": "test-secret-key-of-decent-length",
        **extra,
    }


def push_environment(app) -> dict[str, str]:
    """The app fixture's VAPID keys, and sending allowed to the local push service."""
    return {
        "VAPID_PRIVATE_KEY": app.config["VAPID_PRIVATE_KEY"],
        "VAPID_SUBJECT": app.config["VAPID_SUBJECT"],
        "PUSH_ALLOWED_HOSTS": "127.0.0.1",
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _wait_ready(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()[-2000:]
        if _healthy(port):
            return
        time.sleep(0.2)
    pytest.fail("gunicorn did not start: " + log.read_text()[-2000:])


def stop(process: subprocess.Popen, timeout: float = 30) -> int:
    """SIGTERM, as systemd stops it; killed when it is still there after `timeout` s. Its
    exit status."""
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait(10)


@contextmanager
def gunicorn(env: dict[str, str], log: Path) -> Iterator[int]:
    """gunicorn with the settings `make run` uses, in `env`, its output in `log`; its port."""
    port = _free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "-c", "python:tracker.gunicorn_config"),
                *("--bind", f"127.0.0.1:{port}", "wsgi:app"),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=out,
        )
    try:
        _wait_ready(process, port, log)
        yield port
    finally:
        stop(process)
