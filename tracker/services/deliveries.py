"""The sweep's bookkeeping: claiming due rules, recording one delivery per (rule, slot) before
anything is sent, queueing a message per device, and recording what each send did.

Every function flushes at most; the scheduler commits after each step, so a claim is durable
before the first byte goes out.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy.orm import Session

from tracker.core import reminders as rules
from tracker.core.days import as_utc, local_date
from tracker.queries import push as push_queries
from tracker.queries import reminders as rule_queries

CLAIM_BATCH = 200
SEND_BATCH = 500
# A message a sweep took this long ago and never finished belongs to a process that died.
SEND_LEASE = timedelta(minutes=5)
FIRST_RETRY = timedelta(minutes=1)
# How long what was sent stays on record: long enough to explain what a device got, and far
# beyond the grace, so a slot whose delivery is forgotten can never be due again.
HISTORY = timedelta(days=30)


@dataclass(frozen=True)
class Claimed:
    """A rule this sweep claimed: whose it is, its kind and zone, and what to do now."""

    rule_id: int
    user_id: int
    kind: str
    timezone: str
    claim: rules.Claim


def claim_due(session: Session, now: datetime, counts: Counter, limit: int = CLAIM_BATCH) -> int:
    """Claim up to `limit` rules due at `now`, record their deliveries and queue their
    messages; add what happened to `counts`. Returns how many due rules were read (0 when
    none is left).

    A rule is claimed by moving its next fire instant on with a conditional UPDATE, so two
    sweeps never both claim a slot; the (rule, slot) unique constraint backs that up.
    """
    rows = rule_queries.due_rules(session, now, limit)
    moves, claims = [], {}
    for row in rows:
        timezone = row.user_timezone
        if timezone != row.timezone:  # the user moved: start afresh in the new zone
            new = rules.next_fire(row.local_time, row.weekday_mask, timezone, now)
            moves.append((row.id, row.next_fire_at, new, timezone))
            continue
        due = as_utc(row.next_fire_at)
        claim = rules.claim(due, row.local_time, row.weekday_mask, timezone, now)
        moves.append((row.id, row.next_fire_at, claim.next_fire_at, timezone))
        claims[row.id] = Claimed(row.id, row.user_id, row.kind, timezone, claim)
    won = rule_queries.advance_rules(session, moves)
    claimed = [claims[rule_id] for rule_id in claims if rule_id in won]
    counts["moved"] += len(won - set(claims))
    counts["lost"] += len(set(claims) - won)
    counts["rules"] += len(claimed)
    _record(session, now, claimed, counts)
    return len(rows)


def _record(session: Session, now: datetime, claimed: list[Claimed], counts: Counter) -> None:
    devices = push_queries.subscriptions_of_users(session, {c.user_id for c in claimed})
    facts = _facts(session, [c for c in claimed if c.claim.slot and c.user_id in devices])
    deliveries, sending = [], {}
    for item in claimed:
        if item.claim.stale is not None:
            counts["stale"] += 1
            if item.user_id in devices:  # logged where a message was missed, not elsewhere
                deliveries.append(
                    _delivery(item, item.claim.stale, now, "quiet", rules.QUIET_STALE)
                )
        if item.claim.slot is None:
            continue
        if item.user_id not in devices:
            counts["no_devices"] += 1
            continue
        day_facts = facts[(item.user_id, local_date(item.claim.slot, item.timezone))]
        verdict = rules.decide(item.kind, day_facts)
        if verdict != rules.SEND:
            counts[f"quiet_{verdict}"] += 1
            # A comeback morning without a rejection is every ordinary morning: not logged.
            if verdict != rules.QUIET_NO_REJECTION:
                deliveries.append(_delivery(item, item.claim.slot, now, "quiet", verdict))
            continue
        payload = json.dumps(rules.message(item.kind, day_facts), separators=(",", ":"))
        deliveries.append(_delivery(item, item.claim.slot, now, "queued", None, payload))
        sending[(item.rule_id, item.claim.slot)] = devices[item.user_id]
    ids = rule_queries.add_deliveries(session, deliveries)
    messages = [
        {
            "delivery_id": ids[key],
            "subscription_id": subscription_id,
            "status": "pending",
            "attempts": 0,
            "next_attempt_at": now,
        }
        for key, subscriptions in sending.items()
        if key in ids
        for subscription_id in subscriptions
    ]
    counts["queued"] += sum(1 for key in sending if key in ids)
    counts["messages"] += len(messages)
    push_queries.add_messages(session, messages)


def _delivery(item: Claimed, slot, now, status, reason, payload=None) -> dict:
    return {
        "rule_id": item.rule_id,
        "slot": slot,
        "local_date": local_date(slot, item.timezone),
        "status": status,
        "reason": reason,
        "payload": payload,
        "created_at": now,
    }


def _facts(session: Session, claimed: list[Claimed]) -> dict[tuple[int, date], rules.DayFacts]:
    """The facts of each (user, local date of the slot), read in a few queries per date."""
    by_day: dict[date, set[int]] = defaultdict(set)
    for item in claimed:
        by_day[local_date(item.claim.slot, item.timezone)].add(item.user_id)
    users = {c.user_id for c in claimed}
    goals: dict[int, list[rules.GoalFacts]] = defaultdict(list)
    owner: dict[int, int] = {}
    for user_id, *goal in rule_queries.goal_rows_of_users(session, users) if users else ():
        goals[user_id].append(rules.GoalFacts(*goal))
        owner[goal[0]] = user_id
    switches = rule_queries.comeback_switches(session, users) if users else {}
    found = {}
    for day, ids in by_day.items():
        entries: dict[int, dict[int, tuple[int, bool]]] = defaultdict(dict)
        for goal_id, value, skipped in rule_queries.entry_rows_on(session, ids, day):
            entries[owner[goal_id]][goal_id] = (value, skipped)
        resting = rule_queries.users_in_break(session, ids, day)
        rejected = rule_queries.users_rejected_on(session, ids, day - timedelta(days=1))
        for user_id in ids:
            found[(user_id, day)] = rules.DayFacts(
                day=day,
                goals=tuple(goals[user_id]),
                entries=entries[user_id],
                in_break=user_id in resting,
                rejected_yesterday=user_id in rejected,
                comeback_enabled=switches.get(user_id, True),
            )
    return found


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
