"""Rows written straight into a database with SQL, the way a migration test sets up a schema
of an older revision (the app's models describe only the newest one)."""

from __future__ import annotations

from sqlalchemy import create_engine, event, text


def write_rows(url: str, *statements: tuple[str, dict]) -> None:
    """Run each (SQL, parameters) on the database at `url`, in order, in one transaction.

    On SQLite foreign keys are on, as the app connects, so a deleted row takes along the rows
    that cascade from it.
    """
    engine = create_engine(url)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA foreign_keys=ON"))
    with engine.begin() as db:
        for statement, parameters in statements:
            db.execute(text(statement), parameters)
    engine.dispose()
