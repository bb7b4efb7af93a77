"""Sending with push: the sweep's claimed messages, and the test notification of one device.

tracker/push.py does the sending with plain values; here it meets the database: what each
send did becomes a outbox.Result (which record_outcomes writes down), and a device the
push service calls gone is forgotten.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from datetime import date

from sqlalchemy.orm import Session

from tracker import push
from tracker.core import reminders as rules
from tracker.models import PushSubscription
from tracker.services import deliveries, push_subscriptions
from tracker.services.outbox import Job, Result

log = logging.getLogger(__name__)


def _message(job: Job) -> push.Message:
    payload = job.payload.encode()
    return push.Message(
        job.endpoint, job.p256dh, job.auth, payload, rules.ttl_for(job.kind), job.topic
    )


def _result(job: Job, sent: push.Sent | None) -> Result:
    if sent is None:  # never attempted: the sweep was stopping
        return Result(job.message_id, job.subscription_id, job.slot, job.attempts, "released")
    if sent.outcome != "delivered":
        log.info("push %s: %s %s", job.message_id, sent.outcome, sent.detail)
    return Result(
        job.message_id,
        job.subscription_id,
        job.slot,
        job.attempts,
        sent.outcome,
        sent.http_status,
        sent.retry_after,
        sent.detail,
    )


def send_jobs(
    jobs: list[Job],
    sender: push.Sender,
    vapid: push.Vapid,
    stop: threading.Event | None = None,
    *,
    now: float,
) -> list[Result]:
    """Send the claimed jobs with the sweep's `sender` and return one Result per job, in order.

    `now` is the real time in seconds since the epoch, which the VAPID headers are signed
    against (push services check their expiry with their own clock), not the sweep's instant.
    Once `stop` is set, jobs not yet started come back `released` (the sweep puts them back
    in the queue) while requests already on the wire finish and are recorded. Touches no
    database: the caller records the results (outbox.record_outcomes).
    """
    sent = sender.send_all([_message(job) for job in jobs], vapid, stop, now=now)
    return [_result(job, answer) for job, answer in zip(jobs, sent, strict=True)]


def send_test(
    session: Session, device: PushSubscription, config: Mapping, today: date
) -> push.Sent:
    """Send the test notification to one device now (the settings page waits for it), with
    the app's keys and address in `config` and the app badge of the owner's local `today`,
    and return what the push service did; a device it calls gone is forgotten (the caller
    commits)."""
    facts = deliveries.day_facts(session, device.user_id, today)
    payload = rules.declarative(rules.trial_message(), config["BASE_URL"], len(facts.open_goals()))
    message = push.Message(
        device.endpoint,
        device.p256dh,
        device.auth,
        json.dumps(payload).encode(),
        rules.ttl_for("test"),
        "test",
    )
    vapid = push.Vapid.from_config(config)
    client = push.http_session(1)
    try:
        sent = push.send(message, vapid, client)
    finally:
        client.close()
    if sent.outcome == "gone":
        push_subscriptions.forget(session, [device.id])
    return sent
