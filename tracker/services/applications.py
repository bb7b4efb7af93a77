"""Job applications: the pipeline, its dated history, and the rejection a "no" logs."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from tracker import queries
from tracker.models import Application, Rejection, Removal, StageChange, User
from tracker.services import journal, removals
from tracker.services import stage_dates as dates
from tracker.services.errors import DATE_WORDS, Invalid, refuse_future, require_found
from tracker.services.journal import add_record
from tracker.services.progress import count_towards_goal

# The pipeline in order, then the outcomes; moving into a "no" stage logs a rejection.
PIPELINE = ("applied", "screen", "interview", "offer")
# Still waiting for an answer: the applications a rejection may name (a saved one is not sent).
OPEN_STAGES = PIPELINE
# Still in the pipeline before an offer: these go quiet and get a follow-up date.
FOLLOW_UP_STAGES = PIPELINE[:-1]
NO_STAGES = ("rejected", "ghosted")
# The free text of an application that an update may change.
TEXT_FIELDS = ("company", "role", "notes", "contact", "location")
# An open application with no change for this many days asks: follow up, or close it?
QUIET_DAYS = 14
# The rejection's stage is the furthest step of the pipeline the application reached.
REJECTION_STAGE = {
    "applied": "application",
    "screen": "screen",
    "interview": "interview",
    "offer": "offer",
}


def get_application(session: Session, user: User, application_id: int) -> Application:
    """One of the user's applications; any other id raises NotFound."""
    return require_found(
        queries.application_of_user(session, user.id, application_id), "No such application."
    )


def list_applications(
    session: Session, user: User, stage: str | None = None, search: str | None = None
) -> list[Application]:
    """The user's applications, newest first, optionally only those now at `stage` and those
    whose company or role holds `search` (ignoring case)."""
    return queries.applications_of_user(session, user.id, stage, search)


def create_application(
    session: Session,
    user: User,
    today: date,
    now: datetime,
    *,
    date: date | None = None,
    company: str,
    role: str,
    link: str | None = None,
    stage: str = "applied",
    notes: str = "",
    contact: str = "",
    location: str = "",
) -> Application:
    """Log an application on a local date (default `today`) at `stage` (default applied).

    Its history starts with (stage, date). Unless it is only saved, it counts towards the
    user's first apply goal on that date; created as rejected or ghosted, it also logs a
    linked rejection dated `today`. Raises Invalid for a date after `today` or before
    EARLIEST_DATE.
    """
    day = today if date is None else date
    application = Application(
        company=company,
        role=role,
        link=link or None,
        date=day,
        stage=stage,
        notes=notes,
        contact=contact,
        location=location,
        history=[StageChange(stage=stage, date=day)],
    )
    add_record(session, user, today, now, "applications", application)
    if stage in NO_STAGES:
        _log_no(session, user, application, today, today, now)
    if stage != "saved":
        count_towards_goal(session, user, "apply", day, now)
    return application


def update_application(
    session: Session,
    user: User,
    application: Application,
    today: date,
    now: datetime,
    changes: dict,
) -> Application:
    """Apply the given fields of {company, role, link, date, stage, stage_date, notes,
    contact, location}.

    A new `date` moves the day it was sent (the first step of its history after saved). A new
    `stage` adds (stage, stage_date) to the history, `stage_date` defaulting to `today`, and
    the application is at the stage of its latest step (a back-dated one fills in the past);
    leaving saved dates the application that day unless a `date` is given. Every move is
    allowed (corrections, a ghost that calls back), and moving to the stage it is at changes
    nothing, so a replayed request is harmless. Entering rejected or ghosted logs one linked
    rejection dated the stage date, unless one is linked already. Raises Invalid, before
    anything changes, for a date after `today` or before EARLIEST_DATE, a stage date before
    the application's date, or a date after a later stage change.
    """
    plan = dates.plan(application, today, changes)
    for field in TEXT_FIELDS:
        if field in changes:
            setattr(application, field, changes[field] or "")
    if "link" in changes:
        application.link = changes["link"] or None
    _carry_out(session, user, application, changes.get("stage"), plan, now)
    if changes.get("stage") in NO_STAGES and plan.step is not None:
        _log_no(session, user, application, plan.step, today, now)
    return application


