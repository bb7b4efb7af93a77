"""Interviews of an application, and the address of the calendar feed."""

from __future__ import annotations

from flask import request

from tracker import clock
from tracker.extensions import db
from tracker.services import applications, calendar_feed
from tracker.services import interviews as service
from tracker.web.api import bp
from tracker.web.api.answers import (
    BODY,
    LIMITED,
    NAMES_ID,
    QUERY,
    SIGNED_IN,
    WRITE,
    json_answer,
    no_content,
)
from tracker.web.api.hooks import caller
from tracker.web.api.ranges import ahead_range
from tracker.web.api.writes import deleted
from tracker.web.http.addresses import public_url
from tracker.web.http.identity import today_for
from tracker.web.schemas.interviews import (
    CalendarFeedOut,
    InterviewCreate,
    InterviewList,
    InterviewOut,
    InterviewUpdate,
)
from tracker.web.schemas.queries import ApplicationPath, InterviewPath, InterviewRange


def application_first() -> None:
    """Before the body is read: scheduling on an application that is not the caller's answers
    404 whatever the body holds, as every id of someone else's does (SPEC 6)."""
    if request.endpoint == "api.schedule_interview":
        applications.get_application(db.session, caller(), request.view_args["application_id"])


@bp.post(
    "/applications/<int:application_id>/interviews",
    responses={201: InterviewOut, **WRITE, **BODY, **NAMES_ID, **LIMITED},
)
def schedule_interview(path: ApplicationPath, body: InterviewCreate):
    """Schedule an interview (an application at saved, applied or screen moves to interview)"""
    user = caller()
    application = applications.get_application(db.session, user, path.application_id)
    interview = service.schedule_interview(
        db.session, user, application, today_for(user), clock.now_utc(), **dict(body)
    )
    db.session.commit()
    return json_answer(InterviewOut, interview, 201)


@bp.get("/interviews", responses={200: InterviewList, **SIGNED_IN, **QUERY})
def list_interviews(query: InterviewRange):
    """Interviews by start time, from today on unless `from` says otherwise"""
    user = caller()
    today = today_for(user)
    start, end = ahead_range(query, today, service.latest_day(today))
    return json_answer(InterviewList, service.list_interviews(db.session, user, start, end))


@bp.patch(
    "/interviews/<int:interview_id>",
    responses={200: InterviewOut, **WRITE, **BODY, **NAMES_ID},
)
def update_interview(path: InterviewPath, body: InterviewUpdate):
    """Change an interview, or say how it went"""
    user = caller()
    interview = service.get_interview(db.session, user, path.interview_id)
    changes = {name: getattr(body, name) for name in body.model_fields_set}
    service.update_interview(db.session, user, interview, today_for(user), changes)
    db.session.commit()
    return json_answer(InterviewOut, interview)


@bp.delete("/interviews/<int:interview_id>", responses={204: None, **WRITE, **NAMES_ID})
def delete_interview(path: InterviewPath):
    """Delete an interview"""
    return deleted(service.delete_interview, path.interview_id)


@bp.post("/calendar-feed", responses={201: CalendarFeedOut, **WRITE})
def create_calendar_feed():
    """A new secret address of your calendar feed (the one before stops working)"""
    secret = calendar_feed.new_feed_secret(db.session, caller())
    db.session.commit()
    url = public_url("feeds.calendar", secret=secret)
    return json_answer(CalendarFeedOut, {"url": url}, 201)


@bp.delete("/calendar-feed", responses={204: None, **WRITE})
def delete_calendar_feed():
    """Stop your calendar feed"""
    calendar_feed.drop_feed(db.session, caller())
    db.session.commit()
    return no_content()
