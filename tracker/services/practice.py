"""Practice: the built-in bank, the item of the day, the sessions a user logs, the questions
a user adds to their own practice list, and what to rehearse before an interview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from tracker import queries
from tracker.core import practice_bank
from tracker.core.practice_bank import PracticeItem
from tracker.models import Interview, PracticeQuestion, PracticeSession, Removal, User
from tracker.services import limits, reflections, removals
from tracker.services.errors import Invalid, refuse_future, require_found
from tracker.services.progress import count_towards_goal


def list_items() -> tuple[PracticeItem, ...]:
    """Every item of the bank, grouped by kind."""
    return practice_bank.all_items()


# How many earlier debriefs the prep page recalls.
EARLIER_DEBRIEFS = 3


@dataclass(frozen=True)
class Prep:
    """What the prep page holds besides the interview: today's picks for its kind, the
    user's earlier interviews with an outcome or a debrief (latest first), and their own
    practice questions (the one added last first)."""

    picks: tuple[PracticeItem, ...]
    debriefs: list[Interview]
    questions: list[PracticeQuestion]


def item_of_the_day(session: Session, user: User, today: date) -> PracticeItem:
    """The user's item for their local `today`: the same all day, another one tomorrow.

    While an interview starts on a local date from `today` through INTERVIEW_DAYS days later
    (inclusive; a cancelled one is gone), the pick comes from the items that fit the kind of
    the soonest one (practice_bank.items_for); otherwise from the whole bank. One query.
    """
    start = datetime.combine(today, time())
    end = start + timedelta(days=practice_bank.INTERVIEW_DAYS + 1)
    soonest = queries.interviews_ahead(session, user.id, start, end, 1)
    if not soonest:
        return practice_bank.daily_pick(user.id, today)
    return practice_bank.daily_pick(user.id, today, practice_bank.items_for(soonest[0].kind))


def interview_prep(session: Session, user: User, interview: Interview, today: date) -> Prep:
    """What to rehearse and recall before one of the user's interviews, on their local
    `today`: practice_bank.prep_picks for its kind, the EARLIER_DEBRIEFS latest interviews
    that started before it and have an outcome or a debrief, and the user's own questions."""
    return Prep(
        picks=practice_bank.prep_picks(user.id, today, interview.kind),
        debriefs=queries.debriefed_before(session, user.id, interview.starts_at, EARLIER_DEBRIEFS),
        questions=list_questions(session, user),
    )


def log_session(
    session: Session,
    user: User,
    today: date,
    now: datetime,
    *,
    date: date,
    rating: int,
    item_id: str | None = None,
    note: str = "",
) -> PracticeSession:
    """Record a practice session on a local date up to `today`; it counts towards the user's
    first practice goal. Raises Invalid for a future date or an item not in the bank."""
    refuse_future(date, today)
    if item_id is not None and practice_bank.item_by_id(item_id) is None:
        raise Invalid(
            "That practice item does not exist.",
            {"item_id": "Pick an id from GET /api/v1/practice/items."},
        )
    limits.room_for(session, user.id, "practice_sessions")
    practice = PracticeSession(
        user_id=user.id, date=date, item_id=item_id, rating=rating, note=note, created_at=now
    )
    session.add(practice)
    session.flush()
    count_towards_goal(session, user, "practice", date, now)
    return practice


def list_sessions(session: Session, user: User) -> list[PracticeSession]:
    """The user's practice sessions, newest first."""
    return queries.practice_sessions_of_user(session, user.id)


def add_question(
    session: Session, user: User, now: datetime, *, text: str, rejection_id: int | None = None
) -> PracticeQuestion:
    """Put a question (or a habit to work on) on the user's own practice list, optionally
    linked to the rejection whose debrief it came from. `text` is already checked (trimmed,
    1-500 characters).

    A question already on the list with the same text is answered instead of a second copy
    (a form sent twice adds one). It is not a reflection: it counts towards no goal. Raises
    NotFound when `rejection_id` is not one of the user's rejections.
    """
    if rejection_id is not None:
        reflections.own_rejection(session, user, rejection_id)
    found = queries.practice_questions_of_user(session, user.id)
    same = next((q for q in found if q.text == text), None)
    if same is not None:
        return same
    limits.room_for(session, user.id, "practice_questions")
    question = PracticeQuestion(
        user_id=user.id, text=text, rejection_id=rejection_id, created_at=now
    )
    session.add(question)
    session.flush()
    return question


def list_questions(session: Session, user: User) -> list[PracticeQuestion]:
    """The user's own practice questions, the one added last first."""
    return queries.practice_questions_of_user(session, user.id)


def get_question(session: Session, user: User, question_id: int) -> PracticeQuestion:
    """One of the user's own questions; NotFound for any other id (another user's too)."""
    return require_found(
        queries.practice_question_of_user(session, user.id, question_id),
        "No such practice question.",
    )


def delete_question(session: Session, user: User, question_id: int, now: datetime) -> Removal:
    """Take one of the user's own questions off their list, so that it can be put back;
    NotFound for any other id. Practice sessions logged on it stay (they hold its words in
    their note)."""
    question = get_question(session, user, question_id)
    return removals.remove(session, question, f"“{question.text[:80]}”", now)
