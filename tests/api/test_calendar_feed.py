"""The calendar feed (SPEC section 6): a secret address, replaced by a new one, read by a
calendar app with no other credentials; RFC 5545 read back with the icalendar parser."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests import factories
from tests.api.expect import error
from tests.conftest import FIXED_NOW
from tests.factories import PASSWORD

NEW_YORK = ZoneInfo("America/New_York")


def _feed_path(api) -> str:
    answer = api.post("/calendar-feed")
    assert answer.status_code == 201, answer.get_json()
    url = answer.get_json()["url"]
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and parts.netloc, url
    assert parts.path.startswith("/feeds/") and parts.path.endswith(".ics"), url
    return parts.path


def _read(client, path: str) -> Calendar:
    answer = client.get(path)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    assert answer.mimetype == "text/calendar"
    assert answer.headers["Cache-Control"] == "no-store"
    return Calendar.from_ical(answer.get_data())


def _events(feed: Calendar) -> dict[str, object]:
    """{UID without its host: event}; every UID names the app's host (BASE_URL's)."""
    found = {}
    for event in feed.walk("VEVENT"):
        uid, _, host = str(event["UID"]).partition("@")
        assert host == "127.0.0.1", event["UID"]  # the default BASE_URL, http://127.0.0.1:5000
        found[uid] = event
    return found


def _application(api, **fields) -> int:
    answer = api.post("/applications", {"company": "Acme", "role": "Engineer", **fields})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def _schedule(api, application_id: int, starts_at: str, **fields) -> int:
    body = {"starts_at": starts_at, "kind": "video", **fields}
    answer = api.post(f"/applications/{application_id}/interviews", body)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def test_the_feed_answers_201_with_an_absolute_url(api, conforms):
    answer = api.post("/calendar-feed")
    assert answer.status_code == 201
    assert list(conforms(answer)) == ["url"]


def test_the_feed_holds_each_interview_in_utc(api, client):
    application = _application(api)
    interview = _schedule(
        api, application, "2026-03-20T14:30", duration_minutes=45, location="Berlin, Hall 2"
    )
    feed = _read(client, _feed_path(api))
    assert feed["VERSION"] == "2.0"
    assert feed["PRODID"]
    events = _events(feed)
    event = events[f"interview-{interview}"]
    assert event.decoded("DTSTART") == datetime(2026, 3, 20, 13, 30, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 3, 20, 14, 15, tzinfo=UTC)
    assert event["DTSTART"].to_ical() == b"20260320T133000Z"
    assert "Acme" in str(event["SUMMARY"]) and "Engineer" in str(event["SUMMARY"])
    assert str(event["LOCATION"]) == "Berlin, Hall 2"
    # and the application, now at interview, has its follow-up date
    assert list(events) == [
        f"interview-{interview}",
        f"follow-up-{application}",
    ]


def test_the_uid_stays_when_the_interview_changes(api, client):
    interview = _schedule(api, _application(api), "2026-03-20T14:30")
    path = _feed_path(api)
    api.patch(f"/interviews/{interview}", {"starts_at": "2026-03-21T09:00", "kind": "panel"})
    event = _events(_read(client, path))[f"interview-{interview}"]
    assert event.decoded("DTSTART") == datetime(2026, 3, 21, 8, 0, tzinfo=UTC)
    api.delete(f"/interviews/{interview}")
    assert f"interview-{interview}" not in _events(_read(client, path))


def _spring_forward_after(day: date) -> date:
    """The next day after `day` on which New York's clocks jump forward."""
    day += timedelta(days=1)
    while _offset(day + timedelta(days=1)) <= _offset(day):
        day += timedelta(days=1)
    return day


def _offset(day: date) -> timedelta:
    """New York's offset from UTC at the start of `day`."""
    return datetime.combine(day, datetime.min.time(), NEW_YORK).utcoffset()


@pytest.fixture
def new_yorker(app, now):
    return factories.api_client(app, "ny@example.com", "America/New_York")


def test_times_cross_a_clock_change_in_utc(new_yorker, client):
    jump = _spring_forward_after(FIXED_NOW.astimezone(NEW_YORK).date())
    before, after = jump - timedelta(days=1), jump
    application = _application(new_yorker)
    ids = {
        "before": _schedule(new_yorker, application, f"{before}T10:00"),
        "after": _schedule(new_yorker, application, f"{after}T10:00"),
        "skipped": _schedule(new_yorker, application, f"{after}T02:30", duration_minutes=60),
    }
    events = _events(_read(client, _feed_path(new_yorker)))
    start = {name: events[f"interview-{i}"].decoded("DTSTART") for name, i in ids.items()}
    assert start["before"] == datetime.combine(before, datetime.min.time(), UTC).replace(hour=15)
    assert start["after"] == datetime.combine(after, datetime.min.time(), UTC).replace(hour=14)
    # 02:30 does not exist that night: the interview starts at the jump (03:00 EDT, 07:00 UTC).
    assert start["skipped"] == datetime.combine(after, datetime.min.time(), UTC).replace(hour=7)
    skipped = events[f"interview-{ids['skipped']}"]
    assert skipped.decoded("DTEND") - skipped.decoded("DTSTART") == timedelta(minutes=60)
    for name, instant in start.items():
        local = instant.astimezone(NEW_YORK)
        assert local.date() == (before if name == "before" else after)


