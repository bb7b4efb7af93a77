"""The two servers of the check-in benchmark (checkin_throughput.py): the app as `make run`
starts it, with an account and a token, and the bare Flask + sqlite3 upsert under a plain
gunicorn with one process per core."""

from __future__ import annotations

import argparse
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bare_app import init_db
from gunicorn_server import API_READY, BENCH, Server, Settings, app_env, gunicorn, migrate
from http_load import json_call

PASSWORD = "correct horse battery staple"


def app_gunicorn(args: argparse.Namespace) -> Settings | None:
    """The app's gunicorn settings: None (its own, as `make run`) unless asked for others."""
    if args.workers is None and args.threads is None:
        return None
    return Settings(workers=args.workers or Settings.workers, threads=args.threads or 1)


def count_rows(database: Path) -> int:
    connection = sqlite3.connect(database)
    try:
        return connection.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    finally:
        connection.close()


@contextmanager
def app_server(tmp: Path, args: argparse.Namespace) -> Iterator[tuple[Server, dict, list[int]]]:
    """The real app on a freshly migrated SQLite file, with an account and a token:
    (server, the token's headers, the ids of the starter goals)."""
    env = app_env(tmp, f"sqlite:///{tmp / 'app.sqlite3'}", REGISTRATION_OPEN="true")
    migrate(env)
    log, settings = tmp / "app.log", app_gunicorn(args)
    with gunicorn(args.app_spec, env, log, ready_path=API_READY, settings=settings) as server:
        port = server.port
        login = {"email": "bench@example.com", "password": PASSWORD}
        json_call(port, "POST", "/api/v1/accounts", {**login, "timezone": "UTC"})
        token = json_call(port, "POST", "/api/v1/tokens", {**login, "name": "bench"})
        headers = {"Authorization": f"Bearer {token['token']}"}
        goal_ids = [goal["id"] for goal in json_call(port, "GET", "/api/v1/goals", None, headers)]
        yield server, headers, goal_ids


@contextmanager
def bare_server(tmp: Path, args: argparse.Namespace) -> Iterator[tuple[Server, dict]]:
    """The bare app on a fresh SQLite file: (server, headers as long as the app's)."""
    database = tmp / "bare.sqlite3"
    init_db(str(database))
    env = {**os.environ, "BARE_DATABASE": str(database)}
    log, settings = tmp / "bare.log", Settings.one_process_per_core()
    with gunicorn(
        "bare_app:create_app()", env, log, ready_path="/health", settings=settings, chdir=BENCH
    ) as server:
        yield server, {"Authorization": "Bearer same-header-size-as-the-app-gets-0123456789abcdef"}
