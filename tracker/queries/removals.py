"""Rows as plain values, for removals and their undo: read whole rows, insert them again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.models import Removal
from tracker.queries.owned import owned_row


def rows_where(session: Session, table: Table, column: str, value: int) -> list[dict]:
    """Every row of `table` whose `column` equals `value`, as {column: value}, by id."""
    statement = select(table).where(table.c[column] == value).order_by(table.c.id)
    return [dict(row._mapping) for row in session.execute(statement)]


def put_row(session: Session, table: Table, row: dict) -> int:
    """Insert `row` with its own id if that id is free, else with a new one; the id it got.

    (SQLite may have given the id of the newest deleted row to a row made since.)"""
    try:
        with session.begin_nested():
            session.execute(insert(table).values(row))
        return row["id"]
    except IntegrityError:
        values = {name: value for name, value in row.items() if name != "id"}
        return session.execute(insert(table).values(values).returning(table.c.id)).scalar_one()


def relink(session: Session, table: Table, column: str, ids: list[int], target: int) -> None:
    """Point `column` of the rows `ids` of `table` at `target` again, where it is still empty."""
    if ids:
        session.execute(
            update(table)
            .where(table.c.id.in_(ids), table.c[column].is_(None))
            .values({column: target})
        )


def removal_of_user(session: Session, user_id: int, removal_id: int) -> Removal | None:
    return owned_row(session, Removal, user_id, removal_id)


def delete_removals_before(session: Session, user_id: int, before: datetime) -> None:
    session.execute(delete(Removal).where(Removal.user_id == user_id, Removal.created_at < before))
