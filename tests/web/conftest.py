"""A signed-in browser session (through the sign-up page) and somebody else's data."""

from __future__ import annotations

import pytest

from tests import factories
from tracker import queries
from tracker.extensions import db
from tracker.services import journal

MEMBER = "member@example.com"
TODAY = "2026-03-18"  # the frozen clock's date in Europe/Berlin


@pytest.fixture
def member(client):
    """The test client, signed up and signed in as MEMBER (Europe/Berlin) through the pages."""
    answer = factories.sign_up_page(client, MEMBER)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return client


@pytest.fixture
def stranger(app, now):
    """Ids of another account's goal, rejection and break: {"goal", "rejection", "break"}."""
    user_id = factories.make_user(app, "stranger@example.com")
    with app.app_context():
        user = queries.user_by_id(db.session, user_id)
        day = now.value.date()
        rejection = journal.log_rejection(db.session, user, day, now.value, date=day)
        pause = journal.add_break(db.session, user, start=day, end=day)
        ids = {"goal": user.goals[0].id, "rejection": rejection.id, "break": pause.id}
        db.session.commit()
        return ids


@pytest.fixture
def stranger_ids(app, now):
    """Ids of another account's journal (tests/web/journal_steps.py, strangers_journal)."""
    from tests.web.journal_steps import strangers_journal  # it imports this module

    return strangers_journal(app, now)
