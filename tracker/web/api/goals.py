"""Goals and entries."""

from __future__ import annotations

from tracker import clock
from tracker.core import streaks
from tracker.extensions import db
from tracker.services import goals as goal_service
from tracker.web.api import bp
from tracker.web.api.registry import DATE_RANGE, operation, parse_date, parse_range
from tracker.web.http.identity import today_for
from tracker.web.schemas import EntryOut, EntryPut, GoalCreate, GoalOut, GoalUpdate


def entry_out(entry, target: int) -> dict:
    """An entry (an Entry or a row) as the API shows it, done or not by its goal's target."""
    return {
        "goal_id": entry.goal_id,
        "date": entry.date,
        "value": entry.value,
        "skipped": entry.skipped,
        "note": entry.note,
        "done": streaks.is_done(entry, target),
    }


@operation(bp, "GET", "/goals", summary="List goals (archived too)", response=list[GoalOut])
def list_goals(user):
    return user.goals


@operation(
    bp, "POST", "/goals", summary="Create a goal", body=GoalCreate, response=GoalOut, status=201
)
def create_goal(user, body: GoalCreate):
    goal = goal_service.create_goal(db.session, user, today_for(user), **body.model_dump())
    db.session.commit()
    return goal


@operation(
    bp, "PATCH", "/goals/<int:goal_id>", summary="Change a goal", body=GoalUpdate, response=GoalOut
)
def update_goal(user, goal_id: int, body: GoalUpdate):
    goal = goal_service.get_goal(db.session, user, goal_id)
    changes = {name: getattr(body, name) for name in body.model_fields_set}
    goal_service.update_goal(db.session, goal, today_for(user), changes)
    db.session.commit()
    return goal


@operation(
    bp, "DELETE", "/goals/<int:goal_id>", summary="Delete a goal and its entries", status=204
)
def delete_goal(user, goal_id: int):
    goal_service.delete_goal(db.session, goal_service.get_goal(db.session, user, goal_id))
    db.session.commit()


@operation(
    bp,
    "PUT",
    "/goals/<int:goal_id>/entries/<day>",
    summary="Check in (idempotent)",
    body=EntryPut,
    response=EntryOut,
)
def put_entry(user, goal_id: int, day: str, body: EntryPut):
    # Anyone else's goal answers 404 whatever else is wrong: look it up before the date.
    goal = goal_service.get_goal(db.session, user, goal_id)
    entry = goal_service.check_in(
        db.session,
        user,
        goal_id,
        parse_date(day, "date"),
        today_for(user),
        clock.now_utc(),
        value=body.value,
        skipped=body.skipped,
        note=body.note,
        # Marking or clearing a rest day without a value keeps the stored one (SPEC 2).
        keep_value=body.value is None and "skipped" in body.model_fields_set,
    )
    db.session.commit()
    return entry_out(entry, goal.target)


@operation(
    bp, "DELETE", "/goals/<int:goal_id>/entries/<day>", summary="Remove a check-in", status=204
)
def delete_entry(user, goal_id: int, day: str):
    goal_service.get_goal(db.session, user, goal_id)
    goal_service.remove_entry(db.session, user, goal_id, parse_date(day, "date"), today_for(user))
    db.session.commit()


@operation(
    bp,
    "GET",
    "/goals/<int:goal_id>/entries",
    summary="Entries of a goal",
    response=list[EntryOut],
    query=DATE_RANGE,
)
def list_entries(user, goal_id: int):
    start, end = parse_range(today_for(user))
    goal, entries = goal_service.entries(db.session, user, goal_id, start, end)
    return [entry_out(e, goal.target) for e in entries]
