"""What an import reads and writes in bulk: counts, stored records as plain rows, and inserts
of many rows in one statement.

An import may write 100,000 entries and thousands of journal records in one request
(tracker.core.limits). One ORM object per row, or one bound statement per row, costs seconds
at that size; here the rows travel as one JSON parameter (an array of arrays) that the
database unpacks itself (SQLite's json_each, PostgreSQL's json_array_elements) into an
INSERT ... SELECT, one per BATCH rows. Columns the rows leave out get their column defaults
(Insert.from_select includes them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import islice

from sqlalchemy import Row, Table, cast, func, literal, select, true
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from tracker.models import (
    Application,
    Break,
    Entry,
    Goal,
    Interview,
    PracticeQuestion,
    PracticeSession,
    Reflection,
    Rejection,
    StageChange,
)
from tracker.queries.dialect import dialect_insert

# The journal's kinds (tracker.core.limits.RECORD_KINDS) and the table holding each.
RECORD_MODELS = {
    "applications": Application,
    "rejections": Rejection,
    "breaks": Break,
    "practice_sessions": PracticeSession,
    "reflections": Reflection,
    "practice_questions": PracticeQuestion,
    "interviews": Interview,
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


# Rows go to the database in batches of this many: one JSON text each (a few MB at most).
BATCH = 20_000


class _IsoText(dict):
    """{date or datetime: its ISO text}, filled as JSON meets them: a batch holds few distinct
    ones, and a lookup is cheaper than a call to isoformat for each of 100,000 rows."""

    def __missing__(self, value):
        if isinstance(value, datetime):
            # As the DateTime columns keep it on SQLite, which compares the text.
            text = self[value] = value.isoformat(" ", "microseconds")
            return text
        if not isinstance(value, date):
            raise TypeError(f"{type(value).__name__} is not JSON")
        text = self[value] = value.isoformat()
        return text


def _source(session: Session, table: Table, names: Sequence[str], rows: Sequence[Sequence]):
    """A FROM clause yielding `rows` (sequences of values, in the order of `names`) as the
    columns of `table` called `names`: (those columns, the one giving the rows' order, the
    FROM clause)."""
    # Tuples and lists alike become arrays; dates, which JSON cannot write, ISO text.
    payload = json.dumps(rows, default=_IsoText().__getitem__)
    if session.get_bind().dialect.name == "postgresql":
        source = (
            func.json_array_elements(cast(literal(payload), postgresql.JSON))
            .table_valued("value", with_ordinality="n")
            .render_derived(name="j")
        )
        values = [
            cast(source.c.value.op("->>")(n), table.c[name].type) for n, name in enumerate(names)
        ]
        return values, source.c.n, source
    # SQLite hands JSON's numbers and strings back as they are stored (dates as ISO text).
    each = func.json_each(literal(payload)).table_valued("value", "key").alias("j")
    return [each.c.value.op("->>")(n) for n in range(len(names))], each.c.key, each


def _batches(rows: Iterable[Sequence]) -> Iterator[list[Sequence]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def insert_rows(
    session: Session,
    table: Table,
    rows: list[dict],
    constants: dict[str, object] | None = None,
    *,
    returning: bool = False,
) -> list[int]:
    """Insert `rows` (dicts with the same keys) and `constants` (the same for every row) into
    `table`, a statement per BATCH rows. With `returning`, the new ids in the order of `rows`."""
    if not rows:
        return []
    names, constants = list(rows[0]), constants or {}
    fixed = [literal(value, table.c[name].type) for name, value in constants.items()]
    ids: list[int] = []
    for batch in _batches(tuple(row[name] for name in names) for row in rows):
        values, order, source = _source(session, table, names, batch)
        query = select(*values, *fixed).select_from(source).where(true()).order_by(order)
        statement = table.insert().from_select([*names, *constants], query)
        if returning:
            # Ids are handed out in the order the SELECT yields its rows (what SQLAlchemy's
            # own "insertmanyvalues" relies on), so sorted they pair with the batch's rows.
            ids += sorted(session.scalars(statement.returning(table.c.id)))
        else:
            session.execute(statement)
    return ids


ENTRY_FIELDS = ("goal_id", "date", "value", "skipped", "note")


def put_entries(session: Session, rows: Iterable[Sequence], now: datetime) -> int:
    """Write entries, given as (goal_id, date, value, skipped, note), a statement per BATCH;
    each replaces the stored entry of its (goal, date), note included. Returns how many."""
    table, written = Entry.__table__, 0
    stamp = literal(now, table.c.updated_at.type)
    for batch in _batches(rows):
        values, order, source = _source(session, table, ENTRY_FIELDS, batch)
        query = select(*values, stamp).select_from(source).where(true()).order_by(order)
        statement = dialect_insert(session, table).from_select([*ENTRY_FIELDS, "updated_at"], query)
        changes = {name: statement.excluded[name] for name in ENTRY_FIELDS[2:]}
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["goal_id", "date"],
                set_={**changes, "updated_at": statement.excluded.updated_at},
            )
        )
        written += len(batch)
    return written
