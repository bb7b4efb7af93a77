"""gunicorn's settings (tracker/gunicorn_config.py): one worker per CPU core and the rest
from the environment, refused when malformed, and a real gunicorn started with them answers,
logs JSON lines only, trusts X-Forwarded-Proto only when told to, and stops gracefully on
SIGTERM."""

from __future__ import annotations

import json
import os
import runpy
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tracker.config import ConfigError

ROOT = Path(__file__).resolve().parent.parent
MODULE = "tracker.gunicorn_config"


def _settings(monkeypatch, **env) -> dict:
    names = ("WEB_CONCURRENCY", "GUNICORN_THREADS", "TRUSTED_PROXIES", "LOG_LEVEL", "PORT")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    for name in (*names, "RATELIMIT_STORAGE_URI"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module(MODULE)


@pytest.mark.parametrize("storage", [None, "memory://", "redis://127.0.0.1:6379/0"])
def test_one_worker_per_core_with_two_threads_whatever_the_storage(monkeypatch, storage):
    """The counts are shared (the app's database by default), so workers follow the cores."""
    env = {"RATELIMIT_STORAGE_URI": storage} if storage else {}
    settings = _settings(monkeypatch, **env)
    assert settings["workers"] == (os.cpu_count() or 1)
    assert [settings["default_workers"](n) for n in (None, 1, 2, 4, 16)] == [1, 1, 2, 4, 16]
    assert (settings["threads"], settings["worker_class"]) == (2, "gthread")
    assert settings["graceful_timeout"] == 20 and settings["accesslog"] is None


@pytest.mark.parametrize(
    ("url", "threads"),
    [
        ("sqlite:////srv/bring-it-on/app.sqlite3", 2),
        ("postgresql+psycopg://app@db/app", 8),
    ],
)
def test_threads_follow_the_database(monkeypatch, url, threads):
    """Requests on PostgreSQL wait on round trips without the GIL: more threads help there."""
    assert _settings(monkeypatch, DATABASE_URL=url)["threads"] == threads
    assert _settings(monkeypatch, DATABASE_URL=url, GUNICORN_THREADS="3")["threads"] == 3


def test_a_worker_hides_what_it_loaded_from_the_garbage_collector(monkeypatch):
    import gc

    settings = _settings(monkeypatch)
    gc.unfreeze()
    try:
        settings["post_worker_init"](None)  # gunicorn calls it with the worker
        assert gc.get_freeze_count() > 10_000  # the modules and the app's objects
    finally:
        gc.unfreeze()


def test_the_environment_overrides(monkeypatch):
    settings = _settings(monkeypatch, WEB_CONCURRENCY="4", GUNICORN_THREADS="8", PORT="8080")
    assert (settings["workers"], settings["threads"]) == (4, 8)
    assert settings["bind"] == "127.0.0.1:8080"


@pytest.mark.parametrize(
    "env",
    [
        {"WEB_CONCURRENCY": "0"},
        {"WEB_CONCURRENCY": "many"},
        {"GUNICORN_THREADS": "-2"},
        {"PORT": "99999"},
        {"TRUSTED_PROXIES": "all"},
        {"LOG_LEVEL": "loud"},
    ],
)
def test_a_bad_value_stops_start_up_with_its_name(monkeypatch, env):
    with pytest.raises(ConfigError, match=next(iter(env))):
        _settings(monkeypatch, **env)


def test_proxy_headers_are_believed_only_behind_trusted_proxies(monkeypatch):
    assert _settings(monkeypatch)["forwarded_allow_ips"] == ""
    assert _settings(monkeypatch, TRUSTED_PROXIES="1")["forwarded_allow_ips"] == "*"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    return urllib.request.urlopen(request, timeout=5)


@pytest.fixture
def gunicorn(app, tmp_path):
    port = _free_port()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path}/app.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "INSTANCE_PATH": str(tmp_path),
        "SECRET_KEY": "s" * 40,
        "WEB_CONCURRENCY": "2",
        "TRUSTED_PROXIES": "1",
    }
    # The schema first (/healthz answers 200 only when it can write): `flask db upgrade` on
    # a file of its own, as `make run` does; DATABASE_URL's tables are the `app` fixture's.
    if not os.environ.get("DATABASE_URL"):
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "tracker", "db", "upgrade"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
    log = (tmp_path / "stderr.log").open("w+")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            f"python:{MODULE}",
            "--bind",
            f"127.0.0.1:{port}",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _get(base + "/healthz").close()
                break
            except OSError:
                time.sleep(0.2)
        yield process, base, log
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        log.close()


def test_a_real_gunicorn_serves_logs_json_and_stops_gracefully(gunicorn):
    process, base, log = gunicorn
    with _get(base + "/healthz") as answer:
        assert answer.status == 200 and json.load(answer) == {"status": "ok"}
    with _get(base + "/login?next=/secret", {"X-Forwarded-Proto": "https"}) as answer:
        cookie = answer.headers["Set-Cookie"]
    assert "Secure" in cookie  # the proxy said HTTPS, and TRUSTED_PROXIES=1 believes it
    process.send_signal(signal.SIGTERM)
    assert process.wait(30) == 0
    log.seek(0)
    lines = [json.loads(line) for line in log.read().splitlines() if line.strip()]
    loggers = {line["logger"] for line in lines}
    assert {"gunicorn.error", "tracker.request"} <= loggers
    requests = [line for line in lines if line["logger"] == "tracker.request"]
    assert [(r["method"], r["path"], r["status"]) for r in requests] == [("GET", "/login", 200)]
    assert any("Shutting down" in line["message"] for line in lines)
