"""Applications: the pipeline as a board by stage (searched, paged, downloaded as CSV),
logging one, moving it, following up."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from tracker import clock
from tracker.core.labels import APPLICATION_STAGE
from tracker.extensions import db
from tracker.services import applications as service
from tracker.services import journal, pipeline
from tracker.services.interviews import local_now
from tracker.web.http.downloads import csv_download
from tracker.web.http.forms import dated_write, form_data, login_required, save_form
from tracker.web.http.identity import today_for
from tracker.web.pages.journal import board, interviews, journal_page
from tracker.web.pages.undo import removed
from tracker.web.schemas import ApplicationCreate, ApplicationUpdate

bp = Blueprint("applications", __name__, url_prefix="/journal/applications")
# The fields of the form that logs or edits one (blank optional ones are left out).
FIELDS = ("company", "role", "link", "date", "notes", "contact", "location")
OPTIONAL = ("link", "date", "notes", "contact", "location")


def _form_page(user, values=None, errors=None, status=200):
    today = today_for(user)
    return render_template(
        "journal/application_new.html",
        user=user,
        today=today,
        values=values or {"date": today.isoformat(), "stage": "applied"},
        errors=errors or {},
    ), status


def _list_page(user, move_error=None, status=200):
    """The board; `move_error` is (application id, message, what was sent) after a refused
    move, shown on that application's card (above the board when it is not on a page shown)."""
    today = today_for(user)
    wanted, errors = board.read_filters(request.args)
    columns = board.columns_for(wanted.stage)
    size = pipeline.PAGE if wanted.stage is None else pipeline.PAGE_ALONE
    shown = pipeline.board(db.session, user, columns, wanted.search, wanted.offsets, size)
    refused = None
    if move_error and not any(a.id == move_error[0] for c in shown for a in c.cards):
        refused = service.get_application(db.session, user, move_error[0])
    return journal_page(
        "journal/applications.html",
        user,
        today,
        400 if errors else status,
        board=board.view(shown, wanted),
        wanted=wanted,
        errors=errors,
        stages=APPLICATION_STAGE,
        search_limit=board.MAX_SEARCH,
        quiet=lambda a: service.is_quiet(a, today),
        last_change=service.last_change,
        stage_since=pipeline.stage_since,
        next_stage=pipeline.next_stage,
        move_error=move_error,
        refused=refused,
    )


@bp.get("")
@login_required
def index(user):
    return _list_page(user)


def download(user):
    """The pipeline as a CSV file (what the board shows, every page of it): one row per
    application, newest first; `q` and `stage` filter it as they filter the board."""
    wanted, errors = board.read_filters(request.args)
    if errors:
        return _list_page(user)  # the board says what is wrong, with 400
    found = service.list_applications(db.session, user, wanted.stage, wanted.search)
    rows = (board.csv_row(a, pipeline.stage_since(a)) for a in found)
    return csv_download("bring-it-on-applications.csv", board.CSV_HEADER, rows)


# The download sits beside the page (/journal/applications.csv), outside the blueprint's
# prefix, which a rule of the blueprint would always follow with a slash.
bp.record_once(
    lambda state: state.app.add_url_rule(
        "/journal/applications.csv", "applications.download", login_required(download)
    )
)


@bp.get("/new")
@login_required
def new(user):
    return _form_page(user)


@bp.post("")
@login_required
def create(user):
    values = form_data(*FIELDS, "stage", optional=(*OPTIONAL, "stage"))
    application, errors = save_form(
        ApplicationCreate, values, dated_write(service.create_application, user)
    )
    if application is not None:
        flash(f"Logged: {application.company}. One more shot taken. Bring it on.")
        return redirect(url_for("applications.index") + f"#application-{application.id}")
    return _form_page(user, values, errors, status=400)


@bp.get("/<id:application_id>")
@login_required
def detail(user, application_id: int):
    return _detail_page(user, service.get_application(db.session, user, application_id))


