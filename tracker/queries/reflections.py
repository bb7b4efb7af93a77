"""Reflections (journal entries)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.models import Reflection
from tracker.queries.owned import owned_row


def reflections_of_user(
    session: Session, user_id: int, rejection_id: int | None = None
) -> list[Reflection]:
    """The user's reflections, newest first (by date, then the one written last); with
    `rejection_id`, only those debriefing that rejection."""
    query = select(Reflection).where(Reflection.user_id == user_id)
    if rejection_id is not None:
        query = query.where(Reflection.rejection_id == rejection_id)
    return list(session.scalars(query.order_by(Reflection.date.desc(), Reflection.id.desc())))


def reflection_of_user(session: Session, user_id: int, reflection_id: int) -> Reflection | None:
    return owned_row(session, Reflection, user_id, reflection_id)


def reflection_dates(session: Session, user_id: int) -> list[date]:
    return list(session.scalars(select(Reflection.date).where(Reflection.user_id == user_id)))
