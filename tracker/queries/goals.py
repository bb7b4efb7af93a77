"""Goals and their entries, with the upserts that keep one entry per (goal, date)."""

from __future__ import annotations

import functools
from datetime import date, datetime

from sqlalchemy import Row, bindparam, case, delete, func, literal_column, select
from sqlalchemy.orm import Session

from tracker.core.inputs import EntrySpec
from tracker.models import Entry, Goal
from tracker.queries.dialect import insert_of

# The statements every history read runs, built once and run with values.
_GOALS = select(Goal).where(Goal.user_id == bindparam("user_id")).order_by(Goal.id)
_GOALS_WITH_ENTRY_ON = (
    select(Goal, Entry)
    .outerjoin(Entry, (Entry.goal_id == Goal.id) & (Entry.date == bindparam("day")))
    .where(Goal.user_id == bindparam("user_id"))
    .order_by(Goal.id)
)
_ENTRY_SPECS = (
    select(Entry.goal_id, Entry.date, Entry.value, Entry.skipped)
    .join_from(Entry, Goal, Entry.goal_id == Goal.id)
    .where(Goal.user_id == bindparam("user_id"))
)
_ENTRY_SPECS_FROM = _ENTRY_SPECS.where(Entry.date >= bindparam("start"))
_FIRST_ENTRY_DATES = select(
    Goal.id,
    select(func.min(Entry.date)).where(Entry.goal_id == Goal.id).scalar_subquery(),
).where(Goal.user_id == bindparam("user_id"))


def goals_of_user(session: Session, user_id: int) -> list[Goal]:
    """Every goal of the user, archived ones too, by id."""
    return list(session.scalars(_GOALS, {"user_id": user_id}))


def goal_of_user(session: Session, user_id: int, goal_id: int) -> Goal | None:
    """The goal `goal_id` when it is the user's, else None. By primary key: a goal the
    session already holds (looked up earlier in the request) costs no query."""
    goal = session.get(Goal, goal_id)
    return goal if goal is not None and goal.user_id == user_id else None


def entry_for(session: Session, goal_id: int, day: date) -> Entry | None:
    return session.scalars(select(Entry).where(Entry.goal_id == goal_id, Entry.date == day)).first()


def entries_of_goal(
    session: Session, goal_id: int, start: date | None = None, end: date | None = None
) -> list[Entry]:
    """The goal's entries from `start` to `end` (inclusive, either open), by date."""
    query = select(Entry).where(Entry.goal_id == goal_id).order_by(Entry.date)
    if start is not None:
        query = query.where(Entry.date >= start)
    if end is not None:
        query = query.where(Entry.date <= end)
    return list(session.scalars(query))


def goals_with_entry_on(
    session: Session, user_id: int, day: date
) -> list[tuple[Goal, Entry | None]]:
    """Every goal of the user (archived ones too, by id), each with its entry of `day` or
    None, in one query."""
    rows = session.execute(_GOALS_WITH_ENTRY_ON, {"user_id": user_id, "day": day})
    return [(goal, entry) for goal, entry in rows]


def entry_specs_of_user(
    session: Session, user_id: int, start: date | None = None
) -> list[EntrySpec]:
    """The user's entries (from `start` on, inclusive, when given) as the engine's input,
    read as plain rows (no ORM objects)."""
    if start is None:
        rows = session.execute(_ENTRY_SPECS, {"user_id": user_id})
    else:
        rows = session.execute(_ENTRY_SPECS_FROM, {"user_id": user_id, "start": start})
    return list(map(EntrySpec._make, rows.all()))


def first_entry_dates(session: Session, user_id: int) -> dict[int, date]:
    """The date of each of the user's goals' earliest entry, by goal id (goals with one).
    One index lookup per goal (entries are unique per goal and date), however long the
    history."""
    rows = session.execute(_FIRST_ENTRY_DATES, {"user_id": user_id})
    return {goal_id: day for goal_id, day in rows if day is not None}


_COLUMNS = ("goal_id", "date", "value", "skipped", "note", "updated_at")
_WRITTEN = _COLUMNS[2:]


