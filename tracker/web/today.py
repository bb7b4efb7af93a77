"""The Today page: three goals to tap, and the streak."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, redirect, render_template, request, url_for

from tracker import clock
from tracker.extensions import db
from tracker.services import goals as goal_service
from tracker.services import history
from tracker.services.errors import Invalid
from tracker.web.forms import login_required
from tracker.web.session import today_for

bp = Blueprint("today", __name__)


def _page_date(raw: str | None, today: date) -> date:
    """The date the page shows: today unless a valid past date is asked for."""
    try:
        day = date.fromisoformat(raw) if raw else today
    except ValueError:
        return today
    return min(day, today)


@bp.get("/")
@login_required
def index(user):
    today = today_for(user)
    day = _page_date(request.args.get("date"), today)
    data = history.load_history(db.session, user, today)
    return render_template(
        "today.html",
        user=user,
        day=day,
        today=today,
        yesterday=day - timedelta(days=1),
        tomorrow=day + timedelta(days=1) if day < today else None,
        items=history.today_items(db.session, user, day),
        streak=data.result.day,
        state=history.calendar(data, day, day)[0]["state"] if data.result.calendar else "before",
        welcome=bool(request.args.get("welcome")),
    )


@bp.post("/checkin/<int:goal_id>")
@login_required
def checkin(user, goal_id: int):
    """The no-JavaScript check-in: toggle, plus, minus, skip, or save a note."""
    goal = goal_service.get_goal(db.session, user, goal_id)
    today = today_for(user)
    try:
        day = date.fromisoformat(request.form.get("date", ""))
    except ValueError:
        raise Invalid("That date is not valid.", {"date": "Use YYYY-MM-DD."}) from None
    entry = goal_service.get_entry(db.session, goal, day)
    value = entry.value if entry and not entry.skipped else 0
    action = request.form.get("action", "toggle")
    note = request.form.get("note")
    if note is not None and len(note) > 2000:
        raise Invalid("A note holds at most 2000 characters.", {"note": "Too long."})
    changes = {
        "toggle": {"value": 0 if goal_service.is_done(goal, entry) else goal.target},
        "plus": {"value": min(1000, value + 1)},
        "minus": {"value": max(0, value - 1)},
        "skip": {"value": 0, "skipped": not (entry is not None and entry.skipped)},
        "note": {"value": entry.value if entry else 0, "skipped": bool(entry and entry.skipped), "note": note or ""},
    }.get(action)
    if changes is None:
        raise Invalid("Unknown action.", {"action": "Use toggle, plus, minus, skip or note."})
    goal_service.put_entry(db.session, goal, day, today, clock.now_utc(), **changes)
    db.session.commit()
    target = url_for("today.index") if day == today else url_for("today.index", date=day.isoformat())
    return redirect(f"{target}#goal-{goal.id}")
