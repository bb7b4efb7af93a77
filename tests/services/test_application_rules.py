"""The rules of SPEC section 4 for applications as records: the saved stage, stage dates,
and a rejection that names the application it answers."""

from __future__ import annotations

import pytest

from tests.services.conftest import NOW, TODAY, days_ago, make_user
from tracker import queries
from tracker.services import applications, journal
from tracker.services.errors import Invalid, NotFound
from tracker.services.insights import load_insights


def _create(session, user, stage="applied", day=None):
    return applications.create_application(
        session, user, TODAY, NOW, company="Acme", role="Engineer", date=day, stage=stage
    )


def _update(session, user, application, **changes):
    return applications.update_application(session, user, application, TODAY, NOW, changes)


def _history(application):
    return [(step.stage, step.date) for step in application.history]


def _apply_entry(session, user, day):
    goal = queries.first_goal(session, user.id, "apply")
    entry = queries.entry_for(session, goal.id, day)
    return None if entry is None else entry.value


def test_a_saved_listing_is_not_counted(session, user):
    _create(session, user, stage="saved", day=days_ago(2))
    _create(session, user, day=days_ago(2))
    assert _apply_entry(session, user, days_ago(2)) == 1
    assert queries.application_dates(session, user.id) == [days_ago(2)]
    insights = load_insights(session, user, TODAY)
    assert insights.counters.applications == 1
    assert insights.funnel.applied == 1


def test_moving_a_saved_listing_to_applied_dates_it_that_day_and_counts_it(session, user):
    saved = _create(session, user, stage="saved", day=days_ago(5))
    assert _apply_entry(session, user, days_ago(5)) is None
    _update(session, user, saved, stage="applied", stage_date=days_ago(1))
    assert saved.date == days_ago(1)
    assert _history(saved) == [("saved", days_ago(5)), ("applied", days_ago(1))]
    assert _apply_entry(session, user, days_ago(1)) == 1
    assert _apply_entry(session, user, days_ago(5)) is None


def test_a_stage_date_defaults_to_today(session, user):
    application = _create(session, user, day=days_ago(3))
    _update(session, user, application, stage="screen")
    assert _history(application)[-1] == ("screen", TODAY)


@pytest.mark.parametrize(
    ("stage_date", "field"),
    [(days_ago(-1), "stage_date"), (days_ago(4), "stage_date")],
    ids=["in the future", "before the application"],
)
def test_a_stage_date_stays_between_the_application_and_today(session, user, stage_date, field):
    application = _create(session, user, day=days_ago(3))
    with pytest.raises(Invalid) as refused:
        _update(session, user, application, stage="screen", stage_date=stage_date)
    assert field in refused.value.fields
    assert (application.stage, _history(application)) == ("applied", [("applied", days_ago(3))])


def test_a_back_dated_stage_keeps_the_history_in_date_order(session, user):
    application = _create(session, user, day=days_ago(10))
    _update(session, user, application, stage="interview", stage_date=days_ago(2))
    _update(session, user, application, stage="screen", stage_date=days_ago(6))
    assert application.stage == "interview"
    session.expire(application)  # read back as stored
    assert _history(application) == [
        ("applied", days_ago(10)),
        ("screen", days_ago(6)),
        ("interview", days_ago(2)),
    ]


def test_a_rejection_naming_an_application_moves_it_to_rejected_on_its_date(session, user):
    application = _create(session, user, day=days_ago(10))
    _update(session, user, application, stage="interview", stage_date=days_ago(5))
    rejection = applications.log_rejection(
        session, user, TODAY, NOW, date=days_ago(1), note="No", application_id=application.id
    )
    assert rejection.application_id == application.id
    assert application.stage == "rejected"
    assert _history(application)[-1] == ("rejected", days_ago(1))
    _update(session, user, application, stage="applied")
    _update(session, user, application, stage="rejected")
    assert journal.list_rejections(session, user) == [rejection]


def test_a_rejection_naming_another_users_application_is_not_found(session, user):
    someone = make_user(session, "someone@example.com")
    theirs = _create(session, someone)
    with pytest.raises(NotFound):
        applications.log_rejection(session, user, TODAY, NOW, date=TODAY, application_id=theirs.id)
    assert theirs.stage == "applied"
    assert journal.list_rejections(session, user) == []
