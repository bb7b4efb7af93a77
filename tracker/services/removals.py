"""Removing a record so that it can be put back exactly: undo (SPEC section 8).

A removal keeps, as JSON, the removed row, the rows that went with it (tables whose foreign
key to it cascades, such as an application's stages) and the ids of rows that pointed at it
(foreign keys set to NULL, such as a reflection's rejection). Undo inserts the rows again,
with their own ids where those are still free, and points the links back at it. Removals are
kept for a day (KEEP_FOR): the page offers undo right after a removal, for far longer than the
10 seconds SPEC section 8 asks.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from sqlalchemy import Table
from sqlalchemy.orm import Session

from tracker import queries
from tracker.core.days import as_utc
from tracker.models import Removal, User
from tracker.services.errors import NotFound

KEEP_FOR = timedelta(days=1)


def remove(session: Session, record, label: str, now: datetime) -> Removal:
    """Delete `record` (an ORM object with a `user_id`, already checked to be the caller's)
    and keep what undo needs; `label` names it for the undo button ("Rejection from Acme")."""
    table = record.__table__
    payload = {
        "row": _plain(table, queries.rows_where(session, table, "id", record.id)[0]),
        "children": [
            {"table": child.name, "column": column, "rows": [_plain(child, r) for r in rows]}
            for child, column, rows in _pointing_at(session, table, record.id, "CASCADE")
        ],
        "links": [
            {"table": other.name, "column": column, "ids": [r["id"] for r in rows]}
            for other, column, rows in _pointing_at(session, table, record.id, "SET NULL")
        ],
    }
    queries.delete_removals_before(session, record.user_id, now - KEEP_FOR)
    queries.forget_checkpoints(session, record.user_id)  # it may have shaped the streaks
    session.delete(record)
    session.flush()
    removal = Removal(
        user_id=record.user_id,
        kind=table.name,
        label=label[:300],
        payload=json.dumps(payload),
        created_at=now,
    )
    session.add(removal)
    session.flush()
    return removal


def restore(session: Session, user: User, removal_id: int, now: datetime) -> Removal:
    """Put back what the removal took away, and forget the removal; the removal is returned.

    Another user's removal, one already undone, or one older than KEEP_FOR raise NotFound."""
    removal = queries.removal_of_user(session, user.id, removal_id)
    if removal is None or as_utc(removal.created_at) < now - KEEP_FOR:
        raise NotFound("There is nothing to undo any more.")
    tables = Removal.metadata.tables
    table = tables[removal.kind]
    payload = json.loads(removal.payload)
    # First the write that forgets the removal: every insert below is then in the same
    # transaction as it (SQLite begins one only at a write), so undo happens whole or not.
    session.delete(removal)
    session.flush()
    restored = queries.put_row(session, table, _typed(table, payload["row"]))
    for child in payload["children"]:
        child_table = tables[child["table"]]
        for row in child["rows"]:
            queries.put_row(
                session, child_table, _typed(child_table, row) | {child["column"]: restored}
            )
    for link in payload["links"]:
        queries.relink(session, tables[link["table"]], link["column"], link["ids"], restored)
    queries.forget_checkpoints(session, user.id)
    session.flush()
    return removal


def _pointing_at(session: Session, table: Table, record_id: int, ondelete: str):
    """(table, column, rows) for each foreign key to `table` whose ON DELETE is `ondelete`."""
    for other in table.metadata.sorted_tables:
        for key in other.foreign_keys:
            if key.column.table is table and key.ondelete == ondelete:
                column = key.parent.name
                rows = queries.rows_where(session, other, column, record_id)
                if rows:
                    yield other, column, rows


def _plain(table: Table, row: dict) -> dict:
    """A row as JSON values: dates, instants and times as ISO text."""
    return {
        name: value.isoformat() if isinstance(value, date | datetime | time) else value
        for name, value in row.items()
    }


def _typed(table: Table, row: dict) -> dict:
    """A row read back from JSON, each ISO text as its column's type again."""
    parsers = {date: date.fromisoformat, datetime: datetime.fromisoformat, time: time.fromisoformat}
    typed = {}
    for name, value in row.items():
        parse = parsers.get(table.c[name].type.python_type)
        typed[name] = parse(value) if parse and isinstance(value, str) else value
    return typed
