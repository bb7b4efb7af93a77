"""Reflections: journal entries, the guided prompts, and the debrief after a rejection."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from tracker import queries
from tracker.core import prompts
from tracker.core.days import human_date
from tracker.models import Reflection, Rejection, Removal, User
from tracker.services import removals
from tracker.services.errors import require_found
from tracker.services.journal import add_record
from tracker.services.progress import count_towards_goal


def own_rejection(session: Session, user: User, rejection_id: int) -> Rejection:
    """One of the user's rejections; NotFound (naming `rejection_id`) for any other id."""
    return require_found(
        queries.rejection_of_user(session, user.id, rejection_id),
        "No such rejection.",
        {"rejection_id": "No rejection of yours has this id."},
    )


def add_reflection(
    session: Session,
    user: User,
    today: date,
    now: datetime,
    *,
    date: date,
    text: str,
    prompt: str | None = None,
    rejection_id: int | None = None,
) -> Reflection:
    """Save a reflection on a local date up to `today`; it counts towards the user's first
    reflect goal. Raises Invalid for a future date and NotFound when `rejection_id` is not
    one of the user's rejections (another user's id is indistinguishable from a missing one).
    """
    if rejection_id is not None:
        own_rejection(session, user, rejection_id)
    reflection = Reflection(date=date, text=text, prompt=prompt or None, rejection_id=rejection_id)
    add_record(session, user, today, now, "reflections", reflection)
    count_towards_goal(session, user, "reflect", date, now)
    return reflection


def list_reflections(session: Session, user: User, search: str | None = None) -> list[Reflection]:
    """The user's reflections, newest first; with `search`, only those whose text or prompt
    contains it, ignoring case (Unicode case folding, the same on every database)."""
    reflections = queries.reflections_of_user(session, user.id)
    if not search:
        return reflections
    needle = search.casefold()
    return [
        r
        for r in reflections
        if needle in r.text.casefold() or needle in (r.prompt or "").casefold()
    ]


def reflections_on(session: Session, user: User, rejection_id: int) -> list[Reflection]:
    """The user's reflections linked to one of their rejections (its debrief), newest first."""
    return queries.reflections_of_user(session, user.id, rejection_id)


def recent_rejection(session: Session, user: User, today: date) -> tuple[Rejection, bool] | None:
    """The user's latest rejection when it was logged on `today` or the day before (while it
    shields the streak), and whether any reflection debriefs it yet; else None."""
    # Only the last two days are read: an older latest rejection is not recent anyway.
    found = queries.rejections_of_user(session, user.id, start=today - timedelta(days=1))
    if not found:
        return None
    latest = found[0]
    return latest, bool(reflections_on(session, user, latest.id))


def prompt_of_the_day(today: date) -> prompts.Prompt:
    """The guided prompt offered on a local date: the same all day, the next one tomorrow."""
    return prompts.GUIDED[today.toordinal() % len(prompts.GUIDED)]


def delete_reflection(session: Session, user: User, reflection_id: int, now: datetime) -> Removal:
    """Delete one of the user's reflections, so that it can be put back; another id raises
    NotFound. The goal entry it raised stays as it is (entries are never lowered behind the
    user's back)."""
    reflection = require_found(
        queries.reflection_of_user(session, user.id, reflection_id), "No such reflection."
    )
    words = f"your reflection of {human_date(reflection.date)}"
    return removals.remove(session, reflection, words, now)


def prompts_for(
    session: Session, user: User, rejection_id: int | None = None
) -> tuple[prompts.Prompt, ...]:
    """The debrief prompts for one of the user's rejections, or the guided prompts without
    one. Raises NotFound for a rejection id that is not the user's."""
    if rejection_id is None:
        return prompts.prompts_for(after_rejection=False)
    own_rejection(session, user, rejection_id)
    return prompts.prompts_for(after_rejection=True)
