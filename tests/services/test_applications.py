"""Applications: the pipeline, its dated history, and the rejection a "no" logs."""

from __future__ import annotations

import pytest

from tests.services.conftest import NOW, TODAY, days_ago
from tracker import queries
from tracker.services import applications, journal
from tracker.services.errors import Invalid


def _apply(session, user, stage="applied", day=None):
    return applications.create_application(
        session,
        user,
        TODAY,
        NOW,
        company="Acme",
        role="Engineer",
        date=day or days_ago(20),
        stage=stage,
    )


def _move(session, user, application, *stages):
    for stage in stages:
        applications.update_application(session, user, application, TODAY, NOW, {"stage": stage})


def test_an_application_begins_its_history_at_its_stage_and_date(session, user):
    application = _apply(session, user, stage="screen", day=days_ago(2))
    assert [(s.stage, s.date) for s in application.history] == [("screen", days_ago(2))]
    assert journal.list_rejections(session, user) == []


def test_an_application_counts_towards_the_apply_goal_on_its_day(session, user):
    application = _apply(session, user, day=days_ago(1))
    apply_goal = queries.first_goal(session, user.id, "apply")
    entry = queries.entry_for(session, apply_goal.id, application.date)
    assert (entry.value, entry.skipped) == (1, False)


@pytest.mark.parametrize("day", [days_ago(-1), days_ago(-30)], ids=["tomorrow", "next month"])
def test_an_application_cannot_be_dated_in_the_future(session, user, day):
    with pytest.raises(Invalid):
        _apply(session, user, day=day)
    assert applications.list_applications(session, user) == []


@pytest.mark.parametrize(
    ("moves", "history"),
    [
        (["screen", "interview"], ["applied", "screen", "interview"]),
        (["screen", "screen"], ["applied", "screen"]),  # a replayed move changes nothing
        (["interview", "screen"], ["applied", "interview", "screen"]),  # a correction
        (["ghosted", "interview"], ["applied", "ghosted", "interview"]),  # a ghost calls back
    ],
    ids=["forward", "replayed", "corrected", "ghost called back"],
)
def test_moves_are_written_to_the_history_on_the_day_they_happen(session, user, moves, history):
    application = _apply(session, user)
    _move(session, user, application, *moves)
    assert [s.stage for s in application.history] == history
    assert [s.date for s in application.history[1:]] == [TODAY] * (len(history) - 1)
    assert application.stage == history[-1]


@pytest.mark.parametrize(
    ("moves", "rejection_stage"),
    [
        (["rejected"], "application"),
        (["screen", "rejected"], "screen"),
        (["screen", "interview", "ghosted"], "interview"),
        (["interview", "screen", "rejected"], "interview"),  # the furthest step reached
        (["offer", "rejected"], "offer"),
    ],
)
def test_a_no_logs_one_rejection_at_the_furthest_stage_reached(
    session, user, moves, rejection_stage
):
    application = _apply(session, user)
    _move(session, user, application, *moves)
    [rejection] = journal.list_rejections(session, user)
    assert (rejection.date, rejection.stage, rejection.company, rejection.application_id) == (
        TODAY,
        rejection_stage,
        "Acme",
        application.id,
    )


def test_from_ghosted_to_rejected_is_still_one_rejection(session, user):
    application = _apply(session, user)
    _move(session, user, application, "ghosted", "rejected")
    assert len(journal.list_rejections(session, user)) == 1


def test_an_application_logged_as_rejected_logs_its_rejection_today(session, user):
    application = _apply(session, user, stage="rejected", day=days_ago(9))
    [rejection] = journal.list_rejections(session, user)
    assert (rejection.date, rejection.application_id) == (TODAY, application.id)


def test_leaving_rejected_keeps_the_rejection(session, user):
    application = _apply(session, user)
    _move(session, user, application, "rejected", "interview")
    assert journal.rejection_of_application(session, user, application.id) is not None


@pytest.mark.parametrize(
    "moves",
    [
        ["rejected", "applied", "rejected"],
        ["ghosted", "interview", "ghosted", "rejected"],
        ["rejected", "saved", "applied", "ghosted"],
    ],
    ids=["rejected again", "ghosted again", "through saved"],
)
def test_exactly_one_rejection_however_often_it_is_moved_there_and_back(session, user, moves):
    application = _apply(session, user)
    _move(session, user, application, *moves)
    [rejection] = journal.list_rejections(session, user)
    assert rejection.application_id == application.id


@pytest.mark.parametrize(
    ("stage", "quiet_for", "quiet"),
    [
        ("applied", 13, False),
        ("applied", 14, True),
        ("interview", 30, True),
        ("offer", 30, False),
        ("rejected", 30, False),
    ],
)
def test_an_open_application_goes_quiet_after_two_weeks(session, user, stage, quiet_for, quiet):
    application = _apply(session, user, stage=stage, day=days_ago(quiet_for))
    assert applications.is_quiet(application, TODAY) is quiet


def test_a_follow_up_restarts_the_quiet_count_once_a_day(session, user):
    application = _apply(session, user, day=days_ago(20))
    assert applications.is_quiet(application, TODAY)
    applications.record_follow_up(session, application, TODAY)
    applications.record_follow_up(session, application, TODAY)
    assert [s.stage for s in application.history] == ["applied", "applied"]
    assert not applications.is_quiet(application, TODAY)


def test_the_stage_filter_lists_only_applications_now_there(session, user):
    first, second = _apply(session, user), _apply(session, user, day=days_ago(5))
    _move(session, user, second, "interview")
    assert applications.list_applications(session, user, "interview") == [second]
    assert applications.list_applications(session, user) == [second, first]  # newest first
