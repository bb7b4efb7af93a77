"""The sweep's claims: due rules, follow-ups of quiet applications and interview messages,
each recorded as one delivery before anything is sent, with a message queued per device
(services/outbox takes them from there).

Every function flushes at most; the scheduler commits after each step, so a claim is durable
before the first byte goes out.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

from sqlalchemy.orm import Session

from tracker.core import journey_messages as journey
from tracker.core import practice_bank
from tracker.core import reminders as rules
from tracker.core.days import as_utc, local_date
from tracker.core.reminders import DayFacts
from tracker.queries import journey as journey_queries
from tracker.queries import push as push_queries
from tracker.queries import reminders as rule_queries
from tracker.services.applications import FOLLOW_UP_STAGES, QUIET_DAYS

CLAIM_BATCH = 200


@dataclass(frozen=True)
class Claimed:
    """A rule this sweep claimed: whose it is, its kind and zone, and what to do now."""

    rule_id: int
    user_id: int
    kind: str
    timezone: str
    claim: rules.Claim


def claim_due(
    session: Session, now: datetime, counts: Counter, base_url: str, limit: int = CLAIM_BATCH
) -> int:
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
    _record(session, now, claimed, counts, base_url)
    return len(rows)


def _record(session: Session, now: datetime, claimed: list[Claimed], counts, base_url) -> None:
    devices = push_queries.subscriptions_of_users(session, {c.user_id for c in claimed})
    facts = _facts(
        session,
        {
            (c.user_id, local_date(c.claim.slot, c.timezone))
            for c in claimed
            if c.claim.slot and c.user_id in devices
        },
    )
    deliveries, sending, mornings = [], {}, {}
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
        if item.kind in (rules.PLAN, rules.COMEBACK) and not day_facts.in_break:
            mornings.setdefault(item.user_id, (item.claim.slot, day_facts))
        verdict = rules.decide(item.kind, day_facts)
        if verdict != rules.SEND:
            counts[f"quiet_{verdict}"] += 1
            # A comeback morning without a rejection is every ordinary morning: not logged.
            if verdict != rules.QUIET_NO_REJECTION:
                deliveries.append(_delivery(item, item.claim.slot, now, "quiet", verdict))
            continue
        payload = _payload(rules.message(item.kind, day_facts), day_facts, base_url)
        deliveries.append(_delivery(item, item.claim.slot, now, "queued", None, payload))
        sending[(item.rule_id, None, item.claim.slot)] = devices[item.user_id]
    _follow_ups(session, now, mornings, devices, (deliveries, sending, counts), base_url)
    _queue(session, now, deliveries, sending, counts)


def _queue(session: Session, now: datetime, deliveries: list, sending: dict, counts) -> None:
    """Record `deliveries` (a slot already recorded is left alone) and queue a message to
    each device of `sending` ({(rule id, subject, slot): subscription ids}) whose delivery
    this call recorded."""
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


def _payload(message: dict, facts: rules.DayFacts, base_url: str) -> str:
    """A message as stored and sent: with its declarative push message, whose app badge is
    the number of goals still open on the day of `facts` (SPEC section 5)."""
    badge = len(facts.open_goals())
    return json.dumps(rules.declarative(message, base_url, badge), separators=(",", ":"))


def _delivery(item: Claimed, slot, now, status, reason, payload=None) -> dict:
    day = local_date(slot, item.timezone)
    row = _row(item.user_id, item.kind, slot, day, now, status, reason, payload)
    return row | {"rule_id": item.rule_id}


def _row(user_id, kind, slot, day, now, status, reason=None, payload=None, subject=None) -> dict:
    """A delivery of `kind` to `user_id` at the instant `slot`, on their local date `day`."""
    return {
        "user_id": user_id,
        "kind": kind,
        "rule_id": None,
        "subject": subject,
        "slot": slot,
        "local_date": day,
        "status": status,
        "reason": reason,
        "payload": payload,
        "created_at": now,
    }


def _follow_ups(session, now, mornings: dict, devices: dict, out: tuple, base_url: str) -> None:
    """At each user's morning slot (`mornings`: {user id: (slot, the day's facts)}, outside
    their breaks), one `follow_up` for each application quiet for QUIET_DAYS, once per quiet
    spell: at most FOLLOW_UPS_PER_MORNING a morning, the longest quiet first. Adds to `out`,
    (deliveries, sending, counts) as _record keeps them."""
    deliveries, sending, counts = out
    by_day: dict[date, set[int]] = defaultdict(set)
    for user_id, (_slot, day_facts) in mornings.items():
        by_day[day_facts.day].add(user_id)
    for day, users in by_day.items():
        since = day - timedelta(days=QUIET_DAYS)
        found = journey_queries.quiet_applications(session, users, FOLLOW_UP_STAGES, since)
        taken: Counter = Counter()
        for row in found:
            if taken[row.user_id] == journey.FOLLOW_UPS_PER_MORNING:
                continue
            if not journey_queries.claim_follow_up(session, row.id, row.last_change):
                counts["lost"] += 1
                continue
            taken[row.user_id] += 1
            slot, day_facts = mornings[row.user_id]
            quiet = journey.QuietApplication(*row[1:])
            subject = f"application:{row.id}"
            message = journey.follow_up_message(quiet, day)
            payload = _payload(message, day_facts, base_url)
            deliveries.append(
                _row(
                    row.user_id, journey.FOLLOW_UP, slot, day, now, "queued", None, payload, subject
                )
            )
            sending[(None, subject, slot)] = devices[row.user_id]
            counts[journey.FOLLOW_UP] += 1


def claim_interview_messages(
    session: Session, now: datetime, counts: Counter, base_url: str
) -> None:
    """Claim the interview messages due at `now` (within the grace: an older one is skipped,
    as a rule's stale slot is), record their deliveries and queue them, as claim_due does for
    rules. Interview messages go inside breaks too (SPEC section 5)."""
    deliveries, sending = [], {}
    for kind in journey.INTERVIEW_KINDS:
        column = journey.COLUMNS[kind]
        rows = journey_queries.due_interviews(session, column, now - rules.GRACE, now)
        seen = [(row.id, row.due) for row in rows]
        won = journey_queries.claim_interview_messages(session, column, seen)
        counts["lost"] += len(rows) - len(won)
        claimed = [row for row in rows if row.id in won]
        devices = push_queries.subscriptions_of_users(session, {r.user_id for r in claimed})
        days = {
            (r.user_id, local_date(as_utc(r.due), r.timezone))
            for r in claimed
            if r.user_id in devices
        }
        day_facts = _facts(session, days)
        for row in claimed:
            if row.user_id not in devices:
                counts["no_devices"] += 1
                continue
            slot = as_utc(row.due)
            day = local_date(slot, row.timezone)
            facts = _interview_facts(row)
            subject = f"interview:{row.id}"
            logged = partial(_row, row.user_id, kind, slot, day, now, subject=subject)
            quiet = journey.decide(kind, facts)
            if quiet is not None:
                counts[f"quiet_{quiet}"] += 1
                deliveries.append(logged("quiet", reason=quiet))
                continue
            pick = practice_bank.daily_pick(row.user_id, day, practice_bank.items_for(row.kind))
            message = journey.interview_message(kind, facts, pick)
            payload = _payload(message, day_facts[(row.user_id, day)], base_url)
            deliveries.append(logged("queued", payload=payload))
            sending[(None, subject, slot)] = devices[row.user_id]
            counts[kind] += 1
    _queue(session, now, deliveries, sending, counts)


def _interview_facts(row) -> journey.InterviewFacts:
    """An interview as its messages speak of it, from a row of queries.due_interviews."""
    return journey.InterviewFacts(
        id=row.id,
        application_id=row.application_id,
        company=row.company,
        role=row.role,
        kind=row.kind,
        starts_at=row.starts_at,
        duration_minutes=row.duration_minutes,
        location=row.location,
        stage=row.stage,
        outcome=row.outcome,
    )


def day_facts(session: Session, user_id: int, day: date) -> DayFacts:
    """What the reminders know of one user's local `day` (goals, entries, break, ...)."""
    return _facts(session, {(user_id, day)})[(user_id, day)]


def _facts(session: Session, wanted: set[tuple[int, date]]) -> dict[tuple[int, date], DayFacts]:
    """The facts of each (user, local date) of `wanted`, read in a few queries per date."""
    by_day: dict[date, set[int]] = defaultdict(set)
    for user_id, day in wanted:
        by_day[day].add(user_id)
    users = {user_id for user_id, _day in wanted}
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
        went_well = journey_queries.users_went_well_on(session, ids, day - timedelta(days=1))
        for user_id in ids:
            found[(user_id, day)] = rules.DayFacts(
                day=day,
                goals=tuple(goals[user_id]),
                entries=entries[user_id],
                in_break=user_id in resting,
                rejected_yesterday=user_id in rejected,
                comeback_enabled=switches.get(user_id, True),
                went_well_yesterday=user_id in went_well,
            )
    return found
