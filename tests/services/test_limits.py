"""The account limits of tracker.core.limits, as each use case meets them.

The limits are lowered for these tests (monkeypatched in tracker.core.limits, which every
check reads at call time), so reaching one takes a few rows instead of 20,000."""

from __future__ import annotations

import pytest

from tests.services.conftest import NOW, TODAY, days_ago
from tracker import queries
from tracker.core import limits as core_limits
from tracker.queries import imports
from tracker.services import applications, goals, journal, limits, practice, reflections
from tracker.services.errors import LimitReached

MAKERS = {
    "applications": lambda s, u, n: applications.create_application(
        s, u, TODAY, NOW, company=f"Co {n}", role="Dev", date=days_ago(n)
    ),
    "rejections": lambda s, u, n: journal.log_rejection(s, u, TODAY, NOW, date=days_ago(n)),
    "breaks": lambda s, u, n: journal.add_break(s, u, start=days_ago(n), end=days_ago(n)),
    "practice_sessions": lambda s, u, n: practice.log_session(
        s, u, TODAY, NOW, date=days_ago(n), rating=3
    ),
    "reflections": lambda s, u, n: reflections.add_reflection(
        s, u, TODAY, NOW, date=days_ago(n), text=f"Day {n}"
    ),
    "practice_questions": lambda s, u, n: practice.add_question(s, u, NOW, text=f"Question {n}"),
}


@pytest.fixture
def two_of_each(monkeypatch):
    monkeypatch.setattr(core_limits, "MAX_RECORDS", 2)
    monkeypatch.setattr(core_limits, "MAX_GOALS", 4)  # the three starter goals and one


@pytest.mark.parametrize("kind", MAKERS)
def test_one_record_past_the_limit_is_refused_and_names_it(session, user, two_of_each, kind):
    make = MAKERS[kind]
    make(session, user, 1)
    make(session, user, 2)
    with pytest.raises(LimitReached) as refused:
        make(session, user, 3)
    assert f"at most 2 {core_limits.RECORD_KINDS[kind]}" in refused.value.message
    assert refused.value.fields  # shown beside a field of the form
    assert imports.count_records(session, kind, user.id) == 2


@pytest.mark.parametrize("kind", MAKERS)
def test_the_limit_is_per_account(session, user, other, two_of_each, kind):
    for n in (1, 2):
        MAKERS[kind](session, other, n)
    MAKERS[kind](session, user, 1)  # the other account being full changes nothing here
    assert imports.count_records(session, kind, user.id) == 1


@pytest.mark.parametrize("archived", [False, True], ids=["active", "archived"])
def test_archived_goals_count_towards_the_goal_limit(session, user, two_of_each, archived):
    extra = goals.create_goal(session, user, TODAY, category="apply", title="Fourth")
    goals.update_goal(session, extra, TODAY, {"archived": archived})
    with pytest.raises(LimitReached) as refused:
        goals.create_goal(session, user, TODAY, category="apply", title="Fifth")
    assert "title" in refused.value.fields
    assert len(queries.goals_of_user(session, user.id)) == 4


def test_an_import_is_told_how_far_past_the_limit_it_would_go(session, user, two_of_each):
    MAKERS["rejections"](session, user, 1)
    with pytest.raises(LimitReached, match="You hold 1; this file would add 5"):
        limits.room_for(session, user.id, "rejections", adding=5, field="file")
    limits.room_for(session, user.id, "rejections", adding=1)  # exactly up to it is fine
