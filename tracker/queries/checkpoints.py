"""Streak checkpoints: read the latest valid one, store new ones, forget them from a day on.

A checkpoint is derived data: losing one only costs a longer walk, while keeping one that no
longer matches the history would show wrong streaks. Hence two rules: every write that
changes a finished day calls `forget_checkpoints` in its own transaction, which also raises
the user's `history_version`; and `store_checkpoints` writes only while that version is
still the one read before the history was (on a connection of its own, holding the user's
row, or on SQLite the write lock), so a checkpoint computed from data that changed
meanwhile is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Connection, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from tracker.core.checkpoint import ENGINE_VERSION, Checkpoint, decode, encode
from tracker.models import StreakCheckpoint, User
from tracker.queries.dialect import insert_of

_table = StreakCheckpoint.__table__
_users = User.__table__


def _of_this_engine(before: str):
    user = _table.c.user_id == bindparam("user_id")
    return user & (_table.c.through < bindparam(before)) & (_table.c.engine == ENGINE_VERSION)


# The latest checkpoint before a day and the newest day stored before today, in one
# statement built once (run with values).
_LATEST = select(
    select(_table.c.state)
    .where(_of_this_engine("before"))
    .order_by(_table.c.through.desc())
    .limit(1)
    .scalar_subquery(),
    select(func.max(_table.c.through)).where(_of_this_engine("today")).scalar_subquery(),
)


def checkpoint_before(
    session: Session, user_id: int, before: date, today: date
) -> tuple[Checkpoint | None, date | None]:
    """The user's latest checkpoint of a day before `before` written by this engine (None
    when it is unreadable), and the newest day before `today` the user has one of."""
    values = {"user_id": user_id, "before": before, "today": today}
    text, newest = session.execute(_LATEST, values).one()
    try:
        return (None if text is None else decode(text)), newest
    except ValueError:
        return None, None  # unreadable: walk from the start, keeping every day again


# What forgetting runs on every write to a past day: built once, run with values. (A User
# the session holds keeps the version it read: a read after the write in the same session
# stores nothing, which is safe, and the next request stores again.)
_RAISE_VERSION = (
    update(_users)
    .where(_users.c.id == bindparam("user_id"))
    .values(history_version=_users.c.history_version + 1)
)
_FORGET = delete(_table).where(
    _table.c.user_id == bindparam("user_id"), _table.c.through >= bindparam("day")
)


def forget_checkpoints(session: Session, user_id: int, day: date | None = None) -> None:
    """Forget the user's checkpoints of `day` and later (all of them without `day`), in the
    session's transaction, and raise the user's history version."""
    values = {"user_id": user_id, "day": day or date.min}
    session.execute(_RAISE_VERSION, values)
    session.execute(_FORGET, values)


def store_checkpoints(
    connection: Connection,
    user_id: int,
    version: int,
    kept: Sequence[Checkpoint],
    superseded: date | None = None,
) -> bool:
    """Write `kept` if the user's history version is still `version`, and delete the
    checkpoint of day `superseded` and any written by another engine's code, in the
    connection's transaction (the caller commits). False when the history changed since
    (nothing is written)."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # one writer: no write can slip between
    now = select(_users.c.history_version).where(_users.c.id == user_id)
    if connection.scalar(now if sqlite else now.with_for_update()) != version:
        return False
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
    unused = _table.c.engine != ENGINE_VERSION
    if superseded is not None:
        unused |= _table.c.through == superseded
    connection.execute(delete(_table).where(_table.c.user_id == user_id, unused))
    return True
