"""Goals and their entries, with the upserts that keep one entry per (goal, date)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Integer,
    Row,
    bindparam,
    delete,
    func,
    select,
    text,
)
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


# The check-in operations run on a Core connection (the API's own transaction, or a page's
# `session.connection()`): no ORM object is built, and the ORM's execute is skipped.
def goal_ref_of_user(conn: Connection, user_id: int, goal_id: int) -> Row | None:
    """(id, target) of one of the user's goals, as a plain row; None for anyone else's id."""
    return conn.execute(_GOAL_REF_OF_USER, {"goal_id": goal_id, "user_id": user_id}).first()


def entry_for(session: Session, goal_id: int, day: date) -> Entry | None:
    return session.scalars(select(Entry).where(Entry.goal_id == goal_id, Entry.date == day)).first()


_ENTRIES = Entry.__table__.c
_ENTRY_FIELDS = ("id", "goal_id", "date", "value", "skipped", "note", "updated_at")


def entries_of_goal(
    conn: Connection, goal_id: int, start: date | None = None, end: date | None = None
) -> list[Row]:
    """The goal's entries from `start` to `end` (inclusive, either open), by date, as rows."""
    query = select(_ENTRIES).where(_ENTRIES.goal_id == goal_id).order_by(_ENTRIES.date)
    if start is not None:
        query = query.where(_ENTRIES.date >= start)
    if end is not None:
        query = query.where(_ENTRIES.date <= end)
    return list(conn.execute(query))


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


_INSERT = "INSERT INTO entries (goal_id, date, value, skipped, note, updated_at)"


def _on_conflict(fields: tuple[str, ...]) -> str:
    changes = ", ".join(f"{name} = excluded.{name}" for name in fields)
    return f"ON CONFLICT (goal_id, date) DO UPDATE SET {changes}"


# A check-in writes only to a goal of the caller's, and `value` NULL means the goal's target:
# the SELECT finds both, so ownership, default and write are one statement. (SQLite needs the
# WHERE to read ON CONFLICT as the upsert's, not as a join's.)
_CHECK_IN = """
SELECT goals.id, :date, COALESCE(:value, goals.target), :skipped, :note, :updated_at
FROM goals WHERE goals.id = :goal_id AND goals.user_id = :user_id
"""
_RETURNING = """
RETURNING id, goal_id, date, value, skipped, note, updated_at,
    (SELECT goals.target FROM goals WHERE goals.id = entries.goal_id) AS target
"""
_PARAMETER_TYPES = (
    bindparam("date", type_=Date()),
    bindparam("updated_at", type_=DateTime(timezone=True)),
    bindparam("skipped", type_=Boolean()),
)


def _check_in_statement(fields: tuple[str, ...]):
    sql = _INSERT + _CHECK_IN + _on_conflict(fields) + _RETURNING
    statement = text(sql).bindparams(*_PARAMETER_TYPES, bindparam("value", type_=Integer()))
    return statement.columns(*(_ENTRIES[name] for name in _ENTRY_FIELDS), _GOALS.target)


# Built once: for (keep_note, keep_value), the statement that keeps the stored note and/or
# value and overwrites the rest. A kept value is written only into a new entry.
def _written(keep_note: bool, keep_value: bool) -> tuple[str, ...]:
    kept = {"value": keep_value, "skipped": False, "note": keep_note, "updated_at": False}
    return tuple(name for name, keep in kept.items() if not keep)


_CHECK_INS = {
    (keep_note, keep_value): _check_in_statement(_written(keep_note, keep_value))
    for keep_note in (True, False)
    for keep_value in (True, False)
}


def check_in(
    conn: Connection, user_id: int, values: dict, *, keep_note: bool, keep_value: bool = False
) -> Row | None:
    """Insert the entry of (goal_id, date), or update the one stored (its note too unless
    `keep_note`, its value too unless `keep_value`), when the goal is the user's; None
    (nothing written) when it is not.

    One statement (SQLite and PostgreSQL share the syntax), so two racing writes leave one
    consistent row. The row as stored is returned with the Entry's attribute names and the
    goal's `target`; a `value` of None stores the target.
    """
    statement = _CHECK_INS[keep_note, keep_value]
    return conn.execute(statement, {**values, "user_id": user_id}).one_or_none()


# One more or one less, whatever the value is when the write lands: several taps at once each
# count (a read, then a write of the sum, would lose all but one). Clamped to 0..:most, and
# an entry that was a rest day counts again. A new entry starts at :first.
_ADD = """
SELECT goals.id, :date, :first, :skipped, '', :updated_at
FROM goals WHERE goals.id = :goal_id AND goals.user_id = :user_id
ON CONFLICT (goal_id, date) DO UPDATE SET
    value = CASE
        WHEN entries.value + :delta > :most THEN :most
        WHEN entries.value + :delta < 0 THEN 0
        ELSE entries.value + :delta
    END,
    skipped = excluded.skipped,
    updated_at = excluded.updated_at
"""
_ADD_TO_ENTRY = (
    text(_INSERT + _ADD + _RETURNING)
    .bindparams(*_PARAMETER_TYPES)
    .columns(*(_ENTRIES[name] for name in _ENTRY_FIELDS), _GOALS.target)
)


def add_to_entry(
    conn: Connection, user_id: int, goal_id: int, day: date, delta: int, most: int, now: datetime
) -> Row | None:
    """Add `delta` to the value of (goal_id, day) in one statement, clamped to 0..`most`, and
    make it not skipped; a missing entry starts at max(0, delta). The row as stored, with the
    goal's `target`; None (nothing written) when the goal is not the user's."""
    values = {
        "goal_id": goal_id,
        "user_id": user_id,
        "date": day,
        "first": min(max(0, delta), most),
        "delta": delta,
        "most": most,
        "skipped": False,
        "updated_at": now,
    }
    return conn.execute(_ADD_TO_ENTRY, values).one_or_none()


# Many rows at once (executemany, so no RETURNING): an import's entries replace stored ones.
_PUT_MANY = text(
    _INSERT
    + "\nVALUES (:goal_id, :date, :value, :skipped, :note, :updated_at)\n"
    + _on_conflict(("value", "skipped", "note", "updated_at"))
).bindparams(*_PARAMETER_TYPES)


def put_entries(session: Session, rows: list[dict]) -> None:
    """Write many entries at once; each replaces the one of its (goal, date), note included."""
    if rows:
        session.execute(_PUT_MANY, rows)


def delete_entry(conn: Connection, goal_id: int, day: date) -> None:
    conn.execute(delete(Entry.__table__).where(_ENTRIES.goal_id == goal_id, _ENTRIES.date == day))


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
    _INSERT
    + """
VALUES (:goal_id, :date, :value, :skipped, '', :updated_at)
ON CONFLICT (goal_id, date) DO UPDATE SET
    value = CASE WHEN excluded.value > entries.value THEN excluded.value ELSE entries.value END,
    skipped = excluded.skipped,
    updated_at = excluded.updated_at
"""
).bindparams(*_PARAMETER_TYPES)


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