def test_each_open_application_has_an_all_day_follow_up(api, client):
    quiet = _application(api, date="2026-03-04")
    coming = _application(api, date="2026-03-05")  # 13 days: its follow-up is tomorrow
    events = _events(_read(client, _feed_path(api)))
    assert sorted(events) == sorted(f"follow-up-{n}" for n in (quiet, coming))
    for application, day in ((quiet, date(2026, 3, 18)), (coming, date(2026, 3, 19))):
        event = events[f"follow-up-{application}"]
        assert event.decoded("DTSTART") == day
        assert event.decoded("DTEND") == day + timedelta(days=1)
        assert "Acme" in str(event["SUMMARY"])


def test_a_new_secret_replaces_the_old_one(api, client):
    first = _feed_path(api)
    second = _feed_path(api)
    assert first != second
    assert client.get(first).status_code == 404
    _read(client, second)


def test_delete_stops_the_feed(api, client):
    path = _feed_path(api)
    answer = api.delete("/calendar-feed")
    assert answer.status_code == 204
    assert answer.get_data() == b""
    assert client.get(path).status_code == 404
    assert api.delete("/calendar-feed").status_code == 204, "deleting none is harmless"


def test_each_feed_holds_only_its_owners_interviews(api, other_api, client):
    mine, theirs = _application(api), _application(other_api)
    my_interview = _schedule(api, mine, "2026-03-20T10:00")
    their_interview = _schedule(other_api, theirs, "2026-03-20T11:00")
    for owner, application, interview in (
        (api, mine, my_interview),
        (other_api, theirs, their_interview),
    ):
        expected = [f"interview-{interview}", f"follow-up-{application}"]
        assert list(_events(_read(client, _feed_path(owner)))) == expected


@pytest.mark.parametrize(
    "secret",
    ["x", "", "%00", "a" * 43, "a" * 5000, "..%2F..%2Fetc%2Fpasswd", "%F0%9F%98%80"],
)
def test_an_unknown_secret_answers_404(api, client, secret):
    _feed_path(api)
    assert client.get(f"/feeds/{secret}.ics").status_code == 404


@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_changing_the_feed_needs_credentials(client, method):
    error(client.open("/api/v1/calendar-feed", method=method), 401)


def test_the_feed_ends_with_the_account(api, client):
    path = _feed_path(api)
    assert api.delete("/me", {"password": PASSWORD}).status_code == 204
    assert client.get(path).status_code == 404


def _fall_back_after(day: date) -> date:
    """The next day after `day` on which New York's clocks go back."""
    day += timedelta(days=1)
    while _offset(day + timedelta(days=1)) >= _offset(day):
        day += timedelta(days=1)
    return day


def test_a_time_that_happens_twice_is_its_first_occurrence(new_yorker, client):
    back = _fall_back_after(FIXED_NOW.astimezone(NEW_YORK).date())
    interview = _schedule(new_yorker, _application(new_yorker), f"{back}T01:30")
    event = _events(_read(client, _feed_path(new_yorker)))[f"interview-{interview}"]
    # 01:30 EDT (UTC-4), before the clocks go back to 01:00 EST.
    expected = datetime.combine(back, datetime.min.time(), UTC).replace(hour=5, minute=30)
    assert event.decoded("DTSTART") == expected


def test_the_feed_follows_a_change_of_timezone(api, client):
    interview = _schedule(api, _application(api), "2026-03-20T14:30")
    path = _feed_path(api)
    assert api.patch("/me", {"timezone": "Asia/Tokyo"}).status_code == 200
    event = _events(_read(client, path))[f"interview-{interview}"]
    assert event.decoded("DTSTART") == datetime(2026, 3, 20, 5, 30, tzinfo=UTC)
    assert api.get("/interviews").get_json()[0]["starts_at"] == "2026-03-20T14:30"


def test_the_address_and_the_uids_follow_base_url_not_the_request(app, api, client, monkeypatch):
    """Behind a proxy the request's host may be anything; what a calendar keeps (the address
    it polls, each event's UID) is the app's public address."""
    monkeypatch.setitem(app.config, "BASE_URL", "https://bring.example.org")
    interview = _schedule(api, _application(api), "2026-03-20T10:00")
    url = api.post("/calendar-feed").get_json()["url"]
    assert url.startswith("https://bring.example.org/feeds/") and url.endswith(".ics")
    answer = client.get(urlsplit(url).path, headers={"Host": "internal:8000"})
    uids = [str(e["UID"]) for e in Calendar.from_ical(answer.get_data()).walk("VEVENT")]
    assert f"interview-{interview}@bring.example.org" in uids
