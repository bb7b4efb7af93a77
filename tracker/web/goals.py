"""The Goals page: create, edit target and weekdays, archive."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from tracker.extensions import db
from tracker.services import goals as goal_service
from tracker.web.forms import form_data, login_required, validate_form
from tracker.web.schemas import GoalCreate, GoalUpdate
from tracker.web.session import today_for

bp = Blueprint("goals", __name__)
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _render(user, errors=None, values=None, status=200, editing=None):
    return render_template(
        "goals.html",
        user=user,
        goals=user.goals,
        weekday_names=WEEKDAY_NAMES,
        errors=errors or {},
        values=values or {"category": "apply", "title": "", "target": "1", "weekdays": []},
        editing=editing,
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
        return _render(user, errors, values, 400)
    goal_service.create_goal(db.session, user, today_for(user), **data.model_dump())
    db.session.commit()
    flash(f"New goal: {data.title}. Bring it on.")
    return redirect(url_for("goals.index"))


@bp.post("/goals/<int:goal_id>")
@login_required
def update(user, goal_id: int):
    goal = goal_service.get_goal(db.session, user, goal_id)
    action = request.form.get("action", "save")
    if action in ("archive", "restore"):
        goal_service.update_goal(db.session, goal, today_for(user), {"archived": action == "archive"})
        db.session.commit()
        flash(f"{'Archived' if action == 'archive' else 'Restored'}: {goal.title}.")
        return redirect(url_for("goals.index"))
    values = form_data("title", "target", lists=("weekdays",))
    data, errors = validate_form(GoalUpdate, values)
    if data is None:
        return _render(user, errors, None, 400, editing=goal.id)
    changes = {name: getattr(data, name) for name in data.model_fields_set}
    goal_service.update_goal(db.session, goal, today_for(user), changes)
    db.session.commit()
    flash(f"Saved: {goal.title}.")
    return redirect(url_for("goals.index"))
