"""The interview journey's messages (SPEC section 5), through real sweeps to the local push
service: interview_prep the evening before, interview_pep two hours before, interview_after
an hour after the end, follow_up after 14 quiet days; each exactly once."""

from __future__ import annotations

import threading
import zoneinfo
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

import pytest

from tests import factories
from tests.push.conftest import rows
from tracker import scheduler
from tracker.core import journey_messages, practice_bank
from tracker.core.reminders import local_instant
from tracker.models import PushDelivery

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# FIXED_NOW is Wednesday 18 March 2026, 13:00 in Berlin (CET, UTC+1 until 29 March).
START = "2026-03-20T10:00"  # Friday 10:00 in Berlin: 09:00 UTC
PREP = datetime(2026, 3, 19, 18, 0, tzinfo=UTC)  # Thursday 19:00 in Berlin, the default nudge
PEP = datetime(2026, 3, 20, 7, 0, tzinfo=UTC)  # two hours before
AFTER = datetime(2026, 3, 20, 11, 0, tzinfo=UTC)  # an hour after the hour it lasts
JOURNEY = {"interview_prep", "interview_pep", "interview_after", "follow_up"}
SECOND = timedelta(seconds=20)


def journey(push_service, kind: str | None = None) -> list[dict]:
    """The journey messages the push service received (of `kind`), in order."""
    wanted = {kind} if kind else JOURNEY
    return [r.payload for r in push_service.received if r.payload["kind"] in wanted]


def application(api, **fields) -> dict:
    body = {"company": "Acme", "role": "Engineer", "date": "2026-03-16"} | fields
    answer = api.post("/applications", body)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def interview(api, application_id: int, **fields) -> dict:
    body = {"starts_at": START, "kind": "technical"} | fields
    answer = api.post(f"/applications/{application_id}/interviews", body)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


@pytest.fixture
def scheduled(api, device):
    """A device, an application at Acme and a technical interview on Friday at 10:00."""
    device(api)
    acme = application(api)
    return acme, interview(api, acme["id"])


def test_each_message_arrives_once_at_its_time_and_opens_its_page(
    app, api, scheduled, push_service, sweep
):
    acme, booked = scheduled
    prep_page = f"/journal/applications/interviews/{booked['id']}/prep"
    for instant in (PREP - SECOND, PEP - SECOND, AFTER - SECOND):
        sweep(instant)
    assert journey(push_service) == []
    for due in (PREP, PEP, AFTER):
        summary = sweep(due + SECOND)
        sweep(due + 3 * SECOND)  # the next sweep, within the grace: nothing again
        assert sum(summary["slots"]["journey"].values()) == 1
    prep, pep, after = journey(push_service)
    pick = practice_bank.daily_pick(
        api.user_id, date(2026, 3, 19), practice_bank.items_for("technical")
    )
    assert prep["kind"] == "interview_prep" and prep["url"] == prep_page
    assert prep["title"] == "Tomorrow: interview at Acme"
    assert "10:00" in prep["body"] and pick.text in prep["body"]
    assert pep["kind"] == "interview_pep" and pep["url"] == prep_page
    assert "yourself" in pep["body"]
    assert after["kind"] == "interview_after" and after["title"] == "How did it go?"
    assert after["url"] == f"/journal/applications/{acme['id']}#interview-{booked['id']}"
    assert {p["tag"] for p in (prep, pep, after)} == {
        f"bring-it-on-{kind}-{booked['id']}"
        for kind in ("interview_prep", "interview_pep", "interview_after")
    }
    for payload in (prep, pep, after):  # each with its declarative push message
        assert payload["web_push"] == 8030 and payload["app_badge"] == 3
        assert payload["notification"]["navigate"] == app.config["BASE_URL"] + payload["url"]
        assert payload["notification"]["title"] == payload["title"]
    sent = {r.payload["kind"]: (r.ttl, r.topic) for r in push_service.received}
    assert sent["interview_pep"] == (2 * 3600, f"interview_pep-{booked['id']}")
    assert sent["interview_prep"] == (12 * 3600, f"interview_prep-{booked['id']}")


