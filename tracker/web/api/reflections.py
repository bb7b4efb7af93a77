"""Reflections and their prompts."""

from __future__ import annotations

from tracker import clock
from tracker.core.limits import MAX_ID
from tracker.extensions import db
from tracker.services import reflections as service
from tracker.services.errors import NotFound
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
from tracker.web.http.identity import today_for
from tracker.web.schemas import ReflectionCreate, ReflectionOut
from tracker.web.schemas.lists import PromptList, ReflectionList
from tracker.web.schemas.queries import PromptQuery, ReflectionPath, SearchQuery


@bp.post("/reflections", responses={201: ReflectionOut, **WRITE, **BODY, **NAMES_ID, **LIMITED})
def add_reflection(body: ReflectionCreate):
    """Write a reflection (counts towards the first reflect goal)"""
    user = caller()
    reflection = service.add_reflection(
        db.session, user, today_for(user), clock.now_utc(), **body.model_dump()
    )
    db.session.commit()
    return json_answer(ReflectionOut, reflection, 201)


@bp.get("/reflections", responses={200: ReflectionList, **SIGNED_IN, **QUERY})
def list_reflections(query: SearchQuery):
    """Reflections, newest first; ?q= finds text in them, ignoring case"""
    found = service.list_reflections(db.session, caller(), query.q.strip())
    return json_answer(ReflectionList, found)


@bp.delete("/reflections/<int:reflection_id>", responses={204: None, **WRITE, **NAMES_ID})
def delete_reflection(path: ReflectionPath):
    """Delete a reflection"""
    service.delete_reflection(db.session, caller(), path.reflection_id, clock.now_utc())
    db.session.commit()
    return no_content()


@bp.get("/reflections/prompts", responses={200: PromptList, **SIGNED_IN, **QUERY, **NAMES_ID})
def prompts(query: PromptQuery):
    """Guided prompts, or the debrief of one of your rejections"""
    user = caller()
    if query.rejection_id is None:
        return json_answer(PromptList, service.prompts_for(db.session, user))
    if not 1 <= query.rejection_id <= MAX_ID:
        raise NotFound("No such rejection.", {"rejection_id": "No rejection of yours has this id."})
    return json_answer(PromptList, service.prompts_for(db.session, user, query.rejection_id))
