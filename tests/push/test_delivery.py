"""What reaches a device: one valid, decryptable message per slot, with the agreed payload."""

from __future__ import annotations

from datetime import UTC, datetime

from tests import factories
from tests.api.expect import error
from tests.push.conftest import attempts, deliveries, messages, rows
from tools.push_service import PushService
from tracker.core.days import as_utc
from tracker.extensions import db

PLAN_SLOT = datetime(2026, 3, 19, 8, 0, tzinfo=UTC)  # 09:00 in Berlin, the default plan
NUDGE_SLOT = datetime(2026, 3, 18, 18, 0, tzinfo=UTC)  # 19:00 in Berlin, the default nudge


def test_the_plan_arrives_once_signed_and_encrypted_for_the_device(
    app, api, device, push_service, sweep
):
    sub = device(api)
    assert sweep(datetime(2026, 3, 19, 7, 59, 59, tzinfo=UTC))["messages"]["queued"] == 0
    summary = sweep(datetime(2026, 3, 19, 8, 0, 20, tzinfo=UTC))
    assert summary["messages"]["delivered"] == 1
    assert sweep(datetime(2026, 3, 19, 8, 1, 20, tzinfo=UTC))["messages"]["queued"] == 0
    assert push_service.refused == []
    [received] = push_service.received
    body = "Today: Send 1 application · Practise 1 interview answer · Write a short reflection"
    assert received.payload == {
        "kind": "plan",
        "title": "Today's plan",
        "body": body,
        "url": "/",
        "tag": "bring-it-on-plan",
        "actions": [],
        "data": {"url": "/"},
        # The declarative push message (what Safari shows without the service worker).
        "web_push": 8030,
        "notification": {
            "title": "Today's plan",
            "body": body,
            "navigate": app.config["BASE_URL"] + "/",
            "tag": "bring-it-on-plan",
            "lang": "en",
        },
        "app_badge": 3,
        "mutable": True,
    }
    assert push_service.messages_for(sub["endpoint"]) == [received.payload]
    # The service checked the JWT; these are the claims it accepted.
    assert received.claims["aud"] == push_service.origin
    assert received.claims["sub"] == "mailto:admin@localhost"
    assert received.ttl == 4 * 3600 and received.urgency == "normal" and received.topic == "plan"


def test_every_device_of_the_user_gets_the_message(api, device, push_service, sweep):
    endpoints = {device(api)["endpoint"] for _ in range(3)}
    sweep(datetime(2026, 3, 19, 8, 0, 5, tzinfo=UTC))
    assert sorted(len(push_service.messages_for(e)) for e in endpoints) == [1, 1, 1]


def test_each_push_service_sees_its_own_audience(app, api, other_api, device, sweep):
    """pywebpush writes `aud` into the claims it is given: a shared dict would carry the
    first service's origin to the second, which would refuse the JWT."""
    second = PushService().start()
    try:
        device(api)
        info = second.subscribe(app.config["VAPID_PUBLIC_KEY"])
        assert other_api.post("/push/subscriptions", info).status_code == 201
        sweep(datetime(2026, 3, 19, 8, 0, 5, tzinfo=UTC))
        assert second.refused == []
        [received] = second.received
        assert received.claims["aud"] == second.origin
    finally:
        second.stop()


def test_the_nudge_offers_to_check_in_a_goal_from_the_notification(
    api, device, push_service, sweep
):
    device(api)
    api.put(f"/goals/{api.goal_ids()['apply']}/entries/2026-03-18", {"skipped": True})
    sweep(datetime(2026, 3, 18, 18, 0, 5, tzinfo=UTC))
    [received] = push_service.received
    payload = received.payload
    practice = api.goal_ids()["practice"]
    assert payload["kind"] == "nudge" and payload["tag"] == "bring-it-on-nudge"
    assert payload["actions"] == [{"action": "done", "title": "Mark done"}]
    assert payload["data"] == {"goal_id": practice, "date": "2026-03-18", "url": "/"}
    assert received.ttl == 2 * 3600 and received.topic == "nudge"
    # The badge counts what is still open today: the skipped goal is settled.
    assert payload["app_badge"] == 2 and payload["web_push"] == 8030
    # What the worker does with the action: check the goal in for that date.
    data = payload["data"]
    answer = api.put(f"/goals/{data['goal_id']}/entries/{data['date']}", {})
    assert answer.status_code == 200 and answer.get_json()["done"] is True


