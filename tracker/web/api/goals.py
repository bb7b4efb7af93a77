"""Goals and entries."""

from __future__ import annotations

from datetime import date

from tracker import clock
from tracker.core import streaks
from tracker.extensions import db
from tracker.services import goals as goal_service
from tracker.services.errors import Invalid
from tracker.web.api import bp
from tracker.web.api.answers import (
    BODY,
    LIMITED,
    NAMES_ID,
    QUERY,
    SIGNED_IN,
    WRITE,
    json_answer,
    no_content,
)
from tracker.web.api.hooks import caller
from tracker.web.api.ranges import date_range, parse_date
from tracker.web.http.identity import today_for
from tracker.web.schemas import EntryOut, EntryPut, GoalCreate, GoalOut, GoalUpdate
from tracker.web.schemas.lists import EntryList, GoalList
from tracker.web.schemas.queries import DateRange, EntryPath, GoalPath


def entry_out(entry, target: int) -> EntryOut:
    """An entry (an Entry or a row) as the API shows it, done or not by its goal's target."""
    return EntryOut(
        goal_id=entry.goal_id,
        date=entry.date,
        value=entry.value,
        skipped=entry.skipped,
        note=entry.note,
        done=streaks.is_done(entry, target),
    )


@bp.get("/goals", responses={200: GoalList, **SIGNED_IN})
def list_goals():
    """List goals (archived too)"""
    return json_answer(GoalList, caller().goals)


@bp.post("/goals", responses={201: GoalOut, **WRITE, **BODY, **LIMITED})
def create_goal(body: GoalCreate):
    """Create a goal"""
    user = caller()
    goal = goal_service.create_goal(db.session, user, today_for(user), **body.model_dump())
    db.session.commit()
    return json_answer(GoalOut, goal, 201)


@bp.patch("/goals/<int:goal_id>", responses={200: GoalOut, **WRITE, **BODY, **NAMES_ID})
def update_goal(path: GoalPath, body: GoalUpdate):
    """Change a goal"""
    user = caller()
    goal = goal_service.get_goal(db.session, user, path.goal_id)
    changes = {name: getattr(body, name) for name in body.model_fields_set}
    goal_service.update_goal(db.session, goal, today_for(user), changes)
    db.session.commit()
    return json_answer(GoalOut, goal)


@bp.delete("/goals/<int:goal_id>", responses={204: None, **WRITE, **NAMES_ID})
def delete_goal(path: GoalPath):
    """Delete a goal and its entries"""
    goal_service.delete_goal(db.session, goal_service.get_goal(db.session, caller(), path.goal_id))
    db.session.commit()
    return no_content()


def _path_date(user, path: EntryPath) -> date:
    """The path's date. An unreadable one is refused once the goal is known to be the
    caller's: anyone else's goal answers 404 whatever else is wrong, as on every route (the
    service does the same for a date the calendar refuses)."""
    try:
        return parse_date(path.day, "date")
    except Invalid:
        goal_service.get_goal(db.session, user, path.goal_id)
        raise


@bp.put(
    "/goals/<int:goal_id>/entries/<day>",
    responses={200: EntryOut, **WRITE, **BODY, **NAMES_ID},
)
def put_entry(path: EntryPath, body: EntryPut):
    """Check in (idempotent)"""
    user = caller()
    entry = goal_service.check_in(
        db.session,
        user,
        path.goal_id,
        _path_date(user, path),
        today_for(user),
        clock.now_utc(),
        value=body.value,
        skipped=body.skipped,
        note=body.note,
        # Marking or clearing a rest day without a value keeps the stored one (SPEC 2).
        keep_value=body.value is None and "skipped" in body.model_fields_set,
    )
    db.session.commit()
    return json_answer(EntryOut, entry_out(entry, entry.target))  # the row carries it


@bp.delete(
    "/goals/<int:goal_id>/entries/<day>",
    responses={204: None, **WRITE, **QUERY, **NAMES_ID},
)
def delete_entry(path: EntryPath):
    """Remove a check-in"""
    user = caller()
    day = _path_date(user, path)
    goal_service.remove_entry(db.session, user, path.goal_id, day, today_for(user))
    db.session.commit()
    return no_content()


@bp.get(
    "/goals/<int:goal_id>/entries", responses={200: EntryList, **SIGNED_IN, **QUERY, **NAMES_ID}
)
def list_entries(path: GoalPath, query: DateRange):
    """Entries of a goal"""
    user = caller()
    start, end = date_range(query, today_for(user))
    goal, entries = goal_service.entries(db.session, user, path.goal_id, start, end)
    return json_answer(EntryList, [entry_out(e, goal.target) for e in entries])
