"""Removing a journal record and putting it back with undo (SPEC section 8)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.services.conftest import NOW, TODAY, days_ago
from tracker.services import applications, journal, practice, reflections, removals
from tracker.services.errors import NotFound


def _rejection(session, user):
    made = journal.log_rejection(session, user, TODAY, NOW, date=days_ago(1), company="Acme")
    return made, lambda: journal.delete_rejection(session, user, made.id, NOW)


def _break(session, user):
    made = journal.add_break(session, user, start=days_ago(3), end=days_ago(2), note="flu")
    return made, lambda: journal.delete_break(session, user, made.id, NOW)


def _reflection(session, user):
    made = reflections.add_reflection(session, user, TODAY, NOW, date=TODAY, text="Went well")
    return made, lambda: reflections.delete_reflection(session, user, made.id, NOW)


def _question(session, user):
    asked = len(practice.list_questions(session, user))  # the same words twice are one question
    made = practice.add_question(session, user, NOW, text=f"Why this company? ({asked})")
    return made, lambda: practice.delete_question(session, user, made.id, NOW)


def _application(session, user):
    made = applications.create_application(
        session, user, TODAY, NOW, company="Acme", role="Dev", date=days_ago(4)
    )
    applications.update_application(session, user, made, TODAY, NOW, {"stage": "interview"})
    return made, lambda: applications.delete_application(session, user, made.id, NOW)


def _listed(session, user):
    """What the journal pages show, as plain values."""
    return {
        "rejections": [(r.id, r.date, r.company) for r in journal.list_rejections(session, user)],
        "breaks": [(b.id, b.start, b.end, b.note) for b in journal.list_breaks(session, user)],
        "reflections": [(r.id, r.text) for r in reflections.list_reflections(session, user)],
        "questions": [(q.id, q.text) for q in practice.list_questions(session, user)],
        "applications": [
            (a.id, a.stage, [(s.stage, s.date) for s in a.history])
            for a in applications.list_applications(session, user)
        ],
    }


KINDS = {
    "rejection": _rejection,
    "break": _break,
    "reflection": _reflection,
    "practice question": _question,
    "application": _application,
}


@pytest.mark.parametrize("make", KINDS.values(), ids=KINDS.keys())
def test_undo_puts_back_exactly_what_was_removed(session, user, make):
    make(session, user)
    before = _listed(session, user)
    _, remove = make(session, user)
    with_both = _listed(session, user)
    removal = remove()
    session.expire_all()
    assert _listed(session, user) == before
    removals.restore(session, user, removal.id, NOW + timedelta(seconds=5))
    session.expire_all()
    assert _listed(session, user) == with_both


def test_removing_a_rejection_unlinks_its_debrief_and_undo_links_it_again(session, user):
    rejection, remove = _rejection(session, user)
    debrief = reflections.add_reflection(
        session, user, TODAY, NOW, date=TODAY, text="Ask for feedback", rejection_id=rejection.id
    )
    removal = remove()
    session.expire_all()
    assert debrief.rejection_id is None
    removals.restore(session, user, removal.id, NOW)
    session.expire_all()
    assert reflections.reflections_on(session, user, rejection.id) == [debrief]


def test_a_rejection_logged_by_an_application_survives_the_application(session, user):
    application, remove = _application(session, user)
    applications.update_application(session, user, application, TODAY, NOW, {"stage": "rejected"})
    removal = remove()
    session.expire_all()
    [rejection] = journal.list_rejections(session, user)
    assert rejection.application_id is None
    removals.restore(session, user, removal.id, NOW)
    session.expire_all()
    assert journal.rejection_of_application(session, user, application.id) == rejection


def test_undo_after_a_new_record_took_the_old_id_keeps_both(session, user):
    _, remove = _rejection(session, user)
    removal = remove()
    newer = journal.log_rejection(session, user, TODAY, NOW, date=TODAY, company="Beta")
    removals.restore(session, user, removal.id, NOW)
    session.expire_all()
    assert sorted(r.company for r in journal.list_rejections(session, user)) == ["Acme", "Beta"]
    assert len({r.id for r in journal.list_rejections(session, user)}) == 2
    assert newer in journal.list_rejections(session, user)


@pytest.mark.parametrize(
    "later",
    [timedelta(days=1, seconds=1), timedelta(days=30)],
    ids=["a day and a second", "a month"],
)
def test_a_removal_can_be_undone_for_a_day_only(session, user, later):
    _, remove = _break(session, user)
    removal = remove()
    with pytest.raises(NotFound):
        removals.restore(session, user, removal.id, NOW + later)
    assert journal.list_breaks(session, user) == []


def test_a_removal_is_undone_once(session, user):
    _, remove = _break(session, user)
    removal = remove()
    removals.restore(session, user, removal.id, NOW)
    with pytest.raises(NotFound):
        removals.restore(session, user, removal.id, NOW)
    assert len(journal.list_breaks(session, user)) == 1


def test_nobody_can_undo_someone_elses_removal(session, user, other):
    _, remove = _break(session, other)
    removal = remove()
    with pytest.raises(NotFound):
        removals.restore(session, user, removal.id, NOW)
    assert journal.list_breaks(session, user) == journal.list_breaks(session, other) == []
