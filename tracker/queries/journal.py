"""Rejections and breaks."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from tracker.core.inputs import BreakSpec
from tracker.models import Break, Rejection
from tracker.queries.owned import newest_first, owned_dates, owned_row


def rejections_of_user(
    session: Session, user_id: int, start: date | None = None, end: date | None = None
) -> list[Rejection]:
    within = []
    if start is not None:
        within.append(Rejection.date >= start)
    if end is not None:
        within.append(Rejection.date <= end)
    return newest_first(session, Rejection, user_id, Rejection.date, within)


def rejection_dates(session: Session, user_id: int) -> list[date]:
    return owned_dates(session, Rejection, user_id)


def rejection_of_user(session: Session, user_id: int, rejection_id: int) -> Rejection | None:
    return owned_row(session, Rejection, user_id, rejection_id)


def breaks_of_user(session: Session, user_id: int) -> list[Break]:
    return list(
        session.scalars(select(Break).where(Break.user_id == user_id).order_by(Break.start))
    )


_BREAK_SPANS = (
    select(Break.start, Break.end)
    .where(Break.user_id == bindparam("user_id"))
    .order_by(Break.start)
)


def break_spans(session: Session, user_id: int) -> list[BreakSpec]:
    """The user's breaks as the engine's input, by start, read as plain rows (no ORM
    objects)."""
    rows = session.execute(_BREAK_SPANS, {"user_id": user_id})
    return [BreakSpec(start=start, end=end) for start, end in rows]


def break_of_user(session: Session, user_id: int, break_id: int) -> Break | None:
    return owned_row(session, Break, user_id, break_id)
