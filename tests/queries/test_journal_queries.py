"""What the journal's queries return: whose rows, in which order, within which dates."""

from __future__ import annotations

import pytest

from tests.services.conftest import NOW, TODAY, days_ago
from tracker import queries
from tracker.models import Rejection
from tracker.queries import imports
from tracker.services import applications, journal, practice, reflections


def _rejections(session, user, *days_back):
    return [journal.log_rejection(session, user, TODAY, NOW, date=days_ago(n)) for n in days_back]


def test_rejections_come_newest_first_and_the_later_logged_first_on_a_day(session, user):
    older, first, second = _rejections(session, user, 5, 1, 1)
    assert queries.rejections_of_user(session, user.id) == [second, first, older]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, [0, 3, 7]),
        (days_ago(3), None, [0, 3]),  # the start is included
        (None, days_ago(3), [3, 7]),  # so is the end
        (days_ago(6), days_ago(1), [3]),
        (days_ago(2), days_ago(1), []),
    ],
)
def test_rejections_between_two_dates_include_both(session, user, start, end, expected):
    _rejections(session, user, 7, 3, 0)
    found = queries.rejections_of_user(session, user.id, start=start, end=end)
    assert [(TODAY - r.date).days for r in found] == expected


def test_a_user_sees_only_their_own_records(session, user, other):
    [mine] = _rejections(session, user, 1)
    [theirs] = _rejections(session, other, 1)
    assert queries.rejections_of_user(session, user.id) == [mine]
    assert queries.rejection_of_user(session, user.id, theirs.id) is None
    assert queries.rejection_dates(session, other.id) == [days_ago(1)]


def test_applications_come_newest_first_by_their_date(session, user):
    made = [
        applications.create_application(
            session, user, TODAY, NOW, company=c, role="Dev", date=days_ago(n)
        )
        for c, n in [("Old", 9), ("New", 1), ("Mid", 4)]
    ]
    assert [a.company for a in queries.applications_of_user(session, user.id)] == [
        "New",
        "Mid",
        "Old",
    ]
    assert sorted(queries.application_dates(session, user.id)) == sorted(a.date for a in made)


def test_practice_lists_come_newest_first(session, user):
    sessions = [
        practice.log_session(session, user, TODAY, NOW, date=days_ago(n), rating=3) for n in (2, 0)
    ]
    questions = [practice.add_question(session, user, NOW, text=t) for t in ("One", "Two")]
    assert queries.practice_sessions_of_user(session, user.id) == sessions[::-1]
    assert queries.practice_questions_of_user(session, user.id) == questions[::-1]


def test_a_rejections_debrief_is_the_reflections_linked_to_it(session, user):
    [rejection] = _rejections(session, user, 1)
    linked = reflections.add_reflection(
        session, user, TODAY, NOW, date=TODAY, text="Debrief", rejection_id=rejection.id
    )
    reflections.add_reflection(session, user, TODAY, NOW, date=TODAY, text="Ordinary day")
    assert queries.reflections_of_user(session, user.id, rejection.id) == [linked]
    assert len(queries.reflections_of_user(session, user.id)) == 2


@pytest.mark.parametrize(
    ("kind", "make"),
    [
        ("rejections", lambda s, u: _rejections(s, u, 1, 2)),
        ("breaks", lambda s, u: journal.add_break(s, u, start=TODAY, end=TODAY)),
    ],
)
def test_records_are_counted_per_user_and_kind(session, user, other, kind, make):
    make(session, user)
    held = len(queries.rejections_of_user(session, user.id)) or len(
        queries.breaks_of_user(session, user.id)
    )
    assert imports.count_records(session, kind, user.id) == held
    assert imports.count_records(session, kind, other.id) == 0


def test_the_starter_goals_count_as_three(session, user):
    assert imports.count_goals(session, user.id) == 3


def test_a_row_put_back_keeps_its_id_when_free_and_gets_another_when_taken(session, user):
    [rejection] = _rejections(session, user, 1)
    table = Rejection.__table__
    [row] = queries.rows_where(session, table, "id", rejection.id)
    assert queries.put_row(session, table, row | {"id": rejection.id + 100}) == rejection.id + 100
    taken = queries.put_row(session, table, row)  # its own id is still in use
    assert taken not in (rejection.id, rejection.id + 100)
    assert len(queries.rejections_of_user(session, user.id)) == 3
