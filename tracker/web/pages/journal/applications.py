"""Applications: the pipeline grouped by stage, logging one, moving it, following up."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from tracker import clock
from tracker.core.labels import APPLICATION_STAGE
from tracker.extensions import db
from tracker.services import applications as service
from tracker.services import journal
from tracker.web.http.forms import dated_write, form_data, login_required, save_form, validate_form
from tracker.web.http.identity import today_for
from tracker.web.pages.journal import journal_page
from tracker.web.pages.undo import removed
from tracker.web.schemas import ApplicationCreate, ApplicationUpdate

bp = Blueprint("applications", __name__, url_prefix="/journal/applications")
# Sections of the list, in the order of the pipeline; the three outcomes share the last.
GROUPS = (
    ("applied", "Applied", ("applied",)),
    ("screen", "Screening calls", ("screen",)),
    ("interview", "Interviews", ("interview",)),
    ("offer", "Offers", ("offer",)),
    ("closed", "Closed", ("rejected", "withdrawn", "ghosted")),
)


def _form_page(user, values=None, errors=None, status=200):
    today = today_for(user)
    return render_template(
        "journal/application_new.html",
        user=user,
        today=today,
        values=values or {"date": today.isoformat()},
        errors=errors or {},
    ), status


def _list_page(user, move_error=None, status=200):
    """The list; `move_error` is (application id, message) after a refused move."""
    today = today_for(user)
    found = service.list_applications(db.session, user)
    groups = [
        (key, title, [a for a in found if a.stage in stages]) for key, title, stages in GROUPS
    ]
    return journal_page(
        "journal/applications.html",
        user,
        today,
        status,
        groups=groups,
        count=len(found),
        quiet={a.id for a in found if service.is_quiet(a, today)},
        last_change=service.last_change,
        move_error=move_error,
    )


@bp.get("")
@login_required
def index(user):
    return _list_page(user)


@bp.get("/new")
@login_required
def new(user):
    return _form_page(user)


@bp.post("")
@login_required
def create(user):
    values = form_data("company", "role", "link", "date", optional=("link", "date"))
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


def _detail_page(user, application, move_error=None, status=200):
    today = today_for(user)
    return journal_page(
        "journal/application.html",
        user,
        today,
        status,
        application=application,
        quiet=service.is_quiet(application, today),
        last_change=service.last_change(application),
        move_error=move_error,
    )


def _back(application, anchor: bool = True):
    """Back to where the form was: the application's own page or its place in the list."""
    if request.form.get("back") == "detail":
        return redirect(url_for("applications.detail", application_id=application.id))
    suffix = f"#application-{application.id}" if anchor else ""
    return redirect(url_for("applications.index") + suffix)


@bp.post("/<id:application_id>/stage")
@login_required
def move(user, application_id: int):
    """Move along the pipeline; into rejected or ghosted, on to the debrief of that "no"."""
    application = service.get_application(db.session, user, application_id)
    data, errors = validate_form(ApplicationUpdate, form_data("stage"))
    if data is None or data.stage is None:
        message = errors.get("stage", "Pick a stage.")
        if request.form.get("back") == "detail":
            return _detail_page(user, application, message, 400)
        return _list_page(user, move_error=(application.id, message), status=400)
    entering_no = data.stage in service.NO_STAGES and application.stage not in service.NO_STAGES
    offered = data.stage == "offer" and application.stage != "offer"
    service.update_application(
        db.session, user, application, today_for(user), clock.now_utc(), {"stage": data.stage}
    )
    db.session.commit()
    rejection = journal.rejection_of_application(db.session, user, application.id)
    if entering_no and rejection is not None:
        flash(
            f"Closed as {data.stage}. That’s a “no” collected, and your streak is safe. "  # noqa: RUF001
            "A few minutes of debrief makes the next one easier."
        )
        return redirect(url_for("rejections.debrief", rejection_id=rejection.id))
    if offered:  # celebrated like a badge (templates/_offer.html)
        flash(f"{application.company}, {application.role}", "offer")
    else:
        flash(f"{application.company}: {APPLICATION_STAGE[data.stage]}.")
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
