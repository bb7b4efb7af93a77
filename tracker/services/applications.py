"""Job applications: the pipeline, its dated history, and the rejection a "no" logs."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from tracker import queries
from tracker.models import Application, Removal, StageChange, User
from tracker.services import removals
from tracker.services.errors import refuse_future, require_found
from tracker.services.journal import add_record, log_rejection
from tracker.services.progress import count_towards_goal

# The pipeline in order, then the outcomes; moving into a "no" stage logs a rejection.
PIPELINE = ("applied", "screen", "interview", "offer")
NO_STAGES = ("rejected", "ghosted")
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


def list_applications(session: Session, user: User, stage: str | None = None) -> list[Application]:
    """The user's applications, newest first, optionally only those now at `stage`."""
    return queries.applications_of_user(session, user.id, stage)


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
) -> Application:
    """Log an application on a local date (default `today`) at `stage` (default applied).

    Its history starts with (stage, date). It counts towards the user's first apply goal on
    that date; created as rejected or ghosted, it also logs a linked rejection dated `today`.
    Raises Invalid for a date after `today` or before EARLIEST_DATE.
    """
    day = today if date is None else date
    application = Application(
        company=company,
        role=role,
        link=link or None,
        date=day,
        stage=stage,
        history=[StageChange(stage=stage, date=day)],
    )
    add_record(session, user, today, now, "applications", application)
    if stage in NO_STAGES:
        _log_no(session, user, application, today, now)
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
    """Apply the given fields of {company, role, link, date, stage}.

    A new `date` moves the application (and the first step of its history) and counts
    towards the apply goal on that date. A new `stage` adds (stage, today) to the history;
    every move is allowed (corrections, a ghost that calls back), and moving to the stage it
    is at changes nothing, so a replayed request is harmless. Entering rejected or ghosted
    from any other stage logs one linked rejection dated `today`; leaving it later keeps
    that rejection. Raises Invalid for a date after `today` or before EARLIEST_DATE.
    """
    if "date" in changes:
        refuse_future(changes["date"], today)  # before anything changes
    for field in ("company", "role"):
        if field in changes:
            setattr(application, field, changes[field])
    if "link" in changes:
        application.link = changes["link"] or None
    if "date" in changes and changes["date"] != application.date:
        application.date = changes["date"]
        application.history[0].date = changes["date"]
    new_stage = changes.get("stage")
    entering_no = new_stage in NO_STAGES and application.stage not in NO_STAGES
    if new_stage is not None and new_stage != application.stage:
        application.history.append(StageChange(stage=new_stage, date=today))
        application.stage = new_stage
    session.flush()
    if entering_no:
        _log_no(session, user, application, today, now)
    if "date" in changes:
        count_towards_goal(session, user, "apply", application.date, now)
    return application


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
    open_stage = application.stage in PIPELINE and application.stage != "offer"
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


def _log_no(
    session: Session, user: User, application: Application, today: date, now: datetime
) -> None:
    log_rejection(
        session,
        user,
        today,
        now,
        date=today,
        company=application.company,
        role=application.role,
        stage=REJECTION_STAGE[furthest_stage(application)],
        application_id=application.id,
    )
