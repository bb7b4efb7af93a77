"""Goals and their daily entries (check-ins)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Row
from sqlalchemy.orm import Session

from tracker import queries
from tracker.core import streaks
from tracker.core.limits import MAX_ENTRY_VALUE
from tracker.models import ALL_WEEKDAYS, Entry, Goal, User, weekdays_to_mask
from tracker.services import limits
from tracker.services.errors import Invalid, refuse_future, require_found


def get_goal(session: Session, user: User, goal_id: int) -> Goal:
    """One of the user's goals; any other id raises NotFound."""
    return require_found(queries.goal_of_user(session, user.id, goal_id), "No such goal.")


def create_goal(
    session: Session,
    user: User,
    today: date,
    *,
    category: str,
    title: str,
    target: int = 1,
    weekdays: list[int] | None = None,
) -> Goal:
    """A new goal starting on the user's local `today` (weekdays default to every day).

    Raises LimitReached when the user already has MAX_GOALS (tracker.core.limits)."""
    limits.room_for_goals(session, user.id)
    goal = Goal(
        user_id=user.id,
        category=category,
        title=title,
        target=target,
        weekday_mask=weekdays_to_mask(weekdays) if weekdays else ALL_WEEKDAYS,
        created_on=today,
    )
    session.add(goal)
    session.flush()
    return goal


def update_goal(session: Session, goal: Goal, today: date, changes: dict) -> Goal:
    """Apply the given fields; archiving keeps history and stops scheduling from `today`.

    A new target, schedule or archiving changes how every day of the goal counts, so the
    user's streak checkpoints are forgotten."""
    before = (goal.target, goal.weekday_mask, goal.archived_on)
    for field in ("category", "title", "target"):
        if field in changes:
            setattr(goal, field, changes[field])
    if "weekdays" in changes:
        goal.weekday_mask = weekdays_to_mask(changes["weekdays"])
    if "archived" in changes:
        if changes["archived"] and goal.archived_on is None:
            goal.archived_on = today
        elif not changes["archived"]:
            goal.archived_on = None
    if (goal.target, goal.weekday_mask, goal.archived_on) != before:
        queries.forget_checkpoints(session, goal.user_id)
    session.flush()
    return goal


def delete_goal(session: Session, goal: Goal) -> None:
    """Delete a goal and every entry of it."""
    queries.forget_checkpoints(session, goal.user_id)
    session.delete(goal)
    session.flush()


def check_in(
    session: Session,
    user: User,
    goal_id: int,
    day: date,
    today: date,
    now: datetime,
    *,
    value: int | None = None,
    skipped: bool = False,
    note: str | None = None,
    keep_value: bool = False,
) -> Row:
    """Write the one entry of (goal, day), idempotently: the API, the pages and the offline
    replay all check in here.

    `value` defaults to the goal's target (a tap means "done"); with `keep_value` a stored
    value is kept instead (marking or clearing a rest day never loses a check-in, SPEC 2);
    `note` None keeps the stored note. A goal that is not the user's raises NotFound, before
    anything else is checked; a `day` after the user's local `today` raises Invalid. The
    entry as stored (a row with the Entry's attribute names and the goal's `target`).
    """
    refuse_date(session, user, goal_id, day, today)
    values = {"goal_id": goal_id, "date": day, "value": value, "skipped": skipped}
    values |= {"note": note or "", "updated_at": now}
    row = queries.check_in(session, user.id, values, keep_note=note is None, keep_value=keep_value)
    changed_day(session, user, day, today)
    return require_found(row, "No such goal.")


def add_to_entry(
    session: Session, user: User, goal_id: int, day: date, today: date, now: datetime, delta: int
) -> Row:
    """One more (`delta` 1) or one less (-1) on the entry of (goal, day), as one atomic
    update: taps that land at once each count. The value stays within 0..MAX_ENTRY_VALUE and
    the entry stops being a rest day. Raises as `check_in` does; the entry as stored."""
    refuse_date(session, user, goal_id, day, today)
    row = queries.add_to_entry(session, user.id, goal_id, day, delta, MAX_ENTRY_VALUE, now)
    changed_day(session, user, day, today)
    return require_found(row, "No such goal.")


def refuse_date(session: Session, user: User, goal_id: int, day: date, today: date) -> None:
    """Invalid for a `day` the calendar refuses (after `today`, before the earliest date),
    once the goal is known to be the user's: anyone else's goal is NotFound whatever else
    is wrong, as on every route. A date that is fine costs no query: the write itself
    checks the owner."""
    try:
        refuse_future(day, today)
    except Invalid:
        get_goal(session, user, goal_id)
        raise


def remove_entry(session: Session, user: User, goal_id: int, day: date, today: date) -> None:
    """Delete the entry of (goal, day) if there is one. Raises as `check_in` does."""
    goal = get_goal(session, user, goal_id)
    refuse_future(day, today)
    if queries.delete_entry(session, goal.id, day):
        changed_day(session, user, day, today)


def changed_day(session: Session, user: User, day: date, today: date) -> None:
    """An entry of `day` changed: forget the streak checkpoints from that day on. Today is
    never in one (a checkpoint ends with a finished day), so a check-in for today costs
    nothing here."""
    if day < today:
        queries.forget_checkpoints(session, user.id, day)


def is_done(goal: Goal, entry: Entry | None) -> bool:
    """Done means not skipped and value at least the target (the rule streaks count by)."""
    return entry is not None and streaks.is_done(entry, goal.target)


def entries(
    session: Session, user: User, goal_id: int, start: date | None, end: date | None
) -> tuple[Goal, list[Entry]]:
    """The goal, and its entries from `start` to `end` inclusive (either open), by date."""
    goal = get_goal(session, user, goal_id)
    return goal, queries.entries_of_goal(session, goal.id, start, end)


def get_entry(session: Session, goal: Goal, day: date) -> Entry | None:
    """The entry of (goal, day), or None."""
    return queries.entry_for(session, goal.id, day)