def test_a_moved_interview_never_gets_a_message_twice(api, scheduled, push_service, sweep):
    _, booked = scheduled
    sweep(PREP + SECOND)
    # Moved to the next week after its evening message went out: the others follow it.
    answer = api.patch(f"/interviews/{booked['id']}", {"starts_at": "2026-03-27T10:00"})
    assert answer.status_code == 200
    for instant in (PEP, AFTER, PREP + timedelta(days=7)):
        sweep(instant + SECOND)
    assert journey(push_service) == [journey(push_service, "interview_prep")[0]]
    # Berlin moves to summer time on 29 March: 27 March is still UTC+1.
    sweep(PEP + timedelta(days=7) + SECOND)
    sweep(AFTER + timedelta(days=7) + SECOND)
    kinds = [p["kind"] for p in journey(push_service)]
    assert kinds == ["interview_prep", "interview_pep", "interview_after"]


def test_a_move_before_the_evening_moves_the_evening_message(api, scheduled, push_service, sweep):
    _, booked = scheduled
    api.patch(f"/interviews/{booked['id']}", {"starts_at": "2026-03-21T09:00"})
    sweep(PREP + SECOND)
    assert journey(push_service) == []
    sweep(PREP + timedelta(days=1) + SECOND)
    assert [p["kind"] for p in journey(push_service)] == ["interview_prep"]


def test_a_cancelled_interview_sends_nothing(api, scheduled, push_service, sweep):
    _, booked = scheduled
    assert api.delete(f"/interviews/{booked['id']}").status_code == 204
    for due in (PREP, PEP, AFTER):
        summary = sweep(due + SECOND)
        assert sum(summary["slots"]["journey"].values()) == 0
    assert journey(push_service) == []


def test_how_did_it_go_is_not_asked_once_answered(api, scheduled, push_service, sweep):
    _, booked = scheduled
    api.patch(f"/interviews/{booked['id']}", {"outcome": "went_well", "debrief": "Calm."})
    summary = sweep(AFTER + SECOND)
    assert summary["slots"]["quiet"]["answered"] == 1
    assert journey(push_service) == []


def test_nothing_is_sent_about_an_application_closed_meanwhile(api, scheduled, push_service, sweep):
    acme, _ = scheduled
    assert api.patch(f"/applications/{acme['id']}", {"stage": "withdrawn"}).status_code == 200
    summary = sweep(PREP + SECOND)
    assert summary["slots"]["quiet"]["closed"] == 1
    assert journey(push_service) == []


def test_interview_messages_go_inside_a_break(api, scheduled, push_service, sweep):
    answer = api.post("/breaks", {"start": "2026-03-18", "end": "2026-03-22"})
    assert answer.status_code == 201
    sweep(PREP + SECOND)
    sweep(PEP + SECOND)
    assert [p["kind"] for p in journey(push_service)] == ["interview_prep", "interview_pep"]


def test_a_message_past_its_grace_is_skipped_not_sent_late(scheduled, push_service, sweep):
    sweep(PEP + timedelta(minutes=31))
    assert journey(push_service) == []


def test_the_evening_message_follows_the_evening_reminder_and_the_zone(
    api, scheduled, push_service, sweep
):
    answer = api.put("/reminders", [{"kind": "nudge", "time": "20:30"}])
    assert answer.status_code == 200
    sweep(PREP + SECOND)
    assert journey(push_service) == []
    sweep(PREP + timedelta(minutes=90) + SECOND)
    assert [p["kind"] for p in journey(push_service)] == ["interview_prep"]
    # Moving to Lisbon (UTC+0): 10:00 there is an hour later than 10:00 in Berlin.
    assert api.patch("/me", {"timezone": "Europe/Lisbon"}).status_code == 200
    sweep(PEP + SECOND)
    assert len(journey(push_service)) == 1
    sweep(PEP + timedelta(hours=1) + SECOND)
    assert [p["kind"] for p in journey(push_service)][-1] == "interview_pep"


