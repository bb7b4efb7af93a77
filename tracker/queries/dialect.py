"""The INSERT of the session's database, for upserts: SQLite and PostgreSQL share
`ON CONFLICT ... DO UPDATE`, and SQLAlchemy builds it from each dialect's own insert."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_of(dialect: str):
    """The `insert` of the database named `dialect` ("postgresql", or "sqlite")."""
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def dialect_insert(session: Session, model):
    """INSERT for the session's database, with its ON CONFLICT clauses."""
    return insert_of(session.get_bind().dialect.name)(model)
