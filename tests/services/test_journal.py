"""Rejections and breaks, and the comeback a rejection makes possible."""

from __future__ import annotations

from datetime import date

import pytest

from tests.services.conftest import NOW, TODAY, days_ago
from tracker.services import applications, history, journal
from tracker.services.errors import Invalid, NotFound


def test_a_rejection_is_kept_with_its_day_and_words(session, user):
    rejection = journal.log_rejection(
        session, user, TODAY, NOW, date=days_ago(1), company="Acme", stage="interview", note="no"
    )
    assert journal.list_rejections(session, user) == [rejection]
    assert (rejection.date, rejection.company, rejection.stage) == (
        days_ago(1),
        "Acme",
        "interview",
    )


@pytest.mark.parametrize(
    ("day", "said"),
    [(days_ago(-1), "future"), (date(1999, 12, 31), "too far in the past")],
    ids=["tomorrow", "before 2000"],
)
def test_a_rejection_outside_the_calendar_is_refused(session, user, day, said):
    with pytest.raises(Invalid, match=said):
        journal.log_rejection(session, user, TODAY, NOW, date=day)
    assert journal.list_rejections(session, user) == []


@pytest.mark.parametrize(
    ("rejected", "applied", "comebacks"),
    [
        (1, 0, 1),  # no yesterday, an application today: a comeback
        (0, 0, 1),  # the same day counts too
        (3, 0, 0),  # too late: the shield lasts the day and the next
        (1, None, 0),  # nothing done since
    ],
    ids=["next day", "same day", "too late", "nothing done"],
)
def test_showing_up_by_the_day_after_a_rejection_is_a_comeback(
    session, user, rejected, applied, comebacks
):
    journal.log_rejection(session, user, TODAY, NOW, date=days_ago(rejected))
    if applied is not None:
        applications.create_application(
            session, user, TODAY, NOW, company="Beta", role="Dev", date=days_ago(applied)
        )
    assert history.load_history(session, user, TODAY).result.day.comebacks == comebacks


@pytest.mark.parametrize(
    ("start", "end", "problems"),
    [
        (date(2026, 1, 1), date(2026, 1, 1), set()),  # one day
        (date(2024, 1, 1), date(2024, 12, 31), set()),  # a whole leap year, 366 days
        (date(2026, 1, 1), date(2027, 1, 1), set()),  # 366 days
        (date(2026, 1, 1), date(2027, 1, 2), {"long"}),  # 367 days
        (date(2026, 1, 2), date(2026, 1, 1), {"order"}),
        (date(1999, 12, 31), date(2000, 1, 5), {"early"}),
        (date(2030, 1, 1), date(2030, 1, 7), set()),  # a break may be planned ahead
    ],
)
def test_a_break_lasts_a_day_to_366_days_from_2000_on(start, end, problems):
    assert journal.break_problems(start, end) == problems


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (date(2026, 1, 2), date(2026, 1, 1), "end"),
        (date(1999, 12, 31), date(2000, 1, 5), "start"),
        (date(2024, 1, 1), date(2025, 1, 1), "end"),
    ],
)
def test_a_refused_break_says_which_field_to_fix(session, user, start, end, field):
    with pytest.raises(Invalid) as refused:
        journal.add_break(session, user, start=start, end=end)
    assert list(refused.value.fields) == [field]
    assert journal.list_breaks(session, user) == []


def test_breaks_are_listed_by_their_start(session, user):
    later = journal.add_break(session, user, start=days_ago(-5), end=days_ago(-10))
    earlier = journal.add_break(session, user, start=days_ago(30), end=days_ago(28))
    assert journal.list_breaks(session, user) == [earlier, later]


@pytest.mark.parametrize("kind", ["rejection", "break"])
def test_someone_elses_rejection_or_break_cannot_be_deleted(session, user, other, kind):
    if kind == "rejection":
        theirs = journal.log_rejection(session, other, TODAY, NOW, date=TODAY)
        delete = journal.delete_rejection
    else:
        theirs = journal.add_break(session, other, start=TODAY, end=TODAY)
        delete = journal.delete_break
    with pytest.raises(NotFound):
        delete(session, user, theirs.id, NOW)
    assert len(journal.list_rejections(session, other) + journal.list_breaks(session, other)) == 1
