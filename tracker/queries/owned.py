"""One row by id among a user's own: another user's row reads as no row at all."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session


def owned_row(session: Session, model, user_id: int, row_id: int):
    """The row of `model` (a table with `id` and `user_id`) whose id is `row_id` when it is
    the user's, else None."""
    query = select(model).where(model.id == row_id, model.user_id == user_id)
    return session.scalars(query).first()
