"""Use cases run on a SQLAlchemy session, as a view or a job calls them, without HTTP.

Every test gets the app's session (its tables emptied afterwards by tests/conftest.py), a user
made as sign-up makes one (three starter goals, created a week before TODAY) and another user
whose data must never show. Services flush and never commit; neither do these tests.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tests import factories
from tests.conftest import FIXED_NOW
from tracker.extensions import db
from tracker.models import User
from tracker.services import accounts

NOW = FIXED_NOW
TODAY = date(2026, 3, 18)  # FIXED_NOW's date in Berlin, a Wednesday
JOINED = TODAY - timedelta(days=7)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def make_user(session, email: str, joined: date = JOINED) -> User:
    """A user as sign-up makes one, with the three starter goals created on `joined`."""
    joined_at = datetime.combine(joined, NOW.timetz())
    user = accounts.create_account(
        session, email, "a long password", "Europe/Berlin", joined, joined_at
    )
    session.flush()
    return user


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch):
    factories.cheap_password_hashes(monkeypatch)


@pytest.fixture
def session(ctx):
    return db.session


@pytest.fixture
def user(session) -> User:
    return make_user(session, "me@example.com")


@pytest.fixture
def other(session) -> User:
    return make_user(session, "other@example.com")
