"""Goals and their entries, with the upserts that keep one entry per (goal, date)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Row, bindparam, delete, func, select, text
from sqlalchemy.orm import Session

from tracker.core.streaks import EntrySpec
from tracker.models import Entry, Goal

# Built once, with bound parameters: it runs on most API requests.
_GOAL_OF_USER = select(Goal).where(
    Goal.id == bindparam("goal_id"), Goal.user_id == bindparam("user_id")
)


def goals_of_user(session: Session, user_id: int) -> list[Goal]:
    """Every goal of the user, archived ones too, by id."""
    return list(session.scalars(select(Goal).where(Goal.user_id == user_id).order_by(Goal.id)))


def goal_of_user(session: Session, user_id: int, goal_id: int) -> Goal | None:
    return session.scalars(_GOAL_OF_USER, {"goal_id": goal_id, "user_id": user_id}).first()


_GOALS = Goal.__table__.c
_GOAL_REF_OF_USER = select(_GOALS.id, _GOALS.target).where(
    _GOALS.id == bindparam("goal_id"), _GOALS.user_id == bindparam("user_id")
)


def goal_ref_of_user(session: Session, user_id: int, goal_id: int) -> Row | None:
    """(id, target) of one of the user's goals, as a plain row; None for anyone else's id."""
    # On the session's own connection (same transaction): a Core statement gains nothing from
    # the ORM's execute, which costs ~10 us more per call on the check-in path.
    params = {"goal_id": goal_id, "user_id": user_id}
    return session.connection().execute(_GOAL_REF_OF_USER, params).first()


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
"""
_RETURNING = "RETURNING id, goal_id, date, value, skipped, note, updated_at"
_ENTRY_TYPES = {
    "date": Date(),
    "updated_at": DateTime(timezone=True),
    "skipped": Boolean(),
}


def _upsert_statement(fields: tuple[str, ...], returning: bool = True):
    changes = ", ".join(f"{name} = excluded.{name}" for name in fields)
    sql = _UPSERT.format(changes=changes) + (_RETURNING if returning else "")
    statement = text(sql).bindparams(
        *(bindparam(name, type_=kind) for name, kind in _ENTRY_TYPES.items())
    )
    if not returning:
        return statement
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


def upsert_entry(session: Session, values: dict, update: tuple[str, ...]) -> Row:
    """Insert the entry of (goal_id, date), or update the `update` fields of the one stored.

    One statement (SQLite and PostgreSQL share the syntax), so two racing writes leave one
    consistent row; the row as stored is returned, with the Entry's attribute names.
    """
    return session.connection().execute(_UPSERTS[update], values).one()  # as goal_ref_of_user


# Many rows at once (executemany, so no RETURNING): an import's entries replace stored ones.
_PUT_MANY = _upsert_statement(("value", "skipped", "note", "updated_at"), returning=False)


def put_entries(session: Session, rows: list[dict]) -> None:
    """Write many entries at once; each replaces the one of its (goal, date), note included."""
    if rows:
        session.execute(_PUT_MANY, rows)


def delete_entry(session: Session, goal_id: int, day: date) -> None:
    session.execute(delete(Entry).where(Entry.goal_id == goal_id, Entry.date == day))


def first_goal(session: Session, user_id: int, category: str) -> Goal | None:
    """The user's first (lowest id) goal of `category` that is not archived."""
    return session.scalars(
        select(Goal)
        .where(Goal.user_id == user_id, Goal.category == category, Goal.archived_on.is_(None))
        .order_by(Goal.id)
        .limit(1)
    ).first()


def count_logged_on(session: Session, model, user_id: int, day: date) -> int:
    """How many rows of a journal `model` (an application, a practice session, a reflection:
    anything with user_id and date) the user logged on `day`."""
    statement = select(func.count(model.id)).where(model.user_id == user_id, model.date == day)
    return session.scalar(statement) or 0


# CASE rather than GREATEST/MAX: SQLite and PostgreSQL spell the two-argument maximum apart.
_RAISE = text(
    """
INSERT INTO entries (goal_id, date, value, skipped, note, updated_at)
VALUES (:goal_id, :date, :value, :skipped, '', :updated_at)
ON CONFLICT (goal_id, date) DO UPDATE SET
    value = CASE WHEN excluded.value > entries.value THEN excluded.value ELSE entries.value END,
    skipped = excluded.skipped,
    updated_at = excluded.updated_at
"""
).bindparams(*(bindparam(name, type_=kind) for name, kind in _ENTRY_TYPES.items()))


def raise_entry(
    session: Session, goal_id: int, day: date, value: int, updated_at: datetime
) -> None:
    """Make the entry of (goal_id, day) at least `value` and not skipped, in one statement.

    A stored value above `value` and the stored note are kept; a missing entry is created.
    """
    session.execute(
        _RAISE,
        {
            "goal_id": goal_id,
            "date": day,
            "value": value,
            "skipped": False,
            "updated_at": updated_at,
        },
    )
