"""Practice sessions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.models import PracticeSession


def practice_sessions_of_user(session: Session, user_id: int) -> list[PracticeSession]:
    """The user's practice sessions, newest first (by date, then the one logged last)."""
    return list(
        session.scalars(
            select(PracticeSession)
            .where(PracticeSession.user_id == user_id)
            .order_by(PracticeSession.date.desc(), PracticeSession.id.desc())
        )
    )


def count_practice_on(session: Session, user_id: int, day: date) -> int:
    return (
        session.scalar(
            select(func.count(PracticeSession.id)).where(
                PracticeSession.user_id == user_id, PracticeSession.date == day
            )
        )
        or 0
    )
