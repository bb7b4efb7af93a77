"""A user's own rows of a table with `id` and `user_id`: one by id (another user's row reads
as no row at all), all of them newest first, or the local dates they carry."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, Select, bindparam, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session


def owned_row(session: Session, model, user_id: int, row_id: int):
    """The row of `model` whose id is `row_id` when it is the user's, else None."""
    query = select(model).where(model.id == row_id, model.user_id == user_id)
    return session.scalars(query).first()


def newest_first(
    session: Session,
    model,
    user_id: int,
    by: InstrumentedAttribute | None = None,
    where: Iterable[ColumnElement[bool]] = (),
) -> list:
    """The user's rows of `model` that meet every condition of `where`, newest first: latest
    `by` first (a date, a time), then the one written last (the highest id)."""
    order = [model.id.desc()] if by is None else [by.desc(), model.id.desc()]
    query = select(model).where(model.user_id == user_id, *where).order_by(*order)
    return list(session.scalars(query))


@functools.cache
def _dates_of(model) -> Select:
    # Built once per table with a bound parameter: every history read runs two or three.
    return select(model.date).where(model.user_id == bindparam("user_id"))


def owned_dates(session: Session, model, user_id: int) -> list[date]:
    """The `date` of each of the user's rows of `model`, in no particular order."""
    return list(session.scalars(_dates_of(model), {"user_id": user_id}))


@functools.cache
def _count_of(model) -> Select:
    return select(func.count()).select_from(model).where(model.user_id == bindparam("user_id"))


def owned_count(session: Session, model, user_id: int) -> int:
    """How many rows of `model` the user has (counted in the database, none loaded)."""
    return session.scalar(_count_of(model), {"user_id": user_id}) or 0
