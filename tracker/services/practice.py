"""Practice: the built-in bank, the item of the day and the sessions a user logs."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from tracker import queries
from tracker.core import practice_bank
from tracker.core.practice_bank import PracticeItem
from tracker.models import PracticeSession, User
from tracker.services.errors import Invalid, refuse_future
from tracker.services.progress import count_towards_goal


def list_items() -> tuple[PracticeItem, ...]:
    """Every item of the bank, grouped by kind."""
    return practice_bank.all_items()


def item_of_the_day(user: User, today: date) -> PracticeItem:
    """The user's item for their local `today`: the same all day, another one tomorrow."""
    return practice_bank.daily_pick(user.id, today)


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
