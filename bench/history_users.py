"""The people of the history benchmark: their histories, their sign-ins, their loops.

Three accounts in the app's own database, built through its services and models: a user with
30 days of history, one with 3 years, and a newcomer whose requests show what the others
cost him. Then a browser session for each over HTTP, and a plain loop of one request.
"""

from __future__ import annotations

import http.client
import os
import re
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from gunicorn_server import ROOT, ServerError

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the package from this tree, however it was installed

from sqlalchemy import insert

from tracker import create_app
from tracker.core.days import local_date
from tracker.extensions import db
from tracker.models import Break, Entry, Rejection
from tracker.services import accounts

PASSWORD = "correct horse battery staple"
REJECTION_EVERY = 20  # days
BREAKS = ((200, 7), (640, 14))  # (days after the start, length in days), where they fit
HISTORIES = {"30d": 30, "3y": 3 * 365, "other": 0}  # days of history before today
TIMEOUT_S = 60.0


def _history(name: str, days: int, now: datetime) -> tuple[str, dict[str, int]]:
    """One account with `days` of daily check-ins (value 1) on its three starter goals up to
    yesterday (today left open), a rejection every REJECTION_EVERY days and the BREAKS that
    fit, all inside the current session; (its API token, its row counts)."""
    session = db.session
    start = local_date(now, "UTC") - timedelta(days=days)
    user = accounts.create_account(session, f"{name}@example.com", PASSWORD, "UTC", start, now)
    session.flush()
    breaks = [(offset, length) for offset, length in BREAKS if offset + length < days]
    paused = {start + timedelta(days=o + n) for o, length in breaks for n in range(length)}
    dates = [start + timedelta(days=n) for n in range(days)]
    rows = [
        {"goal_id": goal.id, "date": day, "value": 1, "skipped": False, "note": "",
         "updated_at": now}
        for day in dates if day not in paused for goal in user.goals
    ]  # fmt: skip
    if rows:
        session.execute(insert(Entry), rows)
    rejected = dates[REJECTION_EVERY - 1 :: REJECTION_EVERY]
    session.add_all(
        Rejection(user_id=user.id, date=d, company="Acme", role="Engineer", created_at=now)
        for d in rejected
    )
    session.add_all(
        Break(user_id=user.id, start=start + timedelta(days=offset),
              end=start + timedelta(days=offset + length - 1), note="holiday")
        for offset, length in breaks
    )  # fmt: skip
    _, token = accounts.issue_token(session, user, "bench", now)
    counts = {"days": days, "entries": len(rows), "rejections": len(rejected)}
    return token, {**counts, "breaks": len(breaks)}


def build_users(url: str, tmp: Path) -> tuple[dict[str, str], dict[str, dict], date]:
    """Every account of HISTORIES in the (migrated) database at `url`: (API token by name,
    row counts by name, the day they were built for)."""
    os.environ["INSTANCE_PATH"] = str(tmp / "instance")  # never the project's instance/
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-" + "x" * 32})
    now = datetime.now(UTC)
    tokens, counts = {}, {}
    with app.app_context():
        for name, days in HISTORIES.items():
            tokens[name], counts[name] = _history(name, days, now)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return tokens, counts, local_date(now, "UTC")


def request(port: int, method: str, path: str, body: str = "", headers: dict | None = None):
    """(status, response headers, body) of one request on a connection of its own."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, answer.msg, answer.read()
    finally:
        connection.close()


def _cookies(message, known: dict[str, str]) -> dict[str, str]:
    for line in message.get_all("Set-Cookie") or []:
        name, _, value = line.split(";", 1)[0].partition("=")
        known[name.strip()] = value.strip()
    return known


def cookie_header(cookies: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}


def sign_in(port: int, name: str) -> dict[str, str]:
    """Sign `name` in through the sign-in form, as a browser does; the session's cookies."""
    status, message, page = request(port, "GET", "/login")
    found = re.search(rb'name="csrf_token" value="([^"]+)"', page)
    if status != 200 or not found:
        raise ServerError(f"GET /login answered {status} without a CSRF token")
    cookies = _cookies(message, {})
    form = {"email": f"{name}@example.com", "password": PASSWORD, "csrf_token": found[1]}
    headers = {"Content-Type": "application/x-www-form-urlencoded", **cookie_header(cookies)}
    status, message, _ = request(port, "POST", "/login", urllib.parse.urlencode(form), headers)
    if status != 302:
        raise ServerError(f"POST /login for {name} answered {status}")
    return _cookies(message, cookies)


def settle(port: int, path: str, cookies: dict[str, str]) -> dict[str, str]:
    """Visit `path` once and keep what it sets (the Insights page records the badges it has
    shown), so the measured visits are repeat visits and not first ones."""
    status, message, _ = request(port, "GET", path, headers=cookie_header(cookies))
    if status != 200:
        raise ServerError(f"GET {path} answered {status}")
    return _cookies(message, dict(cookies))


class Loop:
    """GET `path` again and again on one keep-alive connection, while `go(done)` says so;
    the latency (s) of every 200 and the count of everything else."""

    def __init__(self, port: int, path: str, headers: dict[str, str]) -> None:
        self.port, self.path, self.headers = port, path, headers
        self.latencies: list[float] = []
        self.errors = 0

    def run(self, go: Callable[[int], bool]) -> Loop:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT_S)
        try:
            while go(len(self.latencies) + self.errors):
                began = time.perf_counter()
                try:
                    connection.request("GET", self.path, headers=self.headers)
                    answer = connection.getresponse()
                    answer.read()
                except (OSError, http.client.HTTPException):
                    self.errors += 1
                    connection.close()  # reconnects on the next request
                    continue
                if answer.status == 200:
                    self.latencies.append(time.perf_counter() - began)
                else:
                    self.errors += 1
        finally:
            connection.close()
        return self

    def thread(self, stop: threading.Event) -> threading.Thread:
        """A started daemon thread running this loop until `stop` is set."""
        worker = threading.Thread(target=self.run, args=(lambda _: not stop.is_set(),))
        worker.daemon = True
        worker.start()
        return worker
