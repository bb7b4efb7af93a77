"""Reflections (journal entries)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from tracker.models import Reflection
from tracker.queries.owned import newest_first, owned_dates, owned_row


def reflections_of_user(
    session: Session, user_id: int, rejection_id: int | None = None
) -> list[Reflection]:
    """The user's reflections, newest first (by date, then the one written last); with
    `rejection_id`, only those debriefing that rejection."""
    only = [] if rejection_id is None else [Reflection.rejection_id == rejection_id]
    return newest_first(session, Reflection, user_id, Reflection.date, only)


def reflection_of_user(session: Session, user_id: int, reflection_id: int) -> Reflection | None:
    return owned_row(session, Reflection, user_id, reflection_id)


def reflection_dates(session: Session, user_id: int) -> list[date]:
    return owned_dates(session, Reflection, user_id)
