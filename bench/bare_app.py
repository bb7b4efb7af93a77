"""The baseline: a bare Flask app with one PUT route upserting an entry through sqlite3 (WAL).

Run by checkin_throughput.py as `gunicorn 'bare_app:create_app()'` with BARE_DATABASE set to
a file that `init_db` prepared. It does what the real endpoint must do at the least (parse the
date and the JSON value, one upsert, answer the row as JSON) and nothing else: no auth, no
validation model, no ORM.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from datetime import UTC, date, datetime

from flask import Flask, jsonify, request
from gunicorn_server import ROOT

sys.path.insert(0, str(ROOT))
from tracker.core.limits import MAX_NOTE

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL,
    date DATE NOT NULL,
    value INTEGER NOT NULL,
    skipped BOOLEAN NOT NULL DEFAULT 0,
    note VARCHAR({MAX_NOTE}) NOT NULL DEFAULT '',
    updated_at DATETIME NOT NULL,
    UNIQUE (goal_id, date)
)
"""
UPSERT = """
INSERT INTO entries (goal_id, date, value, skipped, updated_at) VALUES (?, ?, ?, 0, ?)
ON CONFLICT (goal_id, date) DO UPDATE
SET value = excluded.value, skipped = excluded.skipped, updated_at = excluded.updated_at
RETURNING goal_id, date, value, skipped, note
"""


def _connect(path: str) -> sqlite3.Connection:
    # The same pragmas as the app's engine (tracker/extensions.py).
    connection = sqlite3.connect(path, timeout=5.0, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA busy_timeout=5000")
    connection.execute("PRAGMA synchronous=NORMAL")
    return connection


def init_db(path: str) -> None:
    """Create the entries table in a fresh SQLite file (before the server starts)."""
    connection = _connect(path)
    try:
        connection.execute(SCHEMA)
    finally:
        connection.close()


def create_app() -> Flask:
    """The bare app on the SQLite file named by BARE_DATABASE: one connection per thread."""
    path = os.environ["BARE_DATABASE"]
    local = threading.local()
    app = Flask(__name__)

    def connection() -> sqlite3.Connection:
        if not hasattr(local, "connection"):
            local.connection = _connect(path)
        return local.connection

    @app.put("/goals/<int:goal_id>/entries/<day>")
    def put_entry(goal_id: int, day: str):
        value = int(request.get_json()["value"])
        now = datetime.now(UTC).isoformat()
        day = date.fromisoformat(day).isoformat()
        # fetchall steps the statement to its end, so the autocommit transaction ends here.
        rows = connection().execute(UPSERT, (goal_id, day, value, now)).fetchall()
        goal, when, stored, skipped, note = rows[0]
        return jsonify(goal_id=goal, date=when, value=stored, skipped=bool(skipped), note=note)

    @app.get("/health")
    def health():
        return jsonify(ok=True)

    return app
