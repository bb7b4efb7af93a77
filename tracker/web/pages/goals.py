"""The Goals page: create, edit title, target and weekdays, archive and restore."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from tracker.core.labels import WEEKDAY
from tracker.extensions import db
from tracker.services import goals as goal_service
from tracker.web.http.forms import form_data, login_required, validate_form
from tracker.web.http.identity import today_for
from tracker.web.schemas import GoalCreate, GoalUpdate

bp = Blueprint("goals", __name__)
NEW_GOAL = {"category": "apply", "title": "", "target": "1", "weekdays": None}


def schedule(weekdays: list[int]) -> str:
    """How a goal's days read in a sentence: "Every day", "Weekdays", "Mon, Wed, Fri"."""
    days = sorted(set(weekdays))
    named = {(1, 2, 3, 4, 5, 6, 7): "Every day", (1, 2, 3, 4, 5): "Weekdays", (6, 7): "Weekends"}
    return named.get(tuple(days)) or ", ".join(WEEKDAY[day] for day in days)


def _checked(raw: list) -> list[int]:
    """The weekday boxes to show ticked again after a refused form."""
    return [int(value) for value in raw if str(value).isdigit()]


def _render(user, errors=None, values=None, status=200, editing=None, edit_values=None):
    goals = sorted(user.goals, key=lambda goal: goal.id)
    return render_template(
        "goals.html",
        user=user,
        goals=[goal for goal in goals if not goal.archived],
        archived=[goal for goal in goals if goal.archived],
        schedule=schedule,
        errors=errors or {},
        values=values or NEW_GOAL,
        editing=editing,
        edit_values=edit_values or {},
    ), status


@bp.get("/goals")
@login_required
def index(user):
    return _render(user)


@bp.post("/goals")
@login_required
def create(user):
    values = form_data("category", "title", "target", lists=("weekdays",))
    data, errors = validate_form(GoalCreate, values)
    if data is None:
        return _render(user, errors, {**values, "weekdays": _checked(values["weekdays"])}, 400)
    goal_service.create_goal(db.session, user, today_for(user), **data.model_dump())
    db.session.commit()
    flash(f"New goal: {data.title}. Bring it on.")
    return redirect(url_for("goals.index"))


@bp.post("/goals/<id:goal_id>")
@login_required
def update(user, goal_id: int):
    goal = goal_service.get_goal(db.session, user, goal_id)
    action = request.form.get("action", "save")
    if action in ("archive", "restore"):
        archive = action == "archive"
        goal_service.update_goal(db.session, goal, today_for(user), {"archived": archive})
        db.session.commit()
        flash(
            f"Archived: {goal.title}. Its history stays, and you can bring it back any time."
            if archive
            else f"Welcome back: {goal.title}."
        )
        return redirect(url_for("goals.index"))
    values = form_data("title", "target", lists=("weekdays",))
    data, errors = validate_form(GoalUpdate, values)
    if data is None:
        typed = {**values, "weekdays": _checked(values["weekdays"])}
        return _render(user, errors, None, 400, editing=goal.id, edit_values=typed)
    changes = {name: getattr(data, name) for name in data.model_fields_set}
    goal_service.update_goal(db.session, goal, today_for(user), changes)
    db.session.commit()
    flash(f"Saved: {goal.title}.")
    return redirect(url_for("goals.index") + f"#goal-{goal.id}")
