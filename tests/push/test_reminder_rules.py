"""Which reminders a sweep sends: quiet nudges, breaks, comebacks, clock changes, outages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests import factories
from tests.push.conftest import deliveries


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def kinds(push_service) -> list[str]:
    return [r.payload["kind"] for r in push_service.received]


def test_the_nudge_stays_quiet_once_today_is_active(app, api, device, push_service, sweep):
    device(api)
    api.put(f"/goals/{api.goal_ids()['reflect']}/entries/2026-03-18", {})
    sweep(utc(2026, 3, 18, 18, 0, 5))
    assert push_service.received == []
    assert deliveries(app) == [("nudge", "quiet", "active")]


def test_the_nudge_goes_when_today_is_not_yet_active(app, api, device, push_service, sweep):
    device(api)
    goal = api.goal_ids()["apply"]
    api.put(f"/goals/{goal}/entries/2026-03-18", {"value": 0, "note": "later"})
    api.put(f"/goals/{goal}/entries/2026-03-17", {})  # yesterday does not count
    sweep(utc(2026, 3, 18, 18, 0, 5))
    assert kinds(push_service) == ["nudge"]


def test_a_break_mutes_every_reminder_and_they_come_back_after_it(
    app, api, device, push_service, sweep
):
    device(api)
    assert api.post("/breaks", {"start": "2026-03-19", "end": "2026-03-20"}).status_code == 201
    for day in (19, 20):
        sweep(utc(2026, 3, day, 8, 0, 5))
        sweep(utc(2026, 3, day, 18, 0, 5))
    assert push_service.received == []
    quiet = [d for d in deliveries(app) if d[2] == "break"]
    assert len(quiet) == 4
    sweep(utc(2026, 3, 21, 8, 0, 5))
    assert kinds(push_service) == ["plan"]


def test_the_comeback_takes_the_plans_place_the_morning_after_a_rejection(
    app, api, device, push_service, sweep
):
    device(api)
    api.post("/rejections", {"date": "2026-03-18", "company": "Acme"})
    sweep(utc(2026, 3, 19, 8, 0, 5))
    assert kinds(push_service) == ["comeback"]
    [received] = push_service.received
    assert received.payload["tag"] == "bring-it-on-comeback" and received.topic == "comeback"
    assert ("plan", "quiet", "replaced") in deliveries(app)
    # The morning after that, the plan is back.
    sweep(utc(2026, 3, 20, 8, 0, 5))
    assert kinds(push_service) == ["comeback", "plan"]


def test_the_comeback_follows_the_plans_time(app, api, device, push_service, sweep):
    device(api)
    api.put("/reminders", [{"kind": "plan", "time": "07:15"}])
    api.post("/rejections", {"date": "2026-03-18"})
    sweep(utc(2026, 3, 19, 6, 15, 5))  # 07:15 in Berlin
    assert kinds(push_service) == ["comeback"]


def test_with_the_comeback_off_the_plan_goes_as_usual(app, api, device, push_service, sweep):
    device(api)
    api.put("/reminders", [{"kind": "comeback", "enabled": False}])
    api.post("/rejections", {"date": "2026-03-18"})
    sweep(utc(2026, 3, 19, 8, 0, 5))
    assert kinds(push_service) == ["plan"]


def test_a_disabled_rule_sends_nothing(app, api, device, push_service, sweep):
    device(api)
    api.put("/reminders", [{"kind": "plan", "enabled": False}])
    sweep(utc(2026, 3, 19, 8, 0, 5))
    assert push_service.received == []


def test_weekdays_are_respected(app, api, device, push_service, sweep):
    device(api)
    api.put("/reminders", [{"kind": "plan", "weekdays": [6, 7]}])  # weekends
    for day in range(19, 23):  # Thursday 19th to Sunday 22nd
        sweep(utc(2026, 3, day, 8, 0, 5))
    assert kinds(push_service) == ["plan", "plan"]  # Saturday and Sunday


def minutes(start: datetime, end: datetime):
    while start <= end:
        yield start
        start += timedelta(minutes=1)


@pytest.mark.parametrize(
    ("clock_at", "plan_time", "sweeps_from", "sweeps_to", "sent_at"),
    [
        # New York springs forward on 2027-03-14: 02:30 does not exist and fires at the first
        # valid instant after it, 03:00 EDT (07:00 UTC).
        (utc(2027, 3, 13, 12), "02:30", utc(2027, 3, 14, 6, 20), utc(2027, 3, 14, 8, 10), 7),
        # It falls back on 2027-11-07: 01:30 happens twice (05:30 and 06:30 UTC); once only.
        (utc(2027, 11, 6, 12), "01:30", utc(2027, 11, 7, 5, 0), utc(2027, 11, 7, 7, 10), 5),
    ],
    ids=["spring-forward", "fall-back"],
)
def test_clock_changes_in_new_york_send_the_plan_once_at_the_right_instant(
    app, now, device, push_service, sweep, clock_at, plan_time, sweeps_from, sweeps_to, sent_at
):
    now.value = clock_at
    api = factories.api_client(app, "ny@example.com", "America/New_York")
    device(api)
    api.put("/reminders", [{"kind": "plan", "time": plan_time}])
    sent = []
    for at in minutes(sweeps_from, sweeps_to):  # a sweep every minute, as the process does
        if sweep(at)["messages"]["delivered"]:
            sent.append(at)
    assert kinds(push_service) == ["plan"]
    assert [(at.hour, at.minute) for at in sent] == [(sent_at, 0 if sent_at == 7 else 30)]


def test_after_an_outage_stale_slots_are_skipped_and_todays_is_sent(
    app, api, device, push_service, sweep
):
    device(api)
    # The reminder process was down from Wednesday noon until Saturday 09:10 in Berlin.
    summary = sweep(utc(2026, 3, 21, 8, 10))
    assert kinds(push_service) == ["plan"]
    assert summary["slots"]["stale"] == 3  # Wednesday's nudge, Thursday's plan and comeback
    assert ("plan", "quiet", "stale") in deliveries(app)
    assert ("nudge", "quiet", "stale") in deliveries(app)


def test_an_outage_ending_after_the_grace_sends_nothing_late(app, api, device, push_service, sweep):
    device(api)
    sweep(utc(2026, 3, 18, 18, 31))  # the nudge was due 31 minutes ago
    sweep(utc(2026, 3, 18, 18, 32))
    assert push_service.received == []
    sweep(utc(2026, 3, 19, 8, 0))
    assert kinds(push_service) == ["plan"]


def test_reminders_follow_the_user_to_a_new_time_zone(app, api, device, push_service, sweep):
    device(api)
    assert api.patch("/me", {"timezone": "America/New_York"}).status_code == 200
    sweep(utc(2026, 3, 19, 8, 0, 5))  # 09:00 in Berlin: nothing any more
    assert push_service.received == []
    sweep(utc(2026, 3, 19, 13, 0, 5))  # 09:00 in New York (EDT)
    assert kinds(push_service) == ["plan"]
