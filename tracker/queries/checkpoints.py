"""Streak checkpoints: read the latest valid one, store new ones, forget them from a day on.

A checkpoint is derived data: losing one only costs a longer walk, while using one that no
longer matches the history would show wrong streaks. Hence two rules:

- Every write that changes a finished day calls `forget_checkpoints` in its own
  transaction: one update of the user's row, which raises `history_version` and moves
  `checkpoints_stale_from` back to that day. Reads pass over the checkpoints from that day on
  (the statement that finds the latest one reads the user's row too), so forgetting deletes
  nothing; the next store does, and clears the day.
- `store_checkpoints` writes only while the version is still the one read before the
  history was (on a connection of its own, holding the user's row, or on SQLite the write
  lock), so a checkpoint computed from data that changed meanwhile is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Connection, Date, bindparam, case, delete, func, select, update
from sqlalchemy.orm import Session

from tracker.core.checkpoint import ENGINE_VERSION, Checkpoint, decode, encode
from tracker.models import StreakCheckpoint, User
from tracker.queries.dialect import insert_of

_table = StreakCheckpoint.__table__
_users = User.__table__
_stale_from = _users.c.checkpoints_stale_from


def _usable(before: str):
    """The user's checkpoints of days before `before`, written by this engine and not stale
    (correlated with the user's row)."""
    return (
        (_table.c.user_id == _users.c.id)
        & (_table.c.through < bindparam(before))
        & (_table.c.engine == ENGINE_VERSION)
        & (_stale_from.is_(None) | (_table.c.through < _stale_from))
    )


# The latest usable checkpoint before a day and the newest usable day before today, in one
# statement built once (run with values).
_LATEST = select(
    select(_table.c.state)
    .where(_usable("before"))
    .order_by(_table.c.through.desc())
    .limit(1)
    .scalar_subquery(),
    select(func.max(_table.c.through)).where(_usable("today")).scalar_subquery(),
).where(_users.c.id == bindparam("user_id"))


def checkpoint_before(
    session: Session, user_id: int, before: date, today: date
) -> tuple[Checkpoint | None, date | None]:
    """The user's latest usable checkpoint of a day before `before` (None when it is
    unreadable), and the newest day before `today` the user has a usable one of."""
    values = {"user_id": user_id, "before": before, "today": today}
    text, newest = session.execute(_LATEST, values).first() or (None, None)
    try:
        return (None if text is None else decode(text)), newest
    except ValueError:
        return None, None  # unreadable: walk from the start, keeping every day again


# What forgetting runs on every write to a past day: built once, run with values. (A User
# the session holds keeps the version it read: a read after the write in the same session
# stores nothing, which is safe, and the next request stores again.)
_day = bindparam("day", type_=Date)
_FORGET = (
    update(_users)
    .where(_users.c.id == bindparam("user_id"))
    .values(
        history_version=_users.c.history_version + 1,
        # The earlier of the day stale already and this one (NULL < day is not true).
        checkpoints_stale_from=case((_stale_from < _day, _stale_from), else_=_day),
    )
)


def forget_checkpoints(session: Session, user_id: int, day: date | None = None) -> None:
    """Make the user's checkpoints of `day` and later (all of them without `day`) stale, in
    the session's transaction, and raise the user's history version."""
    session.execute(_FORGET, {"user_id": user_id, "day": day or date.min})


def store_checkpoints(
    connection: Connection,
    user_id: int,
    version: int,
    kept: Sequence[Checkpoint],
    superseded: date | None = None,
) -> bool:
    """Write `kept` if the user's history version is still `version`, in the connection's
    transaction (the caller commits), after deleting the stale checkpoints, the one of day
    `superseded` and any written by another engine's code. False when the history changed
    since (nothing is written)."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # one writer: no write can slip between
    now = select(_users.c.history_version, _stale_from).where(_users.c.id == user_id)
    row = connection.execute(now if sqlite else now.with_for_update()).first()
    if row is None or row.history_version != version:
        return False
    unused = _table.c.engine != ENGINE_VERSION
    if row.checkpoints_stale_from is not None:
        unused |= _table.c.through >= row.checkpoints_stale_from
    if superseded is not None:
        unused |= _table.c.through == superseded
    connection.execute(delete(_table).where(_table.c.user_id == user_id, unused))
    rows = [
        {"user_id": user_id, "through": c.day, "engine": ENGINE_VERSION, "state": encode(c)}
        for c in kept
    ]
    insert = insert_of(connection.dialect.name)(_table)
    connection.execute(
        insert.on_conflict_do_update(
            index_elements=[_table.c.user_id, _table.c.through],
            set_={"engine": insert.excluded.engine, "state": insert.excluded.state},
        ),
        rows,
    )
    if row.checkpoints_stale_from is not None:
        fresh = update(_users).where(_users.c.id == user_id).values(checkpoints_stale_from=None)
        connection.execute(fresh)
    return True
