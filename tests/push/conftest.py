"""Push tests run against a real local push service: pywebpush is never mocked.

The service (tools/push_service.py, the fixture `push_service` of tests/conftest.py) verifies
every request's VAPID JWT and decrypts its body with subscriber keys it generated;
PUSH_ALLOWED_HOSTS (the fixture `local_push`) lets the app send to 127.0.0.1.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select, update

from tests import factories
from tracker import scheduler
from tracker.extensions import db
from tracker.models import PushAttempt, PushDelivery, PushMessage, ReminderRule


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch):
    # Every test signs people up; the real scrypt cost would dominate the run.
    factories.cheap_password_hashes(monkeypatch)


@pytest.fixture
def device(app, push_service, local_push):
    """device(api) subscribes a new browser of that user; returns its subscription."""

    def subscribe(api: factories.ApiClient) -> dict:
        info = push_service.subscribe(app.config["VAPID_PUBLIC_KEY"])
        answer = api.post("/push/subscriptions", info)
        assert answer.status_code == 201, answer.get_json()
        return info

    return subscribe


@pytest.fixture
def sweep(app):
    """sweep(at) runs one sweep at the aware instant `at` and returns its summary."""

    def run(at: datetime, **kwargs) -> dict:
        summary = scheduler.sweep(app, at, **kwargs)
        assert summary["messages"]["interrupted"] == 0
        return summary

    return run


def rows(app, *columns, where=()):
    """The rows of `columns` (ordered by them), read in a fresh session."""
    with app.app_context():
        found = db.session.execute(select(*columns).where(*where).order_by(*columns)).all()
        db.session.remove()
    return [tuple(row) for row in found]


def deliveries(app) -> list[tuple[str, str, str | None]]:
    """(rule kind, delivery status, reason) of every recorded delivery, in slot order."""
    with app.app_context():
        found = db.session.execute(
            select(ReminderRule.kind, PushDelivery.status, PushDelivery.reason)
            .join(ReminderRule, ReminderRule.id == PushDelivery.rule_id)
            .order_by(PushDelivery.slot, ReminderRule.kind)
        ).all()
        db.session.remove()
    return [tuple(row) for row in found]


def messages(app) -> list[tuple[str, int, int | None]]:
    return rows(app, PushMessage.status, PushMessage.attempts, PushMessage.last_status)


def attempts(app) -> list[tuple[int | None, str]]:
    return rows(app, PushAttempt.id, PushAttempt.http_status, PushAttempt.outcome)


def make_plans_due(app, instant: datetime) -> None:
    """Every plan reminder due at `instant`, committed, for processes that read the real clock."""
    with app.app_context():
        db.session.execute(
            update(ReminderRule).where(ReminderRule.kind == "plan").values(next_fire_at=instant)
        )
        db.session.commit()
        db.session.remove()
