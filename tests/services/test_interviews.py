"""Interviews as use cases: scheduling moves an application on, the listing's window, the
account's cap, undo, and the calendar feed built from them (SPEC sections 4 and 6)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar

from tests.services.conftest import NOW, TODAY, days_ago
from tracker.core import limits
from tracker.services import applications, calendar_feed, interviews, removals
from tracker.services.errors import Invalid, LimitReached, NotFound

AT = datetime(2026, 3, 20, 10, 0)


def _application(session, user, stage: str = "applied", day: date | None = None):
    return applications.create_application(
        session, user, TODAY, NOW, company="Acme", role="Dev", stage=stage, date=day
    )


def _schedule(session, user, application, starts_at: datetime = AT, **fields):
    return interviews.schedule_interview(
        session, user, application, TODAY, NOW, starts_at=starts_at, kind="video", **fields
    )


@pytest.mark.parametrize("stage", ["saved", "applied", "screen"])
def test_scheduling_moves_an_early_application_to_interview_dated_today(session, user, stage):
    application = _application(session, user, stage, days_ago(3))
    _schedule(session, user, application)
    assert application.stage == "interview"
    assert (application.history[-1].stage, application.history[-1].date) == ("interview", TODAY)


@pytest.mark.parametrize("stage", ["interview", "offer", "rejected", "withdrawn", "ghosted"])
def test_scheduling_leaves_a_later_stage_where_it_is(session, user, stage):
    application = _application(session, user, stage)
    steps = len(application.history)
    _schedule(session, user, application)
    assert application.stage == stage
    assert len(application.history) == steps


@pytest.mark.parametrize(
    "starts_at",
    [datetime(1999, 12, 31, 23, 59), datetime.combine(TODAY + timedelta(days=1097), AT.time())],
)
def test_a_start_outside_the_calendar_is_refused(session, user, starts_at):
    application = _application(session, user)
    with pytest.raises(Invalid) as refused:
        _schedule(session, user, application, starts_at)
    assert "starts_at" in refused.value.fields
    assert application.stage == "applied"
    assert interviews.list_interviews(session, user, None, None) == []


def test_the_listing_holds_the_days_asked_for_by_start(session, user, other):
    application = _application(session, user)
    late = _schedule(session, user, application, datetime(2026, 3, 22, 23, 59))
    early = _schedule(session, user, application, datetime(2026, 3, 20, 0, 0))
    before = _schedule(session, user, application, datetime(2026, 3, 19, 23, 59))
    _schedule(session, other, _application(session, other), datetime(2026, 3, 21, 9, 0))
    found = interviews.list_interviews(session, user, date(2026, 3, 20), date(2026, 3, 22))
    assert found == [early, late]
    assert interviews.list_interviews(session, user, None, None) == [before, early, late]


def test_the_cap_is_reached_at_max_records(session, user, monkeypatch):
    monkeypatch.setattr(limits, "MAX_RECORDS", 2)
    application = _application(session, user)
    _schedule(session, user, application)
    _schedule(session, user, application)
    with pytest.raises(LimitReached) as refused:
        _schedule(session, user, application)
    assert refused.value.message == "An account holds at most 2 interviews."


def test_undo_puts_a_deleted_interview_back(session, user, other):
    application = _application(session, user)
    interview = _schedule(session, user, application, notes="Bring the portfolio")
    interview_id = interview.id
    with pytest.raises(NotFound):
        interviews.delete_interview(session, other, interview_id, NOW)
    removal = interviews.delete_interview(session, user, interview_id, NOW)
    assert "Acme" in removal.label
    session.expire_all()
    assert interviews.list_interviews(session, user, None, None) == []
    removals.restore(session, user, removal.id, NOW + timedelta(seconds=5))
    session.expire_all()
    back = interviews.get_interview(session, user, interview_id)
    assert (back.starts_at, back.notes, back.application_id) == (
        AT,
        "Bring the portfolio",
        application.id,
    )


def test_a_feed_secret_is_replaced_and_dropped(session, user):
    first = calendar_feed.new_feed_secret(session, user)
    assert calendar_feed.feed_owner(session, first) is user
    assert user.calendar_feed_hash != first, "only the digest is stored"
    second = calendar_feed.new_feed_secret(session, user)
    assert calendar_feed.feed_owner(session, first) is None
    assert calendar_feed.feed_owner(session, second) is user
    calendar_feed.drop_feed(session, user)
    assert calendar_feed.feed_owner(session, second) is None


def test_the_feed_has_a_follow_up_for_each_open_application(session, user):
    quiet = _application(session, user, "screen", days_ago(14))
    coming = _application(session, user, "applied", days_ago(13))  # quiet tomorrow
    _application(session, user, "offer", days_ago(30))  # not open
    _application(session, user, "saved", days_ago(30))  # not an application yet
    feed = Calendar.from_ical(calendar_feed.feed_calendar(session, user, TODAY, NOW, "x.test"))
    events = {str(e["UID"]): e for e in feed.walk("VEVENT")}
    assert list(events) == [f"follow-up-{coming.id}@x.test", f"follow-up-{quiet.id}@x.test"]
    for application, day in ((quiet, TODAY), (coming, TODAY + timedelta(days=1))):
        event = events[f"follow-up-{application.id}@x.test"]
        assert event.decoded("DTSTART") == day
        assert event.decoded("DTEND") == day + timedelta(days=1)


def _uids(session, user) -> list[str]:
    feed = Calendar.from_ical(calendar_feed.feed_calendar(session, user, TODAY, NOW, "x.test"))
    return [str(event["UID"]) for event in feed.walk("VEVENT")]


def test_the_feed_reaches_a_year_back(session, user):
    application = _application(session, user, "offer", days_ago(400))  # no follow-up
    year_ago = datetime.combine(TODAY - calendar_feed.FEED_PAST, AT.time())
    _schedule(session, user, application, year_ago - timedelta(minutes=AT.hour * 60 + 1))
    kept = _schedule(session, user, application, year_ago.replace(hour=0))
    assert _uids(session, user) == [f"interview-{kept.id}@x.test"]


def test_the_feed_holds_at_most_feed_events_of_each_kind(session, user, monkeypatch):
    monkeypatch.setattr(calendar_feed, "FEED_EVENTS", 2)
    application = _application(session, user, "offer")  # past the pipeline: no follow-up
    first = [_schedule(session, user, application, AT + timedelta(days=n)) for n in (2, 0, 1)]
    quiet = [_application(session, user, "applied", days_ago(n)) for n in (16, 14, 15)]
    assert _uids(session, user) == [
        f"interview-{first[1].id}@x.test",
        f"interview-{first[2].id}@x.test",
        f"follow-up-{quiet[1].id}@x.test",
        f"follow-up-{quiet[2].id}@x.test",
    ]
