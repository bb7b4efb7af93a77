"""Interviews on an application's own page (SPEC section 4): schedule one, change it, cancel
it (with undo), and once it has happened, say how it went. Each has a page of its own to get
ready for it (`prep`): today's practice for its kind, what earlier debriefs noted, and the
person's own "if it gets hard, then I will ..." plan.

The form sends a date and a time apart; they are read here into the local start the schema
takes ("YYYY-MM-DDTHH:MM"), each refused beside its own field when it does not parse.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import partial

from flask import flash, redirect, url_for

from tracker import clock
from tracker.extensions import db
from tracker.services import applications as application_service
from tracker.services import interviews as service
from tracker.services import practice
from tracker.web.http.forms import form_data, login_required, save_form, validate_form
from tracker.web.http.identity import today_for
from tracker.web.pages.journal import journal_page
from tracker.web.pages.undo import removed
from tracker.web.schemas.interviews import InterviewCreate, InterviewUpdate

# The form's names, apart from the application's own fields on the same page, and the
# schema's field each one fills.
SCHEMA = {"duration_minutes": "duration_minutes", "kind": "kind"}
SCHEMA.update(place="location", interview_notes="notes")
FIELDS = ("day", "time", *SCHEMA)
FORM = {field: name for name, field in SCHEMA.items()} | {"starts_at": "day"}
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"[0-9]{1,2}:[0-9]{2}")
DATE_MESSAGE = "Use a date like 2026-12-11 (YYYY-MM-DD)."
TIME_MESSAGE = "Use a time like 14:30 (hours and minutes)."
# A start that parses, to check the other fields while the date or time is refused.
_ANY_START = "2000-01-01T00:00"


def _parsed(text: str, pattern: re.Pattern, form: str) -> datetime | None:
    if not pattern.fullmatch(text):
        return None
    try:
        return datetime.strptime(text, form)
    except ValueError:
        return None


def _read(values: dict) -> tuple[dict, dict]:
    """(the data for the schema, {form field: message} for a date or time that does not
    parse)."""
    data = {SCHEMA[k]: v for k, v in values.items() if k in SCHEMA}
    day = _parsed(values.get("day", "").strip(), _DAY, "%Y-%m-%d")
    at = _parsed(values.get("time", "").strip(), _TIME, "%H:%M")
    errors = {}
    if day is None:
        errors["day"] = DATE_MESSAGE
    if at is None:
        errors["time"] = TIME_MESSAGE
    if not errors:
        data["starts_at"] = f"{day:%Y-%m-%d}T{at:%H:%M}"
    return data, errors


def _save(model, values: dict, write):
    """save_form over the date and time read apart; a refused start is said beside the date."""
    data, errors = _read(values)
    if errors:  # the other fields are checked too, so every message shows at once
        _, more = validate_form(model, {**data, "starts_at": _ANY_START})
        return None, {**_named(more), **errors}
    saved, errors = save_form(model, data, write)
    return saved, _named(errors)


def _named(errors: dict) -> dict:
    return {FORM.get(name, name): message for name, message in errors.items()}


def register(bp, detail_page) -> None:
    """Add the interview forms' routes to the applications blueprint `bp`; a form sent back
    shows `detail_page(user, application, status=, interview_form=)` again."""
    routes = (
        ("/<id:application_id>/interviews", schedule),
        ("/interviews/<id:interview_id>/edit", change),
        ("/interviews/<id:interview_id>/outcome", outcome),
        ("/interviews/<id:interview_id>/delete", cancel),
    )
    for rule, view in routes:
        page_view = login_required(partial(view, page=detail_page))
        bp.add_url_rule(rule, view.__name__, page_view, methods=["POST"])
    bp.add_url_rule("/interviews/<id:interview_id>/prep", "prep", login_required(prep))
    bp.add_url_rule(
        "/interviews/<id:interview_id>/plan", "plan", login_required(plan), methods=["POST"]
    )


def _sent_back(page, user, application, key, values, errors):
    db.session.rollback()
    form = {"key": key, "values": values, "errors": errors}
    return page(user, application, status=400, interview_form=form)


def _to(application, interview=None):
    anchor = f"#interview-{interview.id}" if interview is not None else "#interviews-heading"
    return redirect(url_for("applications.detail", application_id=application.id) + anchor)


def schedule(user, application_id: int, page):
    application = application_service.get_application(db.session, user, application_id)
    values = form_data(*FIELDS, optional=("duration_minutes",))

    def write(data):
        fields = {name: getattr(data, name) for name in type(data).model_fields}
        today, now = today_for(user), clock.now_utc()
        return service.schedule_interview(db.session, user, application, today, now, **fields)

    interview, errors = _save(InterviewCreate, values, write)
    if interview is None:
        return _sent_back(page, user, application, "new", values, errors)
    flash(f"Interview with {application.company} is in. You’ve got this.")  # noqa: RUF001
    return _to(application, interview)


def _update(user, interview):
    def write(data):
        changes = {name: getattr(data, name) for name in data.model_fields_set}
        return service.update_interview(db.session, user, interview, today_for(user), changes)

    return write


def change(user, interview_id: int, page):
    interview = service.get_interview(db.session, user, interview_id)
    values = form_data(*FIELDS, optional=("duration_minutes",))
    saved, errors = _save(InterviewUpdate, values, _update(user, interview))
    if saved is None:
        return _sent_back(page, user, interview.application, interview.id, values, errors)
    flash(f"Saved: the interview with {interview.application.company}.")
    return _to(interview.application, interview)


def outcome(user, interview_id: int, page):
    interview = service.get_interview(db.session, user, interview_id)
    values = form_data("outcome", "debrief")
    data = {"outcome": values.get("outcome") or None, "debrief": values.get("debrief", "")}
    saved, errors = save_form(InterviewUpdate, data, _update(user, interview))
    if saved is None:
        key = f"outcome-{interview.id}"
        return _sent_back(page, user, interview.application, key, values, errors)
    flash("Noted. Whatever happened, you showed up for it.")
    return _to(interview.application, interview)


def cancel(user, interview_id: int, page):
    interview = service.get_interview(db.session, user, interview_id)
    back = url_for("applications.detail", application_id=interview.application_id)
    removal = service.delete_interview(db.session, user, interview_id, clock.now_utc())
    return removed(removal, back)


def _prep_page(user, interview, typed: str | None = None, error: str | None = None, status=200):
    today = today_for(user)
    return journal_page(
        "journal/interview_prep.html",
        user,
        today,
        status,
        interview=interview,
        application=interview.application,
        prep=practice.interview_prep(db.session, user, interview, today),
        local_now=service.local_now(user, clock.now_utc()),
        plan={"value": interview.plan if typed is None else typed, "error": error},
    )


def prep(user, interview_id: int):
    return _prep_page(user, service.get_interview(db.session, user, interview_id))


def plan(user, interview_id: int):
    interview = service.get_interview(db.session, user, interview_id)
    typed = form_data("plan").get("plan", "")
    saved, errors = save_form(InterviewUpdate, {"plan": typed}, _update(user, interview))
    if saved is None:
        db.session.rollback()
        error = errors.get("plan") or errors.get("form") or next(iter(errors.values()))
        return _prep_page(user, interview, typed, error, status=400)
    flash(
        "Your plan is kept. Read it once more before you go in." if saved.plan else "Plan cleared."
    )
    return redirect(url_for("applications.prep", interview_id=interview.id) + "#plan")
