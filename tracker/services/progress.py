"""What the journal does for the goals: logging an application, a practice session or a
reflection counts towards the user's first goal of that category (SPEC section 4)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from tracker import queries
from tracker.core.limits import MAX_ENTRY_VALUE
from tracker.models import Application, PracticeSession, Reflection, User

# What is counted towards the first goal of each category.
_LOGGED = {"apply": Application, "practice": PracticeSession, "reflect": Reflection}


def count_towards_goal(
    session: Session, user: User, category: str, day: date, now: datetime
) -> None:
    """Raise the entry of `day` of the user's first goal of `category` (lowest id, not
    archived) to at least the number of things of that category logged on `day`.

    Never lowers a value and keeps the entry's note; a skipped entry stops being skipped
    (showing up on a rest day counts). Nothing happens when the user has no such goal, or
    when `day` lies before the goal's creation date (the record stays in the journal, but
    the goal did not exist yet: SPEC 4). Call it after the new thing is flushed, so the
    count includes it.
    """
    goal = queries.first_goal(session, user.id, category)
    if goal is None or day < goal.created_on:
        return
    if category == "apply":  # a saved listing is not an application yet
        count = queries.count_sent_on(session, user.id, day)
    else:
        count = queries.count_logged_on(session, _LOGGED[category], user.id, day)
    if count > 0:
        queries.raise_entry(session, goal, day, min(count, MAX_ENTRY_VALUE), now)
        queries.forget_checkpoints(session, user.id, day)
