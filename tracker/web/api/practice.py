"""Practice: the bank, the item of the day, and practice sessions."""

from __future__ import annotations

from tracker import clock
from tracker.extensions import db
from tracker.services import practice as service
from tracker.web.api import bp
from tracker.web.api.registry import operation
from tracker.web.schemas import (
    PracticeCreate,
    PracticeItemOut,
    PracticeSessionOut,
    PracticeTodayOut,
)
from tracker.web.session import today_for


@operation(
    bp,
    "GET",
    "/practice/items",
    summary="The practice bank: interview questions and drills",
    response=list[PracticeItemOut],
)
def list_items(user):
    return service.list_items()


@operation(
    bp,
    "GET",
    "/practice/today",
    summary="Today's practice item (the same all day)",
    response=PracticeTodayOut,
)
def item_of_the_day(user):
    day = today_for(user)
    return {"date": day, "item": service.item_of_the_day(user, day)}


@operation(
    bp,
    "POST",
    "/practice",
    summary="Log a practice session (counts towards the first practice goal)",
    body=PracticeCreate,
    response=PracticeSessionOut,
    status=201,
)
def log_session(user, body: PracticeCreate):
    practice = service.log_session(
        db.session, user, today_for(user), clock.now_utc(), **body.model_dump()
    )
    db.session.commit()
    return practice


@operation(
    bp,
    "GET",
    "/practice",
    summary="Practice sessions, newest first",
    response=list[PracticeSessionOut],
)
def list_sessions(user):
    return service.list_sessions(db.session, user)
