"""Push subscriptions and the queue of messages to send to them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from tracker.models import PushAttempt, PushDelivery, PushMessage, PushSubscription
from tracker.queries.dialect import dialect_insert
from tracker.queries.owned import newest_first, owned_row

_SUBSCRIPTION_UPDATE = ("user_id", "p256dh", "auth", "user_agent", "last_seen_at")


def upsert_subscription(session: Session, values: dict) -> PushSubscription:
    """Insert the subscription, or update the one stored at the same endpoint (whoever owns
    it), in one statement so two racing requests leave one row."""
    statement = dialect_insert(session, PushSubscription).values(values)
    statement = statement.on_conflict_do_update(
        index_elements=[PushSubscription.endpoint],
        set_={name: statement.excluded[name] for name in _SUBSCRIPTION_UPDATE},
    ).returning(PushSubscription)
    subscription = session.scalars(statement, execution_options={"populate_existing": True}).one()
    return subscription


def subscriptions_of_user(session: Session, user_id: int) -> list[PushSubscription]:
    """The user's subscriptions, the one seen most recently first."""
    return newest_first(session, PushSubscription, user_id, PushSubscription.last_seen_at)


def subscription_of_user(
    session: Session, user_id: int, subscription_id: int
) -> PushSubscription | None:
    return owned_row(session, PushSubscription, user_id, subscription_id)


def trim_subscriptions(session: Session, user_id: int, keep: int) -> None:
    """Delete the user's subscriptions beyond the `keep` most recently seen."""
    extra = select(PushSubscription.id).where(PushSubscription.user_id == user_id)
    extra = extra.order_by(PushSubscription.last_seen_at.desc(), PushSubscription.id.desc())
    ids = list(session.scalars(extra.offset(keep)))
    if ids:
        delete_subscriptions(session, ids)


def delete_subscription_at(session: Session, user_id: int, endpoint: str) -> None:
    session.execute(
        delete(PushSubscription).where(
            PushSubscription.user_id == user_id, PushSubscription.endpoint == endpoint
        )
    )


def delete_subscriptions(session: Session, ids: Sequence[int]) -> None:
    if ids:
        session.execute(
            delete(PushSubscription).where(PushSubscription.id.in_(ids)),
            execution_options={"synchronize_session": False},
        )


def subscriptions_of_users(session: Session, user_ids: Iterable[int]) -> dict[int, list[int]]:
    """{user id: [subscription ids]} for the given users (users without any are left out)."""
    found: dict[int, list[int]] = {}
    rows = session.execute(
        select(PushSubscription.user_id, PushSubscription.id)
        .where(PushSubscription.user_id.in_(list(user_ids)))
        .order_by(PushSubscription.id)
    )
    for user_id, subscription_id in rows:
        found.setdefault(user_id, []).append(subscription_id)
    return found


def add_messages(session: Session, rows: list[dict]) -> None:
    if rows:  # one executemany on the table: no ORM bookkeeping per row
        session.execute(insert(PushMessage.__table__), rows)


def claim_messages(session: Session, now: datetime, limit: int) -> list[int]:
    """Mark up to `limit` pending messages due at `now` as being sent at `now`, atomically:
    a conditional UPDATE (rows locked by another sweep are skipped on PostgreSQL), so two
    sweeps never take the same message. Returns the ids taken."""
    due = (
        select(PushMessage.id)
        .where(PushMessage.status == "pending", PushMessage.next_attempt_at <= now)
        .order_by(PushMessage.next_attempt_at, PushMessage.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    statement = (
        update(PushMessage)
        .where(PushMessage.id.in_(due.scalar_subquery()), PushMessage.status == "pending")
        .values(status="sending", claimed_at=now)
        .returning(PushMessage.id)
    )
    return list(session.scalars(statement, execution_options={"synchronize_session": False}))


def message_jobs(session: Session, ids: Sequence[int]) -> list:
    """What sending each claimed message needs: (message id, attempts, slot, kind, payload,
    subscription id, endpoint, p256dh, auth, subject); the subscription columns are None
    when it was deleted or moved to another user meanwhile."""
    if not ids:
        return []
    statement = (
        select(
            PushMessage.id,
            PushMessage.attempts,
            PushDelivery.slot,
            PushDelivery.kind,
            PushDelivery.payload,
            PushSubscription.id,
            PushSubscription.endpoint,
            PushSubscription.p256dh,
            PushSubscription.auth,
            PushDelivery.subject,
        )
        .join(PushDelivery, PushDelivery.id == PushMessage.delivery_id)
        # A subscription that moved to another user since (a shared browser) counts as gone:
        # one person's reminder never reaches the next person's screen.
        .outerjoin(
            PushSubscription,
            (PushSubscription.id == PushMessage.subscription_id)
            & (PushSubscription.user_id == PushDelivery.user_id),
        )
        .where(PushMessage.id.in_(list(ids)))
        .order_by(PushMessage.id)
    )
    return list(session.execute(statement).all())


def finish_messages(session: Session, rows: list[dict]) -> None:
    """Write each message's new state from rows of `message_id`, `new_status`, `attempts_now`,
    `http_status` and `retry_at` (claimed_at is cleared): one UPDATE … WHERE id IN (…) per
    distinct state, so a batch whose messages were all delivered at the first try is one
    statement."""
    states: dict[tuple, list[int]] = {}
    for row in rows:
        state = (row["new_status"], row["attempts_now"], row["http_status"], row["retry_at"])
        states.setdefault(state, []).append(row["message_id"])
    table = PushMessage.__table__
    for (status, attempts, http_status, retry_at), ids in states.items():
        session.execute(
            update(table)
            .where(table.c.id.in_(ids))
            .values(
                status=status,
                attempts=attempts,
                last_status=http_status,
                next_attempt_at=retry_at,
                claimed_at=None,
            )
        )


def add_attempts(session: Session, rows: list[dict]) -> None:
    if rows:  # one executemany on the table, as add_messages
        session.execute(insert(PushAttempt.__table__), rows)


def interrupt_stale_sends(session: Session, claimed_before: datetime) -> int:
    """Messages a sweep took before `claimed_before` and never finished (the process died
    mid-send) become `interrupted`: whether they reached the device is unknown, and sending
    again could show a reminder twice. Returns how many."""
    result = session.execute(
        update(PushMessage)
        .where(PushMessage.status == "sending", PushMessage.claimed_at < claimed_before)
        .values(status="interrupted", claimed_at=None),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount or 0


def delete_deliveries_before(session: Session, cutoff: datetime) -> int:
    """Delete the deliveries of slots before `cutoff`, and with them (the foreign keys cascade)
    their messages and attempts; how many deliveries went."""
    statement = delete(PushDelivery).where(PushDelivery.slot < cutoff)
    result = session.execute(statement, execution_options={"synchronize_session": False})
    return result.rowcount