def _next_spring_forward(zone: zoneinfo.ZoneInfo, after: date) -> date:
    """The first date after `after` on which the zone's clocks jump forward."""
    day = after + timedelta(days=1)
    while True:
        before = datetime.combine(day, time(0), zone).utcoffset()
        later = datetime.combine(day, time(12), zone).utcoffset()
        if later > before:
            return day
        day += timedelta(days=1)


def test_messages_are_on_time_on_the_morning_the_clocks_spring_forward(
    app, now, device, push_service, sweep
):
    """An interview at 03:30 on the next spring-forward morning in New York (computed from
    today, so that the test keeps its meaning in later years): the pep talk comes two real
    hours before it, at 00:30 EST, not at 01:30 (what 03:30 minus two hours reads on a
    clock), and the evening message the day before at 19:00 EST."""
    new_york = zoneinfo.ZoneInfo("America/New_York")
    day = _next_spring_forward(new_york, datetime.now(UTC).date())
    now.value = datetime.combine(day - timedelta(days=3), time(12), UTC)
    api = factories.api_client(app, "ny@example.com", timezone="America/New_York")
    device(api)
    acme = application(api, date=(day - timedelta(days=5)).isoformat())
    early = interview(api, acme["id"], starts_at=f"{day.isoformat()}T03:30", kind="phone")
    # 03:30 EDT is 07:30 UTC; 19:00 EST the evening before is 00:00 UTC that day.
    start = datetime.combine(day, time(7, 30), UTC)
    prep = datetime.combine(day, time(0, 0), UTC)
    assert datetime.combine(day, time(3, 30), new_york).astimezone(UTC) == start
    due = journey_messages.due_instants(
        datetime.combine(day, time(3, 30)), 60, "America/New_York", time(19, 0)
    )
    assert due == {
        "prep_at": prep,
        "pep_at": start - timedelta(hours=2),
        "after_at": start + timedelta(hours=2),
    }
    wall_clock_pep = local_instant(day, time(1, 30), new_york)
    assert wall_clock_pep == start - timedelta(hours=1)
    sweep(prep + SECOND)
    sweep(start - timedelta(hours=2) + SECOND)
    sweep(wall_clock_pep + SECOND)
    sweep(start + timedelta(hours=2) + SECOND)
    kinds = [p["kind"] for p in journey(push_service)]
    assert kinds == ["interview_prep", "interview_pep", "interview_after"]
    assert early["starts_at"] == f"{day.isoformat()}T03:30"


def test_a_start_in_the_gap_is_read_as_the_first_minute_after_it():
    new_york = zoneinfo.ZoneInfo("America/New_York")
    day = _next_spring_forward(new_york, date(2026, 12, 7))
    due = journey_messages.due_instants(
        datetime.combine(day, time(2, 30)), 30, "America/New_York", time(19, 0)
    )
    jump = datetime.combine(day, time(7, 0), UTC)  # 02:00 EST becomes 03:00 EDT
    assert due["pep_at"] == jump - timedelta(hours=2)
    assert due["after_at"] == jump + timedelta(minutes=90)


