"""Practice sessions, and the questions users add to practise."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tracker.models import PracticeQuestion, PracticeSession
from tracker.queries.owned import newest_first, owned_count, owned_row


def practice_sessions_of_user(session: Session, user_id: int) -> list[PracticeSession]:
    """The user's practice sessions, newest first (by date, then the one logged last)."""
    return newest_first(session, PracticeSession, user_id, PracticeSession.date)


def count_practice_sessions(session: Session, user_id: int) -> int:
    return owned_count(session, PracticeSession, user_id)


def practice_questions_of_user(session: Session, user_id: int) -> list[PracticeQuestion]:
    """The user's own practice questions, newest first (the one added last first)."""
    return newest_first(session, PracticeQuestion, user_id)


def practice_question_of_user(
    session: Session, user_id: int, question_id: int
) -> PracticeQuestion | None:
    return owned_row(session, PracticeQuestion, user_id, question_id)
