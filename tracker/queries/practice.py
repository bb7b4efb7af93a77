"""Practice sessions."""

from __future__ import annotations

from sqlalchemy import select
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
