"""What an import reads and writes in bulk: counts, stored records as plain rows, and inserts
of many rows in one statement.

An import may write 100,000 entries and thousands of journal records in one request
(tracker.core.limits). One ORM object per row, or one bound statement per row, costs seconds
at that size; here the rows travel as one JSON parameter that the database unpacks itself
(SQLite's json_each, PostgreSQL's json_to_recordset) into one INSERT ... SELECT. Columns the
rows leave out get their column defaults (Insert.from_select includes them).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Integer, Row, Table, cast, column, func, literal, select, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from tracker.models import (
    Application,
    Break,
    Entry,
    Goal,
    PracticeQuestion,
    PracticeSession,
    Reflection,
    Rejection,
    StageChange,
)

# The journal's kinds (tracker.core.limits.RECORD_KINDS) and the table holding each.
RECORD_MODELS = {
    "applications": Application,
    "rejections": Rejection,
    "breaks": Break,
    "practice_sessions": PracticeSession,
    "reflections": Reflection,
    "practice_questions": PracticeQuestion,
}


def count_goals(session: Session, user_id: int) -> int:
    """How many goals the user has, archived ones included."""
    return session.scalar(select(func.count(Goal.id)).where(Goal.user_id == user_id)) or 0


def count_records(session: Session, kind: str, user_id: int) -> int:
    """How many records of a journal `kind` (a key of RECORD_MODELS) the user holds."""
    model = RECORD_MODELS[kind]
    return session.scalar(select(func.count(model.id)).where(model.user_id == user_id)) or 0


def stored_rows(session: Session, kind: str, user_id: int, fields: Sequence[str]) -> list[Row]:
    """(id, *fields) of every record of `kind` the user holds, by id, as plain rows."""
    model = RECORD_MODELS[kind]
    columns = [model.__table__.c[name] for name in ("id", *fields)]
    query = select(*columns).where(model.user_id == user_id).order_by(model.id)
    return list(session.execute(query))


def stage_rows(session: Session, user_id: int) -> list[Row]:
    """(application_id, stage, date) of every step of the user's applications, in order."""
    steps = StageChange.__table__.c
    query = (
        select(steps.application_id, steps.stage, steps.date)
        .join_from(StageChange, Application, steps.application_id == Application.id)
        .where(Application.user_id == user_id)
        .order_by(steps.application_id, steps.id)
    )
    return list(session.execute(query))


def _plain(value):
    return value.isoformat() if isinstance(value, date | datetime) else value


def _source(session: Session, table: Table, names: Sequence[str], rows: list[dict]):
    """A FROM clause yielding `rows` with the columns `names` typed as in `table`: (the
    columns, the one giving the rows' order, the FROM clause)."""
    if session.get_bind().dialect.name == "postgresql":
        payload = json.dumps(
            [{"n": n, **{name: _plain(row[name]) for name in names}} for n, row in enumerate(rows)]
        )
        typed = [column("n", Integer), *(column(name, table.c[name].type) for name in names)]
        source = (
            func.json_to_recordset(cast(literal(payload), postgresql.JSON))
            .table_valued(*typed)
            .render_derived(name="j", with_types=True)
        )
        return [source.c[name] for name in names], source.c.n, source
    payload = json.dumps([{name: _plain(row[name]) for name in names} for row in rows])
    each = func.json_each(literal(payload)).table_valued("value", "key").alias("j")
    values = [each.c.value.op("->>")(f"$.{name}") for name in names]
    return values, each.c.key, each


def insert_rows(
    session: Session,
    table: Table,
    rows: list[dict],
    constants: dict[str, object] | None = None,
    *,
    returning: bool = False,
) -> list[int]:
    """Insert `rows` (dicts with the same keys) and `constants` (the same for every row) into
    `table` in one statement. With `returning`, the new ids in the order of `rows`."""
    if not rows:
        return []
    names = list(rows[0])
    values, order, source = _source(session, table, names, rows)
    constants = constants or {}
    fixed: list[ColumnElement] = [
        literal(value, table.c[name].type) for name, value in constants.items()
    ]
    query = select(*values, *fixed).select_from(source).where(true()).order_by(order)
    statement = table.insert().from_select([*names, *constants], query)
    if not returning:
        session.execute(statement)
        return []
    # Ids are handed out in the order the SELECT yields its rows (what SQLAlchemy's own
    # "insertmanyvalues" relies on), so sorted they pair with `rows`.
    return sorted(session.scalars(statement.returning(table.c.id)))


def put_entries(session: Session, rows: list[dict], now: datetime) -> None:
    """Write entries ({goal_id, date, value, skipped, note}) in one statement; each replaces
    the stored entry of its (goal, date), note included."""
    if not rows:
        return
    table = Entry.__table__
    names = ["goal_id", "date", "value", "skipped", "note"]
    values, order, source = _source(session, table, names, rows)
    stamp = literal(now, table.c.updated_at.type)
    query = select(*values, stamp).select_from(source).where(true()).order_by(order)
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).from_select([*names, "updated_at"], query)
    changes = {name: statement.excluded[name] for name in ("value", "skipped", "note")}
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["goal_id", "date"],
            set_={**changes, "updated_at": statement.excluded.updated_at},
        )
    )
