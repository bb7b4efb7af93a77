"""Practice: the bank, the item of the day, practice sessions, and your own questions."""

from __future__ import annotations

from tracker import clock
from tracker.extensions import db
from tracker.services import practice as service
from tracker.web.api import bp
from tracker.web.api.answers import BODY, LIMITED, NAMES_ID, SIGNED_IN, WRITE, json_answer
from tracker.web.api.hooks import caller
from tracker.web.api.writes import deleted, listed, logged
from tracker.web.http.identity import today_for
from tracker.web.schemas import (
    PracticeCreate,
    PracticeQuestionCreate,
    PracticeQuestionOut,
    PracticeSessionOut,
    PracticeTodayOut,
)
from tracker.web.schemas.lists import PracticeItemList, PracticeQuestionList, PracticeSessionList
from tracker.web.schemas.queries import QuestionPath


@bp.get("/practice/items", responses={200: PracticeItemList, **SIGNED_IN})
def list_items():
    """The practice bank: interview questions and drills"""
    return json_answer(PracticeItemList, service.list_items())


@bp.get("/practice/today", responses={200: PracticeTodayOut, **SIGNED_IN})
def item_of_the_day():
    """Today's practice item (the same all day; with an interview in the next 7 days, one
    that fits its kind)"""
    user = caller()
    day = today_for(user)
    item = service.item_of_the_day(db.session, user, day)
    return json_answer(PracticeTodayOut, {"date": day, "item": item})


@bp.post("/practice", responses={201: PracticeSessionOut, **WRITE, **BODY, **LIMITED})
def log_session(body: PracticeCreate):
    """Log a practice session (counts towards the first practice goal)"""
    return logged(service.log_session, body, PracticeSessionOut)


@bp.get("/practice", responses={200: PracticeSessionList, **SIGNED_IN})
def list_sessions():
    """Practice sessions, newest first"""
    return listed(service.list_sessions, PracticeSessionList)


@bp.get("/practice/questions", responses={200: PracticeQuestionList, **SIGNED_IN})
def list_questions():
    """Your own practice questions, the one added last first"""
    return json_answer(PracticeQuestionList, service.list_questions(db.session, caller()))


@bp.post(
    "/practice/questions",
    responses={201: PracticeQuestionOut, **WRITE, **BODY, **NAMES_ID, **LIMITED},
)
def add_question(body: PracticeQuestionCreate):
    """Add a question to your own practice list (the same text twice is kept once)"""
    question = service.add_question(db.session, caller(), clock.now_utc(), **body.model_dump())
    db.session.commit()
    return json_answer(PracticeQuestionOut, question, 201)


@bp.delete("/practice/questions/<int:question_id>", responses={204: None, **WRITE, **NAMES_ID})
def delete_question(path: QuestionPath):
    """Take a question off your own practice list"""
    return deleted(service.delete_question, path.question_id)