def test_a_test_notification_goes_to_one_device_at_once(app, api, device, push_service, now):
    first, second = device(api), device(api)
    api.put(f"/goals/{api.goal_ids()['apply']}/entries/2026-03-18", {})
    ids = {d["endpoint"]: d["id"] for d in api.get("/push/subscriptions").get_json()}
    answer = api.post(f"/push/subscriptions/{ids[first['endpoint']]}/test")
    assert answer.status_code == 200
    assert answer.get_json() == {"outcome": "delivered", "status": 201}
    [payload] = push_service.messages_for(first["endpoint"])
    assert payload["kind"] == "test" and payload["tag"] == "bring-it-on-test"
    assert payload["web_push"] == 8030 and payload["mutable"] is True
    assert payload["notification"]["navigate"] == app.config["BASE_URL"] + "/"
    assert payload["app_badge"] == 2  # of today's three goals, one is done
    assert push_service.messages_for(second["endpoint"]) == []


def test_a_test_notification_to_an_unsubscribed_browser_removes_the_device(
    api, device, push_service
):
    sub = device(api)
    push_service.script(sub["endpoint"], gone=True)
    [listed] = api.get("/push/subscriptions").get_json()
    answer = api.post(f"/push/subscriptions/{listed['id']}/test")
    assert answer.get_json() == {"outcome": "gone", "status": 410}
    assert api.get("/push/subscriptions").get_json() == []
    error(api.post(f"/push/subscriptions/{listed['id']}/test"), 404)


def test_a_test_notification_says_when_the_service_is_busy(api, device, push_service):
    sub = device(api)
    push_service.script(sub["endpoint"], (429, {"Retry-After": "30"}))
    [listed] = api.get("/push/subscriptions").get_json()
    answer = api.post(f"/push/subscriptions/{listed['id']}/test")
    assert answer.get_json() == {"outcome": "retry", "status": 429}
    assert len(api.get("/push/subscriptions").get_json()) == 1


def test_every_attempt_is_logged(app, api, device, sweep):
    device(api)
    sweep(datetime(2026, 3, 19, 8, 0, 5, tzinfo=UTC))
    assert [a[1:] for a in attempts(app)] == [(201, "delivered")]
    assert deliveries(app)[-1] == ("plan", "queued", None)


def test_users_without_devices_cost_a_rule_update_and_nothing_else(app, api, sweep):
    factories.make_user(app, "no-devices@example.com")
    api.put("/reminders", [])  # rules exist, no device
    summary = sweep(datetime(2026, 3, 19, 8, 0, 5, tzinfo=UTC))
    assert summary["slots"]["no_devices"] == 2 and summary["messages"]["queued"] == 0
    assert deliveries(app) == []


def test_a_proxy_named_in_the_environment_is_used(api, device, push_service, sweep, monkeypatch):
    device(api)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    summary = sweep(datetime(2026, 3, 19, 8, 0, 5, tzinfo=UTC))
    assert summary["messages"]["retry"] == 1 and push_service.received == []
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # ... and so is its list of exceptions
    assert sweep(datetime(2026, 3, 19, 8, 1, 5, tzinfo=UTC))["messages"]["delivered"] == 1


def test_what_was_sent_is_forgotten_after_thirty_days(app, api, device, sweep):
    from datetime import timedelta

    from tracker.models import PushDelivery
    from tracker.services import outbox as delivery_service

    device(api)
    # 09:00 in Berlin: 08:00 UTC in March, 07:00 UTC once summer time has begun.
    sweep(datetime(2026, 3, 19, 8, 0, 5, tzinfo=UTC))  # the plan of 19 March
    sweep(datetime(2026, 4, 20, 7, 0, 5, tzinfo=UTC))  # the plan of 20 April (and stale slots)
    assert len(messages(app)) == 2 and len(attempts(app)) == 2
    slots = [as_utc(slot) for (slot,) in rows(app, PushDelivery.slot)]
    first_plan = datetime(2026, 3, 19, 8, 0, tzinfo=UTC)

    def forget(now: datetime) -> int:
        with app.app_context():
            count = delivery_service.forget_old(db.session, now)
            db.session.commit()
        return count

    assert forget(min(slots) + timedelta(days=30)) == 0  # exactly 30 days old: kept
    cutoff = first_plan + timedelta(seconds=1)
    assert forget(cutoff + timedelta(days=30)) == sum(slot < cutoff for slot in slots) == 2
    left = [as_utc(slot) for (slot,) in rows(app, PushDelivery.slot)]
    assert left == sorted(slot for slot in slots if slot >= cutoff) and left
    # The March plan's message and attempt went with it; April's stay.
    assert len(messages(app)) == 1 and len(attempts(app)) == 1
    # The rule carries on: the next morning's plan still arrives once.
    assert sweep(datetime(2026, 4, 21, 7, 0, 5, tzinfo=UTC))["messages"]["delivered"] == 1
