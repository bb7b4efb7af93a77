"""Steps the offline and install tests share: sign up, wait for the worker, read the server."""

from __future__ import annotations

import os
import re
import time
from datetime import date
from itertools import count
from pathlib import Path

from playwright.sync_api import expect

from tracker import queries
from tracker.extensions import db

PASSWORD = "correct horse battery"
_emails = count(1)


def sign_up(page, prefix: str = "offline") -> str:
    """Create an account through the sign-up page (time zone from the browser: Europe/Berlin)."""
    email = f"{prefix}{next(_emails)}@example.com"
    page.goto("/signup")
    page.locator("input[type=email]").fill(email)
    page.locator("input[type=password]").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/(\?welcome=1)?$"))
    return email


def wait_for(page, expression: str, timeout: float = 15.0):
    """Poll `expression` (awaited) until it is truthy. page.wait_for_function would evaluate it
    with eval(), which the page's Content-Security-Policy rightly refuses."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still falsy after {timeout}s: {expression}")
        page.wait_for_timeout(50)


def wait_until_controlled(page) -> None:
    """The service worker is active and controls this page."""
    wait_for(page, "navigator.serviceWorker.controller !== null")


def save_today_for_offline(page) -> None:
    """Load Today through the worker, so it keeps a copy (the first load came before it)."""
    wait_until_controlled(page)
    page.goto("/")
    wait_for(page, "caches.open('bio-pages').then((cache) => cache.match('/')).then(Boolean)")


def toggles(page):
    return page.locator("[data-goal-id] button[aria-pressed]")


def goal_ids(page) -> list[int]:
    return [int(el.get_attribute("data-goal-id")) for el in page.locator("[data-goal-id]").all()]


def outbox(page) -> list[dict]:
    """The check-ins waiting in the page's IndexedDB outbox."""
    return page.evaluate("import('/static/js/outbox.js').then((outbox) => outbox.waiting())")


def wait_for_empty_outbox(page) -> None:
    wait_for(page, "import('/static/js/outbox.js').then((o) => o.waiting()).then((i) => !i.length)")


def entry_on(app, goal_id: int, day: date):
    """(value, skipped) of the goal's entry on `day` as the server stored it, or None."""
    with app.app_context():
        entry = queries.entry_for(db.session, goal_id, day)
        result = None if entry is None else (entry.value, entry.skipped)
        db.session.remove()
        return result


def expect_waiting(page, goal, waiting: bool) -> None:
    marker = goal.locator("[data-waiting]")
    if waiting:
        expect(marker).to_be_visible()
        expect(marker).to_have_text("Waiting to be sent")
    else:
        expect(marker).to_be_hidden()


def script_errors(page) -> list[str]:
    """Console errors and uncaught exceptions, without the browser's own notes on requests
    that failed because the test took the network away."""
    return [p for p in page.problems if not p.startswith("Failed to load resource: net::")]


def screenshot(page, name: str) -> None:
    """Save a screenshot when BIO_SCREENSHOTS names a folder (to look at the pages by eye)."""
    folder = os.environ.get("BIO_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))
