"""The INSERT of the session's database, for upserts: SQLite and PostgreSQL share
`ON CONFLICT ... DO UPDATE`, and SQLAlchemy builds it from each dialect's own insert."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def dialect_insert(session: Session, model):
    """INSERT for the session's database, with its ON CONFLICT clauses."""
    name = session.get_bind().dialect.name
    return (postgresql.insert if name == "postgresql" else sqlite.insert)(model)
