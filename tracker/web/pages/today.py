"""The Today page: three goals to tap, and the streak."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, redirect, render_template, request, session, url_for

from tracker import clock
from tracker.core.limits import EARLIEST_DATE, MAX_ENTRY_VALUE, MAX_NOTE
from tracker.core.states import DayState
from tracker.core.streaks import calendar_state
from tracker.extensions import db
from tracker.services import goals as goal_service
from tracker.services import history, interviews, reflections
from tracker.services.errors import Invalid
from tracker.web.http.forms import login_required
from tracker.web.http.identity import today_for
from tracker.web.pages.insights import new_badges

bp = Blueprint("today", __name__)
ACTIONS = ("toggle", "plus", "minus", "skip", "note", "restore")
# A check-in reset to 0 by the no-JavaScript form: what the next page offers to put back.
UNDO_KEY = "today_undo"
# Yesterday after a day that had something due and nothing done: still worth logging.
UNLOGGED = (DayState.MISSED, DayState.FROZEN)


def _page_date(raw: str | None, today: date) -> date:
    """The date the page shows: today unless a valid past date is asked for."""
    try:
        day = date.fromisoformat(raw) if raw else today
    except ValueError:
        return today
    return min(max(day, EARLIEST_DATE), today)


def _day_label(day: date, today: date) -> str:
    gap = (today - day).days
    return {0: "Today", 1: "Yesterday"}.get(gap, f"{gap} days ago")


def _render(user, day: date, problem: dict | None = None, status: int = 200):
    """The page for `day`; `problem` ({goal_id, field: message, note?}) marks a refused form."""
    today = today_for(user)
    goals, items = history.goals_on(db.session, user, day)
    data = history.load_history(db.session, user, today, goals=goals)
    state = calendar_state(data.result, day).state  # "before" ahead of the first goal too
    scheduled = [done for goal, _, done in items if day.isoweekday() in goal.weekdays]
    return render_template(
        "today.html",
        user=user,
        day=day,
        today=today,
        day_label=_day_label(day, today),
        yesterday=day - timedelta(days=1),
        tomorrow=day + timedelta(days=1) if day < today else None,
        items=items,
        complete=bool(scheduled) and all(scheduled),
        streak=data.result.day,
        state=state,
        welcome=bool(request.args.get("welcome")) and day == today,
        problem=problem or {},
        debrief=_fresh_rejection(user, data, today) if day == today else None,
        # Shown over the header, not above the goals (base.html's place): `/` keeps its goals
        # on the first screen (SPEC 8).
        fresh_badges=new_badges(data),
        badges_known=" ".join(f"{b.kind}:{b.threshold}" for b in data.badges),
        yesterday_open=day == today and _unlogged(data, today - timedelta(days=1)),
        undo=_pending_undo(day, items),
        # One query, at most three rows: the interviews coming up, from now on.
        next_interviews=interviews.next_interviews(db.session, user, clock.now_utc())
        if day == today
        else [],
    ), status


def _unlogged(data, day: date) -> bool:
    """True when `day` had something due and nothing done (missed, or saved by a freeze); a
    quiet day, a rest day, a shielded one or a day before tracking began is not."""
    return calendar_state(data.result, day).state in UNLOGGED


def _pending_undo(day: date, items) -> dict | None:
    """The reset to offer back on this page (once): {goal, title, target, value, skipped},
    or None (nothing reset, or not for a goal this page shows)."""
    undo = session.pop(UNDO_KEY, None)
    if not isinstance(undo, dict) or undo.get("date") != day.isoformat():
        return None
    goals = {goal.id: goal for goal, _, _ in items}
    goal = goals.get(undo.get("goal"))
    return None if goal is None else {**undo, "title": goal.title, "target": goal.target}


def _fresh_rejection(user, data, today: date):
    """(rejection, debriefed) for a rejection logged today or yesterday, else None.

    The history already holds the rejection dates, so a quiet day costs no extra query.
    """
    if not any(d >= today - timedelta(days=1) for d in data.rejections):
        return None
    return reflections.recent_rejection(db.session, user, today)


@bp.get("/")
@login_required
def index(user):
    return _render(user, _page_date(request.args.get("date"), today_for(user)))


@bp.get("/today/badges")
@login_required
def badge_news(user):
    """The celebration card of badges earned since this browser last saw one (marking them
    seen, as any page does), for today.js to show the moment a tap earns one; 204 if none."""
    today = today_for(user)
    fresh = new_badges(history.load_history(db.session, user, today))
    if not fresh:
        return "", 204
    return render_template("insights/_celebration.html", new_badges=fresh, today=today)


# A tap on a count goal's card (target above 1) adds one, as "+" does: it never resets the
# count (SPEC 2); only "One less" takes one away.
_STEPS = {"plus": 1, "minus": -1}


def _step(goal, action: str) -> int | None:
    """+1 or -1 for the taps that add to the count, None for the others."""
    if action == "toggle" and goal.target > 1:
        return 1
    return _STEPS.get(action)


def _changes(goal, entry, action: str, note: str | None) -> dict:
    """What to write for a toggle, a rest day or a note (a step is written by `add_to_entry`).

    A rest day keeps the entry's value and note, and clearing it brings them back (SPEC 2)."""
    if action == "toggle":
        return {"value": 0 if goal_service.is_done(goal, entry) else goal.target}
    if action == "skip":
        if entry is None:
            return {"value": 0, "skipped": True}
        return {"skipped": not entry.skipped, "keep_value": True}
    return {
        "value": entry.value if entry else 0,
        "skipped": bool(entry and entry.skipped),
        "note": note or "",
    }


