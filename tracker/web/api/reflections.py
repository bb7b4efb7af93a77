"""Reflections and their prompts."""

from __future__ import annotations

from tracker.core.limits import MAX_ID
from tracker.extensions import db
from tracker.services import reflections as service
from tracker.services.errors import NotFound
from tracker.web.api import bp
from tracker.web.api.answers import BODY, LIMITED, NAMES_ID, QUERY, SIGNED_IN, WRITE, json_answer
from tracker.web.api.hooks import caller
from tracker.web.api.writes import deleted, logged
from tracker.web.schemas import ReflectionCreate, ReflectionOut
from tracker.web.schemas.lists import PromptList, ReflectionList
from tracker.web.schemas.queries import PromptQuery, ReflectionPath, SearchQuery


@bp.post("/reflections", responses={201: ReflectionOut, **WRITE, **BODY, **NAMES_ID, **LIMITED})
def add_reflection(body: ReflectionCreate):
    """Write a reflection (counts towards the first reflect goal)"""
    return logged(service.add_reflection, body, ReflectionOut)


@bp.get("/reflections", responses={200: ReflectionList, **SIGNED_IN, **QUERY})
def list_reflections(query: SearchQuery):
    """Reflections, newest first; ?q= finds text in them, ignoring case"""
    found = service.list_reflections(db.session, caller(), query.q.strip())
    return json_answer(ReflectionList, found)


@bp.delete("/reflections/<int:reflection_id>", responses={204: None, **WRITE, **NAMES_ID})
def delete_reflection(path: ReflectionPath):
    """Delete a reflection"""
    return deleted(service.delete_reflection, path.reflection_id)


@bp.get("/reflections/prompts", responses={200: PromptList, **SIGNED_IN, **QUERY, **NAMES_ID})
def prompts(query: PromptQuery):
    """Guided prompts, or the debrief of one of your rejections"""
    user = caller()
    if query.rejection_id is None:
        return json_answer(PromptList, service.prompts_for(db.session, user))
    if not 1 <= query.rejection_id <= MAX_ID:
        raise NotFound("No such rejection.", {"rejection_id": "No rejection of yours has this id."})
    return json_answer(PromptList, service.prompts_for(db.session, user, query.rejection_id))