def log_rejection(
    session: Session,
    user: User,
    today: date,
    now: datetime,
    *,
    application_id: int | None = None,
    **fields,
) -> Rejection:
    """Log a rejection (journal.log_rejection's fields); with `application_id`, one that
    answers that application of the user's (another id raises NotFound).

    The application moves to rejected, dated the rejection's date (Invalid when that is
    before the latest step of its history); when a rejection is linked to it already, that one takes
    the new fields instead of a second being logged. A company, role or stage left blank is
    the application's (its furthest stage).
    """
    if application_id is None:
        return journal.log_rejection(session, user, today, now, **fields)
    application = get_application(session, user, application_id)
    fields = {**_named_after(application), **{k: v for k, v in fields.items() if v}}
    fields.setdefault("note", "")
    day = fields["date"]
    refuse_future(day, today)
    dates.refuse_before(application.date, day, "date")
    if application.stage != "rejected" and day < last_change(application):
        raise Invalid(  # it would fill in the past instead of moving it to rejected
            "This application moved on after that date.",
            {"date": f"Pick a date from {DATE_WORDS.get()(last_change(application))} on."},
        )
    plan = dates.plan(application, today, {"stage": "rejected", "stage_date": day})
    rejection = queries.linked_rejection(session, user.id, application.id)
    if rejection is None:
        rejection = journal.log_rejection(
            session, user, today, now, application_id=application.id, **fields
        )
    else:
        journal.rewrite_rejection(session, user, rejection, fields)
    _carry_out(session, user, application, "rejected", plan, now)
    return rejection


def delete_application(session: Session, user: User, application_id: int, now: datetime) -> Removal:
    """Delete one of the user's applications and its history, so that both can be put back
    (`removals.restore`); a rejection it logged stays (unlinked until then), and so does the
    goal entry it raised. Another id raises NotFound."""
    application = get_application(session, user, application_id)
    words = f"{application.company}, {application.role}"
    return removals.remove(session, application, words, now)


def last_change(application: Application) -> date:
    """The date of the latest step of the application's history (a follow-up counts)."""
    return max(step.date for step in application.history)


def is_quiet(application: Application, today: date) -> bool:
    """True for an application still in the pipeline (applied, screen or interview) whose
    history has not moved for QUIET_DAYS days or more by `today`."""
    open_stage = application.stage in FOLLOW_UP_STAGES
    return open_stage and (today - last_change(application)).days >= QUIET_DAYS


def record_follow_up(session: Session, application: Application, today: date) -> None:
    """Note that the user followed up on `today`: a step at the stage it is already at.

    That restarts the quiet-days count without changing the stage; a second follow-up on
    the same day adds nothing.
    """
    latest = application.history[-1]
    if latest.stage == application.stage and latest.date == today:
        return
    application.history.append(StageChange(stage=application.stage, date=today))
    session.flush()


def furthest_stage(application: Application) -> str:
    """The furthest step of the pipeline (applied … offer) in the application's history."""
    reached = [PIPELINE.index(s.stage) for s in application.history if s.stage in PIPELINE]
    return PIPELINE[max(reached, default=0)]


def _named_after(application: Application) -> dict:
    return {
        "company": application.company,
        "role": application.role,
        "stage": REJECTION_STAGE[furthest_stage(application)],
    }


def _carry_out(
    session: Session,
    user: User,
    application: Application,
    stage: str | None,
    plan: dates.Plan,
    now: datetime,
) -> None:
    """Make the stage change (to `stage`) and the new date that `plan` holds, and count an
    application that is sent now, or whose date moved, towards the apply goal on its date."""
    was_saved = application.stage == "saved"
    if plan.step is not None:
        _move(application, stage, plan.step)
    if plan.sent is not None:
        dates.redate(application, plan.sent)
    session.flush()
    if application.stage != "saved" and (plan.sent is not None or was_saved):
        count_towards_goal(session, user, "apply", application.date, now)


def _move(application: Application, stage: str, day: date) -> None:
    # The history in date order (of one date, in the order made); the application is at
    # its latest step, so a back-dated step fills in the past without moving it.
    application.history.append(StageChange(stage=stage, date=day))
    application.history.sort(key=lambda step: step.date)
    application.stage = application.history[-1].stage


def _log_no(
    session: Session, user: User, application: Application, day: date, today: date, now: datetime
) -> None:
    if queries.linked_rejection(session, user.id, application.id) is not None:
        return  # exactly one, however often it is moved there and back
    journal.log_rejection(
        session,
        user,
        today,
        now,
        date=day,
        company=application.company,
        role=application.role,
        stage=REJECTION_STAGE[furthest_stage(application)],
        application_id=application.id,
    )
