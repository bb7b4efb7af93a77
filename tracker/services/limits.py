"""The per-account limits of tracker.core.limits, checked before anything is written.

Every use case that creates a goal or a journal record calls one of these first; an import
calls them with what it would add. A refusal is LimitReached (422) naming the limit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from tracker.core import limits
from tracker.queries import imports
from tracker.services.errors import LimitReached

# The form field a page shows the refusal beside, for each kind.
_FIELDS = {
    "applications": "company",
    "rejections": "date",
    "breaks": "start",
    "practice_sessions": "date",
    "reflections": "date",
    "practice_questions": "text",
    "interviews": "starts_at",
}


def room_for_goals(session: Session, user_id: int, adding: int = 1, field: str = "title") -> None:
    """Raise LimitReached when `adding` more goals would pass MAX_GOALS (archived included);
    `field` names where (default: the title of the goal form)."""
    held = imports.count_goals(session, user_id) if adding else 0
    if adding and not limits.room_left(held, adding, limits.MAX_GOALS):
        message = limits.goals_message()
        if adding > 1:  # an import: say how far it would go
            message += f" You have {held:,}; this file would add {adding:,}."
        raise LimitReached(message, {field: message})


def room_for(
    session: Session, user_id: int, kind: str, adding: int = 1, field: str | None = None
) -> None:
    """Raise LimitReached when `adding` more records of `kind` (a key of
    tracker.core.limits.RECORD_KINDS) would pass MAX_RECORDS; `field` names where (default:
    the field of the page's form)."""
    if not adding:
        return
    held = imports.count_records(session, kind, user_id)
    if not limits.room_left(held, adding, limits.MAX_RECORDS):
        message = limits.records_message(kind)
        if adding > 1:  # an import: say how far it would go
            message += f" You hold {held:,}; this file would add {adding:,}."
        raise LimitReached(message, {field or _FIELDS[kind]: message})
