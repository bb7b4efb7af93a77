"""Reminder rules: fire times across clock changes, the grace after an outage, what is sent."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import pytest

from tracker.core import reminders as r

EVERY_DAY = 0b1111111
MONDAY, FRIDAY = 0b0000001, 0b0010000
WEEKDAYS = 0b0011111


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "at", "mask", "after", "expected"),
    [
        # An ordinary morning in Berlin (CET, UTC+1), before and exactly at the slot.
        ("Europe/Berlin", time(9), EVERY_DAY, utc(2026, 3, 18, 7), utc(2026, 3, 18, 8)),
        ("Europe/Berlin", time(9), EVERY_DAY, utc(2026, 3, 18, 8), utc(2026, 3, 19, 8)),
        # Summer time starts in Berlin on 2026-03-29: 09:00 is now 07:00 UTC.
        ("Europe/Berlin", time(9), EVERY_DAY, utc(2026, 3, 28, 8), utc(2026, 3, 29, 7)),
        # New York springs forward at 02:00 on 2027-03-14: 02:30 does not exist that day,
        # so it fires at the first valid instant after it, 03:00 EDT (07:00 UTC).
        ("America/New_York", time(2, 30), EVERY_DAY, utc(2027, 3, 14), utc(2027, 3, 14, 7)),
        ("America/New_York", time(2, 0), EVERY_DAY, utc(2027, 3, 14), utc(2027, 3, 14, 7)),
        ("America/New_York", time(3, 0), EVERY_DAY, utc(2027, 3, 14), utc(2027, 3, 14, 7)),
        ("America/New_York", time(1, 59), EVERY_DAY, utc(2027, 3, 14), utc(2027, 3, 14, 6, 59)),
        # The day after, 02:30 exists again (EDT, UTC-4).
        (
            "America/New_York",
            time(2, 30),
            EVERY_DAY,
            utc(2027, 3, 14, 7),
            utc(2027, 3, 15, 6, 30),
        ),
        # New York falls back at 02:00 on 2027-11-07: 01:30 happens twice; the first counts
        # (EDT, 05:30 UTC) and the repeat an hour later (EST, 06:30 UTC) does not fire.
        ("America/New_York", time(1, 30), EVERY_DAY, utc(2027, 11, 7), utc(2027, 11, 7, 5, 30)),
        (
            "America/New_York",
            time(1, 30),
            EVERY_DAY,
            utc(2027, 11, 7, 5, 30),
            utc(2027, 11, 8, 6, 30),
        ),
        (
            "America/New_York",
            time(1, 30),
            EVERY_DAY,
            utc(2027, 11, 7, 6, 0),
            utc(2027, 11, 8, 6, 30),
        ),
        # Lord Howe Island moves its clocks by half an hour (02:00 -> 02:30 on 2026-10-04).
        (
            "Australia/Lord_Howe",
            time(2, 15),
            EVERY_DAY,
            utc(2026, 10, 3, 12),
            utc(2026, 10, 3, 15, 30),
        ),
        # Samoa skipped 2011-12-30 entirely: a Friday rule fires when that day would have
        # been, at the first valid instant, midnight of Saturday the 31st (UTC+14).
        ("Pacific/Apia", time(9), FRIDAY, utc(2011, 12, 29), utc(2011, 12, 30, 10)),
        # Weekdays: a Monday-only rule seen on a Wednesday waits for the next Monday.
        ("Europe/Berlin", time(9), MONDAY, utc(2026, 3, 18, 12), utc(2026, 3, 23, 8)),
        ("Europe/Berlin", time(9), WEEKDAYS, utc(2026, 3, 20, 9), utc(2026, 3, 23, 8)),
        # A half-hour zone, and a late evening that is already tomorrow in UTC terms.
        ("Asia/Kolkata", time(19), EVERY_DAY, utc(2026, 3, 18, 12), utc(2026, 3, 18, 13, 30)),
        ("Pacific/Auckland", time(7), EVERY_DAY, utc(2026, 3, 18, 12), utc(2026, 3, 18, 18)),
    ],
)
def test_next_fire(zone, at, mask, after, expected):
    assert r.next_fire(at, mask, zone, after) == expected


def test_a_missing_local_time_fires_once_on_the_day_of_the_jump():
    fires, after = [], utc(2027, 3, 13)
    for _ in range(3):
        after = r.next_fire(time(2, 30), EVERY_DAY, "America/New_York", after)
        fires.append(after)
    assert fires == [utc(2027, 3, 13, 7, 30), utc(2027, 3, 14, 7), utc(2027, 3, 15, 6, 30)]


def test_a_repeated_local_time_fires_once_across_the_fall_back_night():
    fires, after = [], utc(2027, 11, 6)
    for _ in range(3):
        after = r.next_fire(time(1, 30), EVERY_DAY, "America/New_York", after)
        fires.append(after)
    assert fires == [utc(2027, 11, 6, 5, 30), utc(2027, 11, 7, 5, 30), utc(2027, 11, 8, 6, 30)]


@pytest.mark.parametrize("zone", ["America/New_York", "Europe/Berlin", "Australia/Sydney"])
def test_a_year_of_daily_slots_fires_once_per_local_date(zone):
    """Walking a whole year of daily 02:30 slots: one per local date, never skipped."""
    after, days = utc(2027, 1, 1), set()
    tz = zoneinfo.ZoneInfo(zone)
    for _ in range(365):
        after = r.next_fire(time(2, 30), EVERY_DAY, zone, after)
        local = after.astimezone(tz)
        assert (local.hour, local.minute) in {(2, 30), (3, 0), (3, 30)}, local
        days.add(local.date())
    assert len(days) == 365


def test_next_fire_refuses_an_empty_mask_and_a_naive_instant():
    with pytest.raises(ValueError):
        r.next_fire(time(9), 0, "UTC", utc(2026, 1, 1))
    with pytest.raises(ValueError):
        r.next_fire(time(9), EVERY_DAY, "UTC", datetime(2026, 1, 1))


BERLIN_NINE = utc(2026, 3, 18, 8)  # 09:00 in Berlin


@pytest.mark.parametrize(
    ("due", "now", "expected"),
    [
        # On time, or late within the grace: the slot is sent.
        (BERLIN_NINE, BERLIN_NINE, r.Claim(BERLIN_NINE, None, utc(2026, 3, 19, 8))),
        (
            BERLIN_NINE,
            BERLIN_NINE + timedelta(minutes=30),
            r.Claim(BERLIN_NINE, None, utc(2026, 3, 19, 8)),
        ),
        # A minute past the grace: skipped, the rule moves on to tomorrow.
        (
            BERLIN_NINE,
            BERLIN_NINE + timedelta(minutes=31),
            r.Claim(None, BERLIN_NINE, utc(2026, 3, 19, 8)),
        ),
        # Back after a two-day outage, ten minutes after today's slot: only today's is sent.
        (
            BERLIN_NINE - timedelta(days=2),
            BERLIN_NINE + timedelta(minutes=10),
            r.Claim(BERLIN_NINE, BERLIN_NINE - timedelta(days=2), utc(2026, 3, 19, 8)),
        ),
        # Back after the outage in the evening: nothing is sent, the next slot is tomorrow.
        (
            BERLIN_NINE - timedelta(days=2),
            BERLIN_NINE + timedelta(hours=10),
            r.Claim(None, BERLIN_NINE - timedelta(days=2), utc(2026, 3, 19, 8)),
        ),
    ],
)
def test_claim_sends_within_the_grace_and_skips_stale_slots(due, now, expected):
    assert r.claim(due, time(9), EVERY_DAY, "Europe/Berlin", now) == expected


def test_claim_refuses_a_rule_that_is_not_due():
    with pytest.raises(ValueError):
        r.claim(BERLIN_NINE, time(9), EVERY_DAY, "Europe/Berlin", BERLIN_NINE - timedelta(1))


DAY = date(2026, 3, 18)
APPLY = r.GoalFacts(1, "Send 1 application", 1, EVERY_DAY, date(2026, 1, 1))
PRACTICE = r.GoalFacts(2, "Practise 1 interview answer", 1, EVERY_DAY, date(2026, 1, 1))
MONDAYS = r.GoalFacts(3, "Call a mentor", 1, MONDAY, date(2026, 1, 1))
GOALS = (APPLY, PRACTICE, MONDAYS)


def facts(**changes) -> r.DayFacts:
    return r.DayFacts(**{"day": DAY, "goals": GOALS, **changes})


@pytest.mark.parametrize(
    ("kind", "day", "expected"),
    [
        (r.PLAN, facts(), r.SEND),
        (r.NUDGE, facts(), r.SEND),
        (r.COMEBACK, facts(), r.QUIET_NO_REJECTION),
        # Breaks mute every kind.
        (r.PLAN, facts(in_break=True), r.QUIET_BREAK),
        (r.NUDGE, facts(in_break=True), r.QUIET_BREAK),
        (r.COMEBACK, facts(in_break=True, rejected_yesterday=True), r.QUIET_BREAK),
        (r.COMEBACK, facts(in_break=True), r.QUIET_NO_REJECTION),
        # The morning after a rejection the comeback takes the plan's place ...
        (r.PLAN, facts(rejected_yesterday=True), r.QUIET_REPLACED),
        (r.COMEBACK, facts(rejected_yesterday=True), r.SEND),
        # ... unless the comeback is switched off: then the plan goes as usual.
        (r.PLAN, facts(rejected_yesterday=True, comeback_enabled=False), r.SEND),
        # The nudge is quiet once today is active, by any goal, scheduled or not.
        (r.NUDGE, facts(entries={1: (1, False)}), r.QUIET_ACTIVE),
        (r.NUDGE, facts(entries={3: (1, False)}), r.QUIET_ACTIVE),
        # Partial progress or a skipped goal does not make the day active.
        (r.NUDGE, facts(entries={1: (0, False), 2: (5, True)}), r.SEND),
        # Everything skipped: a rest day, nothing to nudge about.
        (r.NUDGE, facts(entries={1: (0, True), 2: (0, True)}), r.QUIET_RESTFUL),
        (r.NUDGE, facts(goals=(MONDAYS,)), r.QUIET_RESTFUL),
    ],
)
def test_decide(kind, day, expected):
    assert r.decide(kind, day) == expected


def test_the_plan_lists_the_goals_scheduled_today():
    payload = r.message(r.PLAN, facts())
    assert payload["kind"] == "plan" and payload["tag"] == "bring-it-on-plan"
    assert payload["title"] == "Today's plan"
    assert "Send 1 application" in payload["body"] and "Practise" in payload["body"]
    assert "Call a mentor" not in payload["body"]  # Mondays only; the 18th is a Wednesday
    assert payload["actions"] == [] and payload["url"] == "/"


def test_the_nudge_offers_to_check_in_the_first_open_goal():
    payload = r.message(r.NUDGE, facts(entries={1: (0, True)}))
    assert payload["actions"] == [{"action": "done", "title": "Mark done"}]
    assert payload["data"] == {"goal_id": 2, "date": "2026-03-18", "url": "/"}
    assert "Practise 1 interview answer" in payload["body"]
    assert payload["tag"] == "bring-it-on-nudge"


def test_archived_and_future_goals_are_not_planned():
    archived = r.GoalFacts(4, "Old goal", 1, EVERY_DAY, date(2026, 1, 1), DAY)
    later = r.GoalFacts(5, "New goal", 1, EVERY_DAY, DAY + timedelta(days=1))
    payload = r.message(r.PLAN, facts(goals=(archived, later)))
    assert payload["body"] == "A fresh day. Bring it on."


def test_the_comeback_speaks_of_bouncing_back():
    payload = r.message(r.COMEBACK, facts(rejected_yesterday=True))
    assert payload["kind"] == "comeback" and payload["tag"] == "bring-it-on-comeback"
    assert "comeback" in payload["body"]


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError):
        r.decide("daily", facts())
    with pytest.raises(ValueError):
        r.message("daily", facts())
