"""Goals and entries."""

from __future__ import annotations

from tracker import clock
from tracker.extensions import db
from tracker.services import goals as goal_service
from tracker.web.api import bp
from tracker.web.api.registry import DATE_RANGE, operation, parse_date, parse_range
from tracker.web.schemas import EntryOut, EntryPut, GoalCreate, GoalOut, GoalUpdate
from tracker.web.session import today_for


def entry_out(goal, entry) -> dict:
    return {
        "goal_id": goal.id,
        "date": entry.date,
        "value": entry.value,
        "skipped": entry.skipped,
        "note": entry.note,
        "done": goal_service.is_done(goal, entry),
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
    caller=True,
)
def put_entry(user, goal_id: int, day: str, body: EntryPut):
    goal = goal_service.get_goal_ref(db.session, user.id, goal_id)
    entry = goal_service.put_entry(
        db.session,
        goal,
        parse_date(day, "date"),
        today_for(user),
        clock.now_utc(),
        value=body.value,
        skipped=body.skipped,
        note=body.note,
    )
    db.session.commit()
    return entry_out(goal, entry)


@operation(
    bp,
    "DELETE",
    "/goals/<int:goal_id>/entries/<day>",
    summary="Remove a check-in",
    status=204,
    caller=True,
)
def delete_entry(user, goal_id: int, day: str):
    goal = goal_service.get_goal_ref(db.session, user.id, goal_id)
    goal_service.remove_entry(db.session, goal, parse_date(day, "date"), today_for(user))
    db.session.commit()


@operation(
    bp,
    "GET",
    "/goals/<int:goal_id>/entries",
    summary="Entries of a goal",
    response=list[EntryOut],
    query=DATE_RANGE,
    caller=True,
)
def list_entries(user, goal_id: int):
    goal = goal_service.get_goal_ref(db.session, user.id, goal_id)
    start, end = parse_range()
    return [entry_out(goal, e) for e in goal_service.list_entries(db.session, goal, start, end)]
