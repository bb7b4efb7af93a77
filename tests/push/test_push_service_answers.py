"""What the sweep does with each answer of a push service: delete, retry, give up, keep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.push.conftest import attempts, messages
from tracker import push

SLOT = datetime(2026, 3, 19, 8, 0, tzinfo=UTC)  # the default plan, 09:00 in Berlin


def at(seconds: float) -> datetime:
    return SLOT + timedelta(seconds=seconds)


@pytest.mark.parametrize("status", [404, 410])
def test_an_unsubscribed_browser_is_forgotten(app, api, device, push_service, sweep, status):
    sub = device(api)
    push_service.script(sub["endpoint"], *[status] * 3)
    summary = sweep(at(5))
    assert summary["messages"]["gone"] == 1
    assert api.get("/push/subscriptions").get_json() == []
    assert messages(app) == [("gone", 1, status)]
    assert [a[1:] for a in attempts(app)] == [(status, "gone")]
    # Tomorrow there is no device left to try.
    assert sweep(at(86400 + 5))["slots"]["no_devices"] == 2  # plan and comeback


def test_429_waits_as_long_as_the_service_asks_then_delivers_once(
    app, api, device, push_service, sweep
):
    sub = device(api)
    push_service.script(sub["endpoint"], (429, {"Retry-After": "150"}))
    assert sweep(at(5))["messages"]["retry"] == 1
    assert sweep(at(65))["messages"]["delivered"] == 0  # one minute on: still waiting
    assert sweep(at(125))["messages"]["delivered"] == 0
    assert sweep(at(160))["messages"]["delivered"] == 1  # 150 s after the 429
    assert sweep(at(220))["messages"]["delivered"] == 0
    assert len(push_service.messages_for(sub["endpoint"])) == 1
    assert [a[1:] for a in attempts(app)] == [(429, "retry"), (201, "delivered")]
    assert messages(app) == [("delivered", 2, 201)]


def test_429_with_a_date_is_honoured(api, device, push_service, sweep):
    sub = device(api)
    headers = {
        "Retry-After": "Thu, 19 Mar 2026 08:03:00 GMT",
        "Date": "Thu, 19 Mar 2026 08:00:00 GMT",
    }
    push_service.script(sub["endpoint"], (429, headers))
    sweep(at(5))
    assert sweep(at(125))["messages"]["delivered"] == 0
    assert sweep(at(190))["messages"]["delivered"] == 1


def test_server_errors_are_retried_with_growing_waits_then_delivered_once(
    app, api, device, push_service, sweep
):
    sub = device(api)
    push_service.script(sub["endpoint"], 503, 500, 502)
    delivered_at = []
    for minute in range(12):  # a sweep a minute
        if sweep(at(5 + 60 * minute))["messages"]["delivered"]:
            delivered_at.append(minute)
    # Tries at minute 0, 1 (after 1 min), 3 (after 2), 7 (after 4): the fourth is accepted.
    assert delivered_at == [7]
    assert len(push_service.messages_for(sub["endpoint"])) == 1
    assert [a[1] for a in attempts(app)] == [503, 500, 502, 201]


def test_a_service_that_never_answers_is_retried_after_the_timeout(
    app, api, device, push_service, sweep, monkeypatch
):
    monkeypatch.setattr(push, "TIMEOUT", (2, 0.5))
    sub = device(api)
    push_service.script(sub["endpoint"], 0, hang=1.5)
    assert sweep(at(5))["messages"]["retry"] == 1
    assert [a[1:] for a in attempts(app)] == [(None, "retry")]
    assert sweep(at(65))["messages"]["delivered"] == 1
    assert len(push_service.messages_for(sub["endpoint"])) == 1


def test_retries_stop_when_the_grace_runs_out(app, api, device, push_service, sweep):
    sub = device(api)
    push_service.script(sub["endpoint"], *[503] * 20)
    expired = 0
    for minute in range(40):
        expired += sweep(at(5 + 60 * minute))["messages"]["expired"]
    assert expired == 1
    assert push_service.messages_for(sub["endpoint"]) == []
    # Tries at 0, 1, 3, 7 and 15 minutes; the next (31) would be past the 30-minute grace.
    assert len(attempts(app)) == 5
    assert messages(app) == [("expired", 5, 503)]
    assert len(api.get("/push/subscriptions").get_json()) == 1  # the device stays


@pytest.mark.parametrize("status", [400, 401, 403, 413])
def test_refusals_are_logged_and_the_device_is_kept(app, api, device, push_service, sweep, status):
    sub = device(api)
    push_service.script(sub["endpoint"], status)
    summary = sweep(at(5))
    assert summary["messages"]["failed"] == 1
    assert sweep(at(65))["messages"]["queued"] == 0  # not retried
    assert messages(app) == [("failed", 1, status)]
    assert [a[1:] for a in attempts(app)] == [(status, "failed")]
    assert len(api.get("/push/subscriptions").get_json()) == 1
    sweep(at(86400 + 5))  # tomorrow's plan still goes to that device
    assert len(push_service.messages_for(sub["endpoint"])) == 1


def test_a_device_removed_while_a_message_waits_is_not_sent_to(
    app, api, device, push_service, sweep
):
    sub = device(api)
    push_service.script(sub["endpoint"], 503)
    sweep(at(5))
    [listed] = api.get("/push/subscriptions").get_json()
    assert api.delete(f"/push/subscriptions/{listed['id']}").status_code == 204
    assert sweep(at(65))["messages"]["gone"] == 1
    assert push_service.messages_for(sub["endpoint"]) == []
    assert len(attempts(app)) == 1


def test_a_key_from_another_server_is_refused_by_the_push_service(
    app, api, push_service, local_push, sweep
):
    """A subscription made with another applicationServerKey: the service answers 403."""
    other_key = push_service.subscribe()["keys"]["p256dh"]
    info = push_service.subscribe(server_key=other_key)
    assert api.post("/push/subscriptions", info).status_code == 201
    assert sweep(at(5))["messages"]["failed"] == 1
    assert push_service.refused[0][1:] == (403, "k is not the key this subscription was made with")


def test_a_message_waiting_for_a_browser_that_changed_hands_is_not_sent(
    app, api, other_api, device, push_service, sweep
):
    """One person's reminder must never reach the next person signed in on that browser."""
    sub = device(api)
    push_service.script(sub["endpoint"], 503)
    sweep(at(5))
    assert other_api.post("/push/subscriptions", sub).status_code == 201
    other_api.put("/reminders", [{"kind": "plan", "enabled": False}])  # only A's plan is due
    assert sweep(at(65))["messages"]["gone"] == 1
    assert push_service.messages_for(sub["endpoint"]) == []
    assert len(other_api.get("/push/subscriptions").get_json()) == 1