def _changes(kind: str, new) -> dict:
    """What a conflict changes in the stored entry (`new` is the row that was refused)."""
    if kind == "add":  # one more or one less, clamped to 0..most, and no longer a rest day
        stored = Entry.__table__.c.value
        total, most = stored + bindparam("delta"), bindparam("most")
        value = case((total > most, most), (total < 0, 0), else_=total)
        return {"value": value, "skipped": new.skipped, "updated_at": new.updated_at}
    if kind == "raise":  # at least the new value; the stored note stays
        stored = Entry.__table__.c.value
        value = case((new.value > stored, new.value), else_=stored)
        return {"value": value, "skipped": new.skipped, "updated_at": new.updated_at}
    kept = {"keep_note": {"note"}, "keep_value": {"value"}, "keep_both": {"note", "value"}}
    return {name: new[name] for name in _WRITTEN if name not in kept.get(kind, ())}


# Every write of an entry is this one upsert: one row per (goal, date) whatever races, and
# `kind` decides what a conflict changes. It reads its row from the goal, when the goal is the
# user's: the owner check, the target as the value left out (`value` NULL) and the write are
# one statement, and anyone else's goal writes nothing (no row comes back). Built once per
# database and kind with bound parameters (building it, its `excluded` row above all, costs
# more than running it), on the tables rather than the mapped classes (the ORM's bulk-insert
# bookkeeping for one row took a fifth of a check-in). It answers the row as stored, with the
# Entry's attribute names and the goal's `target`.
_TARGET = "(SELECT goals.target FROM goals WHERE goals.id = entries.goal_id)"


@functools.cache
def _upsert(dialect: str, kind: str):
    entries, goals = Entry.__table__, Goal.__table__
    row = select(
        goals.c.id,
        bindparam("date", type_=entries.c.date.type),
        func.coalesce(bindparam("value", type_=entries.c.value.type), goals.c.target),
        bindparam("skipped", type_=entries.c.skipped.type),
        bindparam("note", type_=entries.c.note.type),
        bindparam("updated_at", type_=entries.c.updated_at.type),
    ).where(goals.c.id == bindparam("goal_id"), goals.c.user_id == bindparam("user_id"))
    statement = insert_of(dialect)(entries).from_select(_COLUMNS, row)
    # SQLAlchemy writes RETURNING's columns unqualified, a correlated subquery's too (where
    # `id` is then ambiguous), so this one is spelled out.
    target = literal_column(_TARGET, entries.c.value.type)
    return statement.on_conflict_do_update(
        index_elements=[entries.c.goal_id, entries.c.date],
        set_=_changes(kind, statement.excluded),
    ).returning(*entries.c, target.label("target"))


def _write(session: Session, kind: str, values: dict) -> Row | None:
    return session.execute(_upsert(session.get_bind().dialect.name, kind), values).first()


def check_in(
    session: Session, user_id: int, values: dict, *, keep_note: bool, keep_value: bool
) -> Row | None:
    """Insert the entry of (goal_id, date) from `values` (every column; a `value` of None
    is the goal's target), or update the one stored: its note too unless `keep_note`, its
    value too unless `keep_value`. The entry as stored, with the goal's target; None (nothing
    written) when the goal is not the user's."""
    kind = {(True, True): "keep_both", (True, False): "keep_note", (False, True): "keep_value"}
    return _write(session, kind.get((keep_note, keep_value), "put"), {**values, "user_id": user_id})


def add_to_entry(
    session: Session, user_id: int, goal_id: int, day: date, delta: int, most: int, now: datetime
) -> Row | None:
    """Add `delta` to the value of (goal_id, day) in one statement, clamped to 0..`most`, and
    make it not skipped; a missing entry starts at max(0, delta). Taps that land at once each
    count (a read, then a write of the sum, would lose all but one). The entry as stored, or
    None (nothing written) when the goal is not the user's."""
    first = min(max(0, delta), most)
    values = {"goal_id": goal_id, "user_id": user_id, "date": day, "value": first}
    changes = {"delta": delta, "most": most}
    return _write(
        session, "add", {**values, "skipped": False, "note": "", "updated_at": now, **changes}
    )


def raise_entry(session: Session, goal: Goal, day: date, value: int, updated_at: datetime) -> None:
    """Make the entry of (goal, day) at least `value` and not skipped, in one statement.

    A stored value above `value` and the stored note are kept; a missing entry is created.
    """
    values = {"goal_id": goal.id, "user_id": goal.user_id, "date": day, "value": value}
    _write(session, "raise", {**values, "skipped": False, "note": "", "updated_at": updated_at})


def delete_entry(session: Session, goal_id: int, day: date) -> bool:
    """Delete the entry of (goal, day); whether there was one."""
    statement = delete(Entry).where(Entry.goal_id == goal_id, Entry.date == day)
    return session.execute(statement).rowcount > 0


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
