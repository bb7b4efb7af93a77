"""Practice sessions, and the questions users add to practise."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.models import PracticeQuestion, PracticeSession
from tracker.queries.owned import owned_row


def practice_sessions_of_user(session: Session, user_id: int) -> list[PracticeSession]:
    """The user's practice sessions, newest first (by date, then the one logged last)."""
    return list(
        session.scalars(
            select(PracticeSession)
            .where(PracticeSession.user_id == user_id)
            .order_by(PracticeSession.date.desc(), PracticeSession.id.desc())
        )
    )


def practice_questions_of_user(session: Session, user_id: int) -> list[PracticeQuestion]:
    """The user's own practice questions, newest first (the one added last first)."""
    return list(
        session.scalars(
            select(PracticeQuestion)
            .where(PracticeQuestion.user_id == user_id)
            .order_by(PracticeQuestion.id.desc())
        )
    )


def practice_question_of_user(
    session: Session, user_id: int, question_id: int
) -> PracticeQuestion | None:
    return owned_row(session, PracticeQuestion, user_id, question_id)