def _detail_page(user, application, move_error=None, status=200, edit=None, interview_form=None):
    """The application's own page; `edit` is (values, errors) of an edit sent back, and
    `interview_form` ({key, values, errors}) an interview form sent back."""
    today = today_for(user)
    interviews = sorted(application.interviews, key=lambda i: (i.starts_at, i.id))
    values, errors = edit or (_values_of(application), {})
    return journal_page(
        "journal/application.html",
        user,
        today,
        status,
        application=application,
        quiet=service.is_quiet(application, today),
        last_change=service.last_change(application),
        move_error=move_error,
        values=values,
        errors=errors,
        interviews=interviews,
        local_now=local_now(user, clock.now_utc()),
        interview_form=interview_form or {"key": None, "values": {}, "errors": {}},
    )


def _update(user, application):
    """A `write` for save_form: the fields the form sent, as update_application's changes."""

    def write(data):
        changes = {name: getattr(data, name) for name in data.model_fields_set}
        today = today_for(user)
        return service.update_application(
            db.session, user, application, today, clock.now_utc(), changes
        )

    return write


def _values_of(application) -> dict:
    values = {name: getattr(application, name) or "" for name in FIELDS}
    return {**values, "date": application.date.isoformat()}


@bp.post("/<id:application_id>/edit")
@login_required
def edit(user, application_id: int):
    """Change any field; a blank link removes it, a blank date keeps the one it has."""
    application = service.get_application(db.session, user, application_id)
    values = form_data(*FIELDS)
    data = {name: value for name, value in values.items() if name != "date" or value.strip()}
    data["link"] = data.get("link", "").strip() or None
    saved, errors = save_form(ApplicationUpdate, data, _update(user, application))
    if saved is None:
        db.session.refresh(application)  # what is stored, beside what was typed
        return _detail_page(user, application, status=400, edit=(values, errors))
    flash(f"Saved: {application.company}, {application.role}.")
    return redirect(url_for("applications.detail", application_id=application.id))


def _back(application, anchor: bool = True):
    """Back to where the form was: the application's own page or its place in the list."""
    if request.form.get("back") == "detail":
        return redirect(url_for("applications.detail", application_id=application.id))
    suffix = f"#application-{application.id}" if anchor else ""
    return redirect(url_for("applications.index") + suffix)


@bp.post("/<id:application_id>/stage")
@login_required
def move(user, application_id: int):
    """Move along the pipeline on a date (default today); into rejected or ghosted, on to the
    debrief of that "no"."""
    application = service.get_application(db.session, user, application_id)
    values = form_data("stage", "stage_date", optional=("stage_date",))
    had_no = journal.rejection_of_application(db.session, user, application.id) is not None
    was = application.stage
    saved, errors = save_form(ApplicationUpdate, values, _update(user, application))
    if saved is None or "stage" not in values:
        message = next(iter(errors.values()), "Pick a stage.")
        if request.form.get("back") == "detail":
            return _detail_page(user, application, message, 400)
        return _list_page(user, move_error=(application.id, message, values), status=400)
    return _moved(user, application, was, had_no)


def _moved(user, application, was: str, had_no: bool):
    rejection = journal.rejection_of_application(db.session, user, application.id)
    if application.stage in service.NO_STAGES and not had_no and rejection is not None:
        flash(
            f"Closed as {application.stage}. That’s a “no” collected, and your streak is safe. "  # noqa: RUF001
            "A few minutes of debrief makes the next one easier."
        )
        return redirect(url_for("rejections.debrief", rejection_id=rejection.id))
    if application.stage == "offer" and was != "offer":  # celebrated like a badge
        flash(f"{application.company}, {application.role}", "offer")
    else:
        flash(f"{application.company}: {APPLICATION_STAGE[application.stage]}.")
    return _back(application)


@bp.post("/<id:application_id>/follow-up")
@login_required
def follow_up(user, application_id: int):
    application = service.get_application(db.session, user, application_id)
    service.record_follow_up(db.session, application, today_for(user))
    db.session.commit()
    flash(f"Noted: you followed up with {application.company}. Good nudge.")
    return _back(application)


@bp.post("/<id:application_id>/delete")
@login_required
def delete(user, application_id: int):
    removal = service.delete_application(db.session, user, application_id, clock.now_utc())
    return removed(removal, url_for("applications.index"))


# The interview forms of an application's own page.
interviews.register(bp, _detail_page)
