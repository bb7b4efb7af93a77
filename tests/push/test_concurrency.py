"""Sweeps that race, and a reminder process stopped in the middle of one: every slot once."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from tests import factories, servers
from tests.push.conftest import deliveries, make_plans_due, messages
from tracker import scheduler
from tracker.extensions import db
from tracker.models import PushMessage, ReminderRule
from tracker.queries import reminders as rule_queries
from tracker.services import deliveries as deliveries_service

SLOT = datetime(2026, 3, 19, 8, 0, tzinfo=UTC)  # the default plan, 09:00 in Berlin


def many_devices(app, device, users: int, per_user: int) -> list[str]:
    endpoints = []
    for n in range(users):
        api = factories.api_client(app, f"person{n}@example.com")
        endpoints += [device(api)["endpoint"] for _ in range(per_user)]
    return endpoints


def received_once(push_service, endpoints) -> bool:
    counts = Counter(r.token for r in push_service.received)
    return all(counts[e.rsplit("/", 1)[1]] == 1 for e in endpoints) and len(counts) == len(
        endpoints
    )


def test_three_sweeps_racing_in_threads_send_each_slot_once(app, now, device, push_service):
    endpoints = many_devices(app, device, users=10, per_user=2)
    push_service.delay = 0.02  # keep the sends of the three sweeps overlapping
    start, summaries = threading.Barrier(3), []

    def racer() -> None:
        start.wait()
        summaries.append(scheduler.sweep(app, SLOT + timedelta(seconds=5), workers=4))

    threads = [threading.Thread(target=racer) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(summaries) == 3
    # 10 plans and 10 comebacks due, and 10 of yesterday's nudges found stale.
    assert sum(s["rules"]["rules"] for s in summaries) == 30
    assert sum(s["slots"]["stale"] for s in summaries) == 10
    assert sum(s["messages"]["delivered"] for s in summaries) == 20
    assert received_once(push_service, endpoints)
    assert deliveries(app).count(("plan", "queued", None)) == 10


def test_a_slot_is_recorded_once_even_if_two_claims_got_through(app, api, device):
    """The unique constraint on (rule, slot) backs up the conditional UPDATE."""
    device(api)
    with app.app_context():
        rule_id, user_id = db.session.execute(
            db.select(ReminderRule.id, ReminderRule.user_id).where(ReminderRule.kind == "plan")
        ).one()
        row = {
            "user_id": user_id,
            "kind": "plan",
            "rule_id": rule_id,
            "subject": None,
            "slot": SLOT,
            "local_date": SLOT.date(),
            "status": "queued",
            "reason": None,
            "payload": "{}",
            "created_at": SLOT,
        }
        first = rule_queries.add_deliveries(db.session, [row])
        second = rule_queries.add_deliveries(db.session, [row])
        db.session.commit()
        db.session.remove()
    assert list(first) == [(rule_id, None, SLOT)] and second == {}
    assert deliveries(app) == [("plan", "queued", None)]


def _environment(app, tmp_path) -> dict[str, str]:
    return servers.environment(app, tmp_path, **servers.push_environment(app))


def _flask(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", "--app", "tracker", *args]


def test_three_sweep_processes_racing_send_each_slot_once(app, now, device, push_service, tmp_path):
    endpoints = many_devices(app, device, users=6, per_user=2)
    now = (SLOT + timedelta(seconds=5)).isoformat()
    env = _environment(app, tmp_path)
    runs = [
        subprocess.Popen(
            _flask("reminders", "sweep", "--now", now),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    summaries = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err[-2000:]
        summaries.append(json.loads(out.strip().splitlines()[-1]))
    assert sum(s["messages"]["delivered"] for s in summaries) == 12
    assert sum(s["slots"]["queued"] for s in summaries) == 6
    assert received_once(push_service, endpoints)


def test_stopping_the_reminder_process_mid_sweep_sends_nothing_twice(
    app, device, push_service, tmp_path
):
    endpoints = many_devices(app, device, users=20, per_user=2)
    # The process uses the real clock.
    make_plans_due(app, datetime.now(UTC) - timedelta(seconds=30))
    push_service.delay = 0.5
    process = subprocess.Popen(
        _flask("reminders", "run"),
        env=_environment(app, tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while push_service.started == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert push_service.started, "the process never started sending"
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            print(process.communicate()[1][-5000:])
    assert process.returncode == 0, err[-2000:]
    delivered_before = len(push_service.received)
    states = Counter(status for status, *_ in messages(app))
    # Requests already on the wire finished and were recorded; the rest went back to the queue.
    assert states["sending"] == 0
    assert states["delivered"] == delivered_before
    assert 0 < delivered_before < 40 and states["pending"] == 40 - delivered_before
    # The next sweep sends the rest, and nothing twice.
    push_service.delay = 0
    summary = scheduler.sweep(app, datetime.now(UTC))
    assert summary["messages"]["delivered"] == 40 - delivered_before
    assert received_once(push_service, endpoints)


def test_messages_a_dead_sweep_left_half_sent_are_never_sent_again(app, api, device, push_service):
    device(api)
    with app.app_context():
        deliveries_service.claim_due(db.session, SLOT, Counter(), app.config["BASE_URL"])
        # The process took the message, then died before recording what the send did.
        db.session.execute(update(PushMessage).values(status="sending", claimed_at=SLOT))
        db.session.commit()
        db.session.remove()
    within_lease = scheduler.sweep(app, SLOT + timedelta(minutes=4))
    assert within_lease["messages"]["interrupted"] == 0
    assert [row[0] for row in messages(app)] == ["sending"]
    after_lease = scheduler.sweep(app, SLOT + timedelta(minutes=6))
    assert after_lease["messages"]["interrupted"] == 1
    assert after_lease["messages"]["delivered"] == 0
    assert [row[0] for row in messages(app)] == ["interrupted"]
    assert push_service.received == []
