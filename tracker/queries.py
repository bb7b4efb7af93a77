"""Every select() of the app: small functions taking a session; they never commit."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, DateTime, bindparam, delete, func, select, text
from sqlalchemy.orm import Session

from tracker.core.streaks import EntrySpec
from tracker.models import ApiToken, Break, Entry, Goal, Rejection, User


def user_by_id(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalars(select(User).where(User.email == email.strip().lower())).first()


# Statements on every API request are built once, with bound parameters.
_USER_BY_TOKEN = (
    select(User)
    .join(ApiToken, ApiToken.user_id == User.id)
    .where(ApiToken.token_hash == bindparam("token_hash"))
)
_GOAL_OF_USER = select(Goal).where(
    Goal.id == bindparam("goal_id"), Goal.user_id == bindparam("user_id")
)


def user_by_token_hash(session: Session, token_hash: str) -> User | None:
    return session.scalars(_USER_BY_TOKEN, {"token_hash": token_hash}).first()


def token_of_user(session: Session, user_id: int, token_id: int) -> ApiToken | None:
    return session.scalars(
        select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id)
    ).first()


def goals_of_user(session: Session, user_id: int, include_archived: bool = True) -> list[Goal]:
    query = select(Goal).where(Goal.user_id == user_id).order_by(Goal.id)
    if not include_archived:
        query = query.where(Goal.archived_on.is_(None))
    return list(session.scalars(query))


def goal_of_user(session: Session, user_id: int, goal_id: int) -> Goal | None:
    return session.scalars(_GOAL_OF_USER, {"goal_id": goal_id, "user_id": user_id}).first()


def entry_for(session: Session, goal_id: int, day: date) -> Entry | None:
    return session.scalars(select(Entry).where(Entry.goal_id == goal_id, Entry.date == day)).first()


def entries_of_goal(
    session: Session, goal_id: int, start: date | None = None, end: date | None = None
) -> list[Entry]:
    query = select(Entry).where(Entry.goal_id == goal_id).order_by(Entry.date)
    if start is not None:
        query = query.where(Entry.date >= start)
    if end is not None:
        query = query.where(Entry.date <= end)
    return list(session.scalars(query))


def entries_of_user_on(session: Session, user_id: int, day: date) -> list[Entry]:
    return list(
        session.scalars(select(Entry).join(Goal).where(Goal.user_id == user_id, Entry.date == day))
    )


def entry_specs_of_user(session: Session, user_id: int) -> list[EntrySpec]:
    """Every entry of the user as the engine's input, read as plain rows (no ORM objects)."""
    entries, goals = Entry.__table__.c, Goal.__table__.c
    rows = session.execute(
        select(entries.goal_id, entries.date, entries.value, entries.skipped)
        .join_from(Entry.__table__, Goal.__table__, entries.goal_id == goals.id)
        .where(goals.user_id == user_id)
    )
    return list(map(EntrySpec._make, rows.all()))


_UPSERT = """
INSERT INTO entries (goal_id, date, value, skipped, note, updated_at)
VALUES (:goal_id, :date, :value, :skipped, :note, :updated_at)
ON CONFLICT (goal_id, date) DO UPDATE SET {changes}
RETURNING id, goal_id, date, value, skipped, note, updated_at
"""
_ENTRY_TYPES = {
    "date": Date(),
    "updated_at": DateTime(timezone=True),
    "skipped": Boolean(),
}


def _upsert_statement(fields: tuple[str, ...]):
    changes = ", ".join(f"{name} = excluded.{name}" for name in fields)
    statement = text(_UPSERT.format(changes=changes))
    statement = statement.bindparams(
        *(bindparam(name, type_=kind) for name, kind in _ENTRY_TYPES.items())
    )
    return statement.columns(
        Entry.id,
        Entry.goal_id,
        Entry.date,
        Entry.value,
        Entry.skipped,
        Entry.note,
        Entry.updated_at,
    )


# Built once: the statement with and without overwriting the stored note.
_UPSERTS = {
    fields: _upsert_statement(fields)
    for fields in (("value", "skipped", "updated_at"), ("value", "skipped", "note", "updated_at"))
}


def upsert_entry(session: Session, values: dict, update: tuple[str, ...]) -> Entry:
    """Insert the entry of (goal_id, date), or update the `update` fields of the one stored.

    One statement (SQLite and PostgreSQL share the syntax), so two racing writes leave one
    consistent row; the row as stored is returned (not attached to the session).
    """
    row = session.execute(_UPSERTS[update], values).one()
    return Entry(**row._asdict())


def delete_entry(session: Session, goal_id: int, day: date) -> None:
    session.execute(delete(Entry).where(Entry.goal_id == goal_id, Entry.date == day))


def rejections_of_user(
    session: Session, user_id: int, start: date | None = None, end: date | None = None
) -> list[Rejection]:
    query = select(Rejection).where(Rejection.user_id == user_id)
    if start is not None:
        query = query.where(Rejection.date >= start)
    if end is not None:
        query = query.where(Rejection.date <= end)
    return list(session.scalars(query.order_by(Rejection.date.desc(), Rejection.id.desc())))


def rejection_dates(session: Session, user_id: int) -> list[date]:
    return list(session.scalars(select(Rejection.date).where(Rejection.user_id == user_id)))


def rejection_of_user(session: Session, user_id: int, rejection_id: int) -> Rejection | None:
    return session.scalars(
        select(Rejection).where(Rejection.id == rejection_id, Rejection.user_id == user_id)
    ).first()


def breaks_of_user(session: Session, user_id: int) -> list[Break]:
    return list(
        session.scalars(select(Break).where(Break.user_id == user_id).order_by(Break.start))
    )


def break_of_user(session: Session, user_id: int, break_id: int) -> Break | None:
    return session.scalars(
        select(Break).where(Break.id == break_id, Break.user_id == user_id)
    ).first()


def count_users(session: Session) -> int:
    return session.scalar(select(func.count(User.id))) or 0
