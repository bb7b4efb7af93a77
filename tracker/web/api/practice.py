"""Practice: the bank, the item of the day, practice sessions, and your own questions."""

from __future__ import annotations

from tracker import clock
from tracker.extensions import db
from tracker.services import practice as service
from tracker.web.api import bp
from tracker.web.api.registry import operation
from tracker.web.http.identity import today_for
from tracker.web.schemas import (
    PracticeCreate,
    PracticeItemOut,
    PracticeQuestionCreate,
    PracticeQuestionOut,
    PracticeSessionOut,
    PracticeTodayOut,
)


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


@operation(
    bp,
    "GET",
    "/practice/questions",
    summary="Your own practice questions, the one added last first",
    response=list[PracticeQuestionOut],
)
def list_questions(user):
    return service.list_questions(db.session, user)


@operation(
    bp,
    "POST",
    "/practice/questions",
    summary="Add a question to your own practice list (the same text twice is kept once)",
    body=PracticeQuestionCreate,
    response=PracticeQuestionOut,
    status=201,
    errors=(404,),
)
def add_question(user, body: PracticeQuestionCreate):
    question = service.add_question(db.session, user, clock.now_utc(), **body.model_dump())
    db.session.commit()
    return question


@operation(
    bp,
    "DELETE",
    "/practice/questions/<int:question_id>",
    summary="Take a question off your own practice list",
    status=204,
)
def delete_question(user, question_id: int):
    service.delete_question(db.session, user, question_id, clock.now_utc())
    db.session.commit()