def _restored(form) -> dict | None:
    """The value and rest-day flag an undo puts back (the note was never taken away, so it is
    kept as stored), or None when the form does not hold a value from 0 to the limit."""
    raw = form.get("value", "")
    if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_ENTRY_VALUE:
        return None
    return {"value": int(raw), "skipped": form.get("skipped") == "true"}


def _refuse(user, goal, day: date, field: str, message: str, note: str | None):
    """Show the page again with the message beside the goal, keeping a typed note."""
    problem = {"goal_id": goal.id, "field": field, "message": message, "note": note}
    return _render(user, day, problem, 400)


def _form_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        return None


def _form_problem(action: str, note: str | None) -> tuple[str, str] | None:
    """(field, message) when the check-in form's action or note cannot be taken, else None."""
    if action not in ACTIONS:
        return "action", "That button does nothing here. Reload the page and try again."
    if note is not None and len(note) > MAX_NOTE:
        return "note", f"A note holds up to {MAX_NOTE} characters; this one has {len(note)}."
    if action == "restore" and _restored(request.form) is None:
        return "value", "That undo could not be read. Reload the page and try again."
    return None


def _write(user, goal, day: date, today: date, action: str, previous, note: str | None):
    """Write what the action asks for, through the check-in service; the entry as stored."""
    now, step = clock.now_utc(), _step(goal, action)
    if action == "restore":
        changes = _restored(request.form)
    elif step is not None:
        return goal_service.add_to_entry(db.session, user, goal.id, day, today, now, step)
    else:
        changes = _changes(goal, previous, action, note)
    return goal_service.check_in(db.session, user, goal.id, day, today, now, **changes)


@bp.post("/checkin/<id:goal_id>")
@login_required
def checkin(user, goal_id: int):
    """The no-JavaScript check-in: toggle, plus, minus, skip, save a note, or restore what a
    reset took (the undo's form, through the same ownership check as every other action)."""
    goal = goal_service.get_goal(db.session, user, goal_id)
    today = today_for(user)
    action = request.form.get("action", "toggle")
    note = request.form.get("note")
    day = _form_date(request.form.get("date", ""))
    if day is None:
        message = "That date could not be read. Use YYYY-MM-DD."
        return _refuse(user, goal, today, "date", message, note)
    shown = min(max(day, EARLIEST_DATE), today)
    problem = _form_problem(action, note)
    if problem is not None:
        return _refuse(user, goal, shown, *problem, note)
    previous = goal_service.get_entry(db.session, goal, day)
    kept = (previous.value, previous.skipped) if previous else (0, False)  # before the write
    try:
        row = _write(user, goal, day, today, action, previous, note)
    except Invalid as error:
        db.session.rollback()
        message = next(iter(error.fields.values()), error.message)
        return _refuse(user, goal, shown, "date", f"{error.message} {message}", note)
    db.session.commit()
    if kept[0] > 0 and row.value == 0:  # reset to 0: the next page offers it back (SPEC 8)
        session[UNDO_KEY] = {
            "goal": goal.id,
            "date": day.isoformat(),
            "value": kept[0],
            "skipped": kept[1],
        }
    target = (
        url_for("today.index") if day == today else url_for("today.index", date=day.isoformat())
    )
    return redirect(f"{target}#goal-{goal.id}")
