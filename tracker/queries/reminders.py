"""Reminder rules, the deliveries recorded per slot, and the facts a sweep decides by."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import DateTime, Integer, String, bindparam, column, select, update, values
from sqlalchemy.orm import Session

from tracker.core.days import as_utc
from tracker.models import Break, Entry, Goal, PushDelivery, Rejection, ReminderRule, User
from tracker.queries.dialect import dialect_insert


def rules_of_user(session: Session, user_id: int) -> list[ReminderRule]:
    return list(
        session.scalars(
            select(ReminderRule).where(ReminderRule.user_id == user_id).order_by(ReminderRule.id)
        )
    )


def add_rules_if_missing(session: Session, rows: list[dict]) -> None:
    """Insert rules, leaving alone any (user, kind) already stored (two racing requests)."""
    if rows:
        statement = dialect_insert(session, ReminderRule).values(rows)
        session.execute(statement.on_conflict_do_nothing(index_elements=["user_id", "kind"]))


def due_rules(session: Session, now: datetime, limit: int) -> list:
    """Enabled rules whose next fire instant is at or before `now`, earliest first, with the
    owner's current time zone: (id, user_id, kind, local_time, weekday_mask, timezone,
    next_fire_at, user_timezone). On PostgreSQL the rows are locked, skipping rows another
    sweep holds, until the caller's transaction ends."""
    statement = (
        select(
            ReminderRule.id,
            ReminderRule.user_id,
            ReminderRule.kind,
            ReminderRule.local_time,
            ReminderRule.weekday_mask,
            ReminderRule.timezone,
            ReminderRule.next_fire_at,
            User.timezone.label("user_timezone"),
        )
        .join(User, User.id == ReminderRule.user_id)
        .where(ReminderRule.next_fire_at <= now)
        .order_by(ReminderRule.next_fire_at, ReminderRule.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True, of=ReminderRule)
    return list(session.execute(statement).all())


def advance_rules(session: Session, moves: list[tuple[int, datetime, datetime, str]]) -> set[int]:
    """Move each rule (id, seen, next_fire_at, timezone) on from `seen`, only if it still
    fires at `seen`: the conditional UPDATE is the claim, so of two sweeps that read the same
    rule one wins. Returns the ids moved.

    PostgreSQL takes the whole batch in one UPDATE … FROM (VALUES …) RETURNING; SQLite, where
    a statement costs no round trip, one UPDATE per rule.
    """
    if not moves:
        return set()
    table = ReminderRule.__table__
    if session.get_bind().dialect.name == "postgresql":
        batch = values(
            column("rule_id", Integer),
            column("seen", DateTime(timezone=True)),
            column("next_at", DateTime(timezone=True)),
            column("zone", String),
            name="moves",
        ).data(moves)
        statement = (
            update(table)
            .where(table.c.id == batch.c.rule_id, table.c.next_fire_at == batch.c.seen)
            .values(next_fire_at=batch.c.next_at, timezone=batch.c.zone)
            .returning(table.c.id)
        )
        return set(session.scalars(statement))
    statement = (
        update(table)
        .where(table.c.id == bindparam("rule_id"), table.c.next_fire_at == bindparam("seen"))
        .values(next_fire_at=bindparam("next_at"), timezone=bindparam("zone"))
    )
    won = set()
    for rule_id, seen, next_at, zone in moves:
        parameters = {"rule_id": rule_id, "seen": seen, "next_at": next_at, "zone": zone}
        if session.execute(statement, parameters).rowcount == 1:
            won.add(rule_id)
    return won


def rules_in_old_zones(session: Session) -> list:
    """Enabled rules computed in a zone their owner has since left: (id, local_time,
    weekday_mask, next_fire_at, user_timezone)."""
    statement = (
        select(
            ReminderRule.id,
            ReminderRule.local_time,
            ReminderRule.weekday_mask,
            ReminderRule.next_fire_at,
            User.timezone,
        )
        .join(User, User.id == ReminderRule.user_id)
        .where(ReminderRule.next_fire_at.is_not(None), ReminderRule.timezone != User.timezone)
    )
    return list(session.execute(statement).all())


def add_deliveries(session: Session, rows: list[dict]) -> dict[tuple, int]:
    """Record deliveries, one per (rule, slot) and one per (kind, subject, slot): one already
    recorded is left alone. Returns {(rule id, subject, slot): delivery id} of the rows this
    call inserted."""
    if not rows:
        return {}
    statement = dialect_insert(session, PushDelivery).values(rows).on_conflict_do_nothing()
    returning = statement.returning(
        PushDelivery.rule_id, PushDelivery.subject, PushDelivery.slot, PushDelivery.id
    )
    inserted = session.execute(returning)
    return {(rule, subject, as_utc(slot)): id_ for rule, subject, slot, id_ in inserted}


def goal_rows_of_users(session: Session, user_ids: Iterable[int]) -> list:
    """(user_id, id, title, target, weekday_mask, created_on, archived_on) of their goals."""
    statement = select(
        Goal.user_id,
        Goal.id,
        Goal.title,
        Goal.target,
        Goal.weekday_mask,
        Goal.created_on,
        Goal.archived_on,
    ).where(Goal.user_id.in_(list(user_ids)))
    return list(session.execute(statement).all())


def entry_rows_on(session: Session, user_ids: Iterable[int], day: date) -> list:
    """(goal_id, value, skipped) of the users' entries on `day`."""
    statement = (
        select(Entry.goal_id, Entry.value, Entry.skipped)
        .join(Goal, Goal.id == Entry.goal_id)
        .where(Goal.user_id.in_(list(user_ids)), Entry.date == day)
    )
    return list(session.execute(statement).all())


def users_in_break(session: Session, user_ids: Iterable[int], day: date) -> set[int]:
    statement = select(Break.user_id).where(
        Break.user_id.in_(list(user_ids)), Break.start <= day, Break.end >= day
    )
    return set(session.scalars(statement))


def users_rejected_on(session: Session, user_ids: Iterable[int], day: date) -> set[int]:
    statement = select(Rejection.user_id).where(
        Rejection.user_id.in_(list(user_ids)), Rejection.date == day
    )
    return set(session.scalars(statement))


def comeback_switches(session: Session, user_ids: Iterable[int]) -> dict[int, bool]:
    """{user id: whether their comeback rule is on} for users who have one."""
    statement = select(ReminderRule.user_id, ReminderRule.enabled).where(
        ReminderRule.user_id.in_(list(user_ids)), ReminderRule.kind == "comeback"
    )
    return dict(session.execute(statement).all())