def race(app, at: datetime) -> list[dict]:
    """The summaries of three sweeps at `at` started together in threads."""
    start, summaries = threading.Barrier(3), []

    def racer() -> None:
        start.wait()
        summaries.append(scheduler.sweep(app, at, workers=4))

    threads = [threading.Thread(target=racer) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return summaries


def test_three_racing_sweeps_send_each_interview_message_once(app, device, push_service):
    people = []
    for n in range(6):
        api = factories.api_client(app, f"candidate{n}@example.com")
        device(api)
        people.append(interview(api, application(api)["id"]))
    push_service.delay = 0.02  # keep the sends of the three sweeps overlapping
    for due in (PREP, PEP, AFTER):
        summaries = race(app, due + SECOND)
        assert len(summaries) == 3
        assert sum(sum(s["slots"]["journey"].values()) for s in summaries) == 6
    sent = Counter((p["kind"], p["tag"]) for p in journey(push_service))
    assert len(sent) == 18 and set(sent.values()) == {1}
    assert len(rows(app, PushDelivery.id, where=[PushDelivery.subject.is_not(None)])) == 18


# Follow-ups: an application sent on 5 March is quiet for 14 days on 19 March, the first
# morning after FIXED_NOW; the plan goes at 09:00 in Berlin (08:00 UTC).
def morning(day: int) -> datetime:
    return datetime(2026, 3, day, 8, 0, 20, tzinfo=UTC)


def test_a_quiet_application_gets_one_follow_up_per_quiet_spell(
    api, device, now, push_service, sweep
):
    device(api)
    quiet = application(api, date="2026-03-05")
    application(api, company="Globex", date="2026-03-06")  # quiet a day later
    sweep(morning(19))
    [first] = journey(push_service)
    assert first["kind"] == "follow_up" and first["title"] == "No news from Acme"
    assert "no news for 14 days" in first["body"] and "ghosted" in first["body"]
    assert first["url"] == f"/journal/applications/{quiet['id']}"
    sweep(morning(20))
    assert [p["title"] for p in journey(push_service)] == [
        "No news from Acme",
        "No news from Globex",
    ]
    now.value = datetime(2026, 3, 21, 12, 0, tzinfo=UTC)
    moved = api.patch(f"/applications/{quiet['id']}", {"stage": "screen"})
    assert moved.status_code == 200
    sweep(morning(22))
    assert len(journey(push_service)) == 2
    # The screen stage, dated 21 March, is quiet for 14 days on 4 April (summer time).
    sweep(datetime(2026, 4, 4, 7, 0, 20, tzinfo=UTC))
    assert [p["title"] for p in journey(push_service)][-1] == "No news from Acme"
    assert len(journey(push_service)) == 3


def test_no_follow_up_inside_a_break_and_one_the_morning_after(api, device, push_service, sweep):
    device(api)
    application(api, date="2026-03-05")
    assert api.post("/breaks", {"start": "2026-03-19", "end": "2026-03-20"}).status_code == 201
    sweep(morning(19))
    sweep(morning(20))
    assert journey(push_service) == []
    sweep(morning(21))
    assert [p["kind"] for p in journey(push_service)] == ["follow_up"]


def test_a_morning_brings_at_most_three_follow_ups(api, device, push_service, sweep):
    device(api)
    for n in range(5):
        application(api, company=f"Company {n}", date=f"2026-03-0{n + 1}")
    sweep(morning(19))
    titles = sorted(p["title"] for p in journey(push_service))  # sent side by side
    assert titles == [f"No news from Company {n}" for n in range(3)]
    sweep(morning(20))
    assert len(journey(push_service)) == 5


def test_saved_and_closed_applications_get_no_follow_up(api, device, push_service, sweep):
    device(api)
    application(api, date="2026-03-01", stage="saved")
    application(api, date="2026-03-01", stage="ghosted")
    application(api, date="2026-03-01", stage="offer")
    sweep(morning(19))
    assert journey(push_service) == []


def test_after_an_interview_that_went_well_the_plan_says_keep_the_pipeline_full(
    api, scheduled, push_service, sweep
):
    _, booked = scheduled
    api.patch(f"/interviews/{booked['id']}", {"outcome": "went_well"})
    sweep(morning(21))
    [plan] = [r.payload for r in push_service.received if r.payload["kind"] == "plan"]
    assert "keep the pipeline full" in plan["body"]
    sweep(morning(22))
    plans = [r.payload for r in push_service.received if r.payload["kind"] == "plan"]
    assert "pipeline" not in plans[-1]["body"]


def test_an_imported_interview_gets_its_messages(app, api, device, push_service, sweep):
    interview(api, application(api)["id"])
    exported = api.get("/export").get_json()
    newcomer = factories.api_client(app, "newcomer@example.com")
    device(newcomer)
    assert newcomer.post("/import", exported).status_code == 200
    sweep(PREP + SECOND)
    [prep] = journey(push_service)
    assert prep["kind"] == "interview_prep" and prep["title"] == "Tomorrow: interview at Acme"
