"""History: the calendar, goal streaks and badges, the latest rejections, and breaks."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for

from tracker import clock
from tracker.extensions import db
from tracker.services import history, journal
from tracker.web.http.forms import form_data, login_required, save_form
from tracker.web.http.identity import today_for
from tracker.web.pages.insights import new_badges
from tracker.web.pages.undo import removed
from tracker.web.schemas import BreakCreate

bp = Blueprint("history", __name__)


# The calendar's two spans: the last 12 weeks, or the last year (53 weeks hold 365 days).
VIEWS = {"weeks": 12, "year": 53}


@bp.get("/history")
@login_required
def index(user):
    return _history_page(user, {}, {})


def _history_page(user, break_values: dict, break_errors: dict, status: int = 200):
    today = today_for(user)
    view = request.args.get("view") if request.args.get("view") in VIEWS else "weeks"
    # Whole weeks, Monday first, ending with the week that holds today.
    start = today - timedelta(days=today.weekday() + 7 * (VIEWS[view] - 1))
    data = history.load_history(db.session, user, today, calendar_from=start)
    days = history.calendar(data, start, today)
    for day in days:
        # The first of a month shows the month's name, so the weeks read like a calendar.
        when = date.fromisoformat(day["date"])
        day["label"] = when.strftime("%b") if when.day == 1 else when.day
        day["spoken"] = when.strftime("%A %-d %B")
    streaks = {s["goal_id"]: s for s in history.goal_streaks(data)}
    return render_template(
        "history.html",
        user=user,
        today=today,
        view=view,
        weeks=[days[i : i + 7] for i in range(0, len(days), 7)],
        first_day=start,
        goals=[(goal, streaks[goal.id]) for goal in data.goals if not goal.archived],
        streak=data.result.day,
        badges=data.badges,
        rejections=journal.list_rejections(db.session, user)[:20],
        comebacks={d.isoformat() for d in data.result.comeback_dates},
        recent_comebacks=sorted(set(data.result.comeback_dates), reverse=True)[:5],
        new_badges=new_badges(data),
        breaks=journal.list_breaks(db.session, user),
        break_values=break_values,
        break_errors=break_errors,
    ), status


@bp.post("/breaks")
@login_required
def add_break(user):
    values = form_data("start", "end", "note")
    pause, errors = save_form(
        BreakCreate, values, lambda data: journal.add_break(db.session, user, **data.model_dump())
    )
    if pause is not None:
        flash("Break planned. Rest is part of it; reminders stay quiet.")
        return redirect(_breaks())
    return _history_page(user, values, errors, 400)


@bp.post("/breaks/<id:break_id>/delete")
@login_required
def delete_break(user, break_id: int):
    return removed(journal.delete_break(db.session, user, break_id, clock.now_utc()), _breaks())


def _breaks() -> str:
    """The breaks on the history page."""
    return url_for("history.index", _anchor="breaks")
