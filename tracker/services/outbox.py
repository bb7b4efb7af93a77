"""The queue of messages to send: taking due ones, recording what each send did, retrying
within the grace, and forgetting old history.

Every function flushes at most; the scheduler commits after each step. What is queued comes
from services/deliveries (the claims); services/sending sends it.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy.orm import Session

from tracker.core import reminders as rules
from tracker.core.days import as_utc
from tracker.queries import push as push_queries

SEND_BATCH = 500
# A message a sweep took this long ago and never finished belongs to a process that died.
SEND_LEASE = timedelta(minutes=5)
FIRST_RETRY = timedelta(minutes=1)
# How long what was sent stays on record: long enough to explain what a device got, and far
# beyond the grace, so a slot whose delivery is forgotten can never be due again.
HISTORY = timedelta(days=30)


class Job(NamedTuple):
    """One claimed message to send: to which device, what, and for which slot."""

    message_id: int
    attempts: int
    slot: datetime
    kind: str
    payload: str
    subscription_id: int
    endpoint: str
    p256dh: str
    auth: str
    subject: str | None = None  # what a journey message is about: "interview:42"

    @property
    def topic(self) -> str:
        """The RFC 8030 Topic: a newer message of the same topic replaces one a device has
        not fetched yet. Each interview's and application's messages have their own."""
        return self.kind if self.subject is None else f"{self.kind}-{self.subject.split(':')[1]}"


class Result(NamedTuple):
    """What one send did: `outcome` is delivered, gone (404/410), retry (429, 5xx, timeout,
    network), failed (any other answer, kept for the log) or released (never attempted: the
    sweep was stopping). `retry_after` is the push service's wish in seconds, if any."""

    message_id: int
    subscription_id: int | None
    slot: datetime
    attempts: int
    outcome: str
    http_status: int | None = None
    retry_after: float | None = None
    detail: str = ""


def interrupt_stale(session: Session, now: datetime, counts: Counter) -> None:
    """Messages a sweep took over SEND_LEASE before `now` and never finished (the process
    died mid-send) become interrupted, never sent twice. Once per sweep is enough: a lease
    lasts minutes, a batch seconds."""
    counts["interrupted"] += push_queries.interrupt_stale_sends(session, now - SEND_LEASE)


def take_messages(
    session: Session, now: datetime, counts: Counter, limit: int = SEND_BATCH
) -> list[Job]:
    """Claim up to `limit` messages due at `now` and return the jobs to send.

    A message past its slot's grace expires; one whose device was removed is gone. An empty
    list means nothing is left to send at `now`."""
    while True:
        jobs = push_queries.message_jobs(session, push_queries.claim_messages(session, now, limit))
        if not jobs:
            return []
        ready, settled = [], []
        for row in jobs:
            job = Job(*row)._replace(slot=as_utc(row.slot))
            if job.endpoint is None:
                settled.append(Result(job.message_id, None, job.slot, job.attempts, "no_device"))
            elif now - job.slot > rules.GRACE:
                settled.append(
                    Result(job.message_id, job.subscription_id, job.slot, job.attempts, "expired")
                )
            else:
                ready.append(job)
        record_outcomes(session, now, settled, counts)
        if ready:
            return ready


_SETTLED = {"released": "pending", "no_device": "gone"}


def _next_state(result: Result, now: datetime) -> tuple[str, datetime]:
    if result.outcome != "retry":
        return _SETTLED.get(result.outcome, result.outcome), now
    # After the n-th failed try, wait 2**(n-1) minutes (`attempts` counts the earlier tries).
    wait = FIRST_RETRY * 2**result.attempts
    if result.retry_after is not None:
        wait = max(wait, timedelta(seconds=result.retry_after))
    retry_at = now + wait
    if retry_at - result.slot > rules.GRACE:
        return "expired", retry_at
    return "pending", retry_at


def record_outcomes(session: Session, now: datetime, results: list[Result], counts) -> None:
    """Write each message's new state and log each attempt. Retries wait 1, 2, 4 … minutes
    (longer when the push service asked with Retry-After) and expire when the next try would
    fall past the slot's grace; gone subscriptions are deleted."""
    states, attempts, gone = [], [], set()
    for result in results:
        status, retry_at = _next_state(result, now)
        tried = result.outcome in ("delivered", "gone", "retry", "failed")
        if result.outcome in ("retry", "released") and status == "pending":
            counts[result.outcome] += 1
        else:
            counts[status] += 1
        states.append(
            {
                "message_id": result.message_id,
                "new_status": status,
                "attempts_now": result.attempts + tried,
                "http_status": result.http_status,
                "retry_at": retry_at,
            }
        )
        if tried:
            attempts.append(
                {
                    "message_id": result.message_id,
                    "at": now,
                    "http_status": result.http_status,
                    "outcome": result.outcome,
                    "detail": result.detail[:200],
                }
            )
        if result.outcome == "gone" and result.subscription_id is not None:
            gone.add(result.subscription_id)
    push_queries.finish_messages(session, states)
    push_queries.add_attempts(session, attempts)
    push_queries.delete_subscriptions(session, sorted(gone))


def forget_old(session: Session, now: datetime) -> int:
    """Forget deliveries older than HISTORY with their messages and attempts (the tables would
    otherwise grow by a row per rule per day for as long as the server runs)."""
    return push_queries.delete_deliveries_before(session, now - HISTORY)
