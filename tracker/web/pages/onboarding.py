"""The first minute after sign-up, at /welcome: how the streak works, the three goals' targets
and days, and reminders. Pages of their own (never an overlay on Today), each skippable, and
shown once: sign-up marks the onboarding pending in the session cookie, finishing or skipping
clears the mark, and a step visited without it goes to Today. Every step works without
JavaScript; static/js/welcome.js only adds the iPhone's "Add to Home Screen" steps."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Blueprint, redirect, render_template, request, session, url_for

from tracker.extensions import db
from tracker.services import goals as goal_service
from tracker.services import reminders
from tracker.services.accounts import STARTER_GOALS
from tracker.web.http.forms import login_required, validate_form
from tracker.web.http.identity import today_for
from tracker.web.pages.goals import schedule
from tracker.web.schemas import GoalUpdate

bp = Blueprint("onboarding", __name__, url_prefix="/welcome")
_PENDING = "onboarding"
# A starter goal's title says its number: when the target changes here, so does the title,
# unless the person has already written one of their own.
_COUNTED = {
    "apply": "Send {} applications",
    "practice": "Practise {} interview answers",
    "reflect": "Write {} short reflections",
}
_STARTER = dict(STARTER_GOALS)


def begin() -> None:
    """Mark the onboarding as due in this browser's session (call it right after sign_in)."""
    session[_PENDING] = True


def _step(view: Callable) -> Callable:
    """A step of the onboarding: for a signed-in person while it is pending; else Today."""

    @wraps(view)
    def wrapper(user, *args, **kwargs):
        if session.get(_PENDING) is not True:
            return redirect(url_for("today.index"))
        return view(user, *args, **kwargs)

    return login_required(wrapper)


def _goals(user) -> list:
    return sorted((goal for goal in user.goals if not goal.archived), key=lambda goal: goal.id)


@bp.get("")
@_step
def intro(user):
    return render_template("welcome/intro.html", user=user, step=1)


def _goals_page(user, errors=None, typed=None, status=200):
    page = render_template(
        "welcome/goals.html",
        user=user,
        step=2,
        goals=_goals(user),
        schedule=schedule,
        errors=errors or {},
        typed=typed or {},
    )
    return page, status


@bp.get("/goals")
@_step
def goals(user):
    return _goals_page(user)


def _read_goal(goal) -> tuple[dict | None, dict, dict]:
    """(the changes to save or None, {field: message}, what was typed) for one goal's fields."""
    prefix = f"g{goal.id}"
    typed = {
        "target": (request.form.get(f"{prefix}-target") or "").strip(),
        "weekdays": request.form.getlist(f"{prefix}-weekdays"),
    }
    data, problems = validate_form(GoalUpdate, typed)
    # Shown again after a refusal (of this goal or another): the boxes ticked as they were.
    shown = {**typed, "weekdays": [int(day) for day in typed["weekdays"] if day.isdigit()]}
    if data is None:
        return None, {f"{prefix}-{name}": text for name, text in problems.items()}, shown
    changes = {"target": data.target, "weekdays": data.weekdays}
    title = _title_for(goal, data.target)
    if title != goal.title:
        changes["title"] = title
    return changes, {}, shown


def _title_for(goal, target: int) -> str:
    starter = _STARTER.get(goal.category)
    counted = _COUNTED.get(goal.category)
    if starter is None or counted is None:
        return goal.title
    ours = {starter} | {counted.format(n) for n in range(2, 101)}
    if goal.title not in ours:
        return goal.title
    return starter if target == 1 else counted.format(target)


@bp.post("/goals")
@_step
def save_goals(user):
    """All three goals or none: a refused field leaves every goal as it was."""
    found = [(goal, *_read_goal(goal)) for goal in _goals(user)]
    errors = {name: text for _, _, problems, _ in found for name, text in problems.items()}
    if errors:
        typed = {goal.id: shown for goal, _, _, shown in found}
        return _goals_page(user, errors, typed, 400)
    today = today_for(user)
    for goal, changes, _, _ in found:
        goal_service.update_goal(db.session, goal, today, changes)
    db.session.commit()
    return redirect(url_for("onboarding.reminders_step"))


@bp.get("/reminders")
@_step
def reminders_step(user):
    rules = {rule["kind"]: rule for rule in reminders.list_rules(db.session, user)}
    return render_template("welcome/reminders.html", user=user, step=3, rules=rules)


@bp.post("/done")
@login_required
def finish(user):
    """Finished or skipped, at any step: never shown again in this session; on to Today."""
    session.pop(_PENDING, None)
    return redirect(url_for("today.index", welcome=1))
