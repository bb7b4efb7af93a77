"""Reflections and their prompts."""

from __future__ import annotations

import re

from flask import request

from tracker import clock
from tracker.extensions import db
from tracker.services import reflections as service
from tracker.services.errors import Invalid, NotFound
from tracker.web.api import bp
from tracker.web.api.registry import operation
from tracker.web.http.identity import today_for
from tracker.web.schemas import PromptOut, ReflectionCreate, ReflectionOut
from tracker.web.schemas.fields import MAX_ID

MAX_SEARCH = 200
_NUMBER = re.compile(r"[0-9]{1,40}")


@operation(
    bp,
    "POST",
    "/reflections",
    summary="Write a reflection (counts towards the first reflect goal)",
    body=ReflectionCreate,
    response=ReflectionOut,
    status=201,
    errors=(404,),
)
def add_reflection(user, body: ReflectionCreate):
    reflection = service.add_reflection(
        db.session, user, today_for(user), clock.now_utc(), **body.model_dump()
    )
    db.session.commit()
    return reflection


@operation(
    bp,
    "GET",
    "/reflections",
    summary="Reflections, newest first; ?q= finds text in them, ignoring case",
    response=list[ReflectionOut],
    query=(("q", "string", False),),
)
def list_reflections(user):
    search = request.args.get("q", "")
    if len(search) > MAX_SEARCH:
        raise Invalid("That search is too long.", {"q": f"Use {MAX_SEARCH} characters or fewer."})
    return service.list_reflections(db.session, user, search.strip())


@operation(
    bp, "DELETE", "/reflections/<int:reflection_id>", summary="Delete a reflection", status=204
)
def delete_reflection(user, reflection_id: int):
    service.delete_reflection(db.session, user, reflection_id, clock.now_utc())
    db.session.commit()


@operation(
    bp,
    "GET",
    "/reflections/prompts",
    summary="Guided prompts, or the debrief of one of your rejections",
    response=list[PromptOut],
    query=(("rejection_id", "integer", False),),
    errors=(404,),
)
def prompts(user):
    raw = request.args.get("rejection_id") or None
    if raw is None:
        return service.prompts_for(db.session, user)
    if not _NUMBER.fullmatch(raw):
        raise Invalid("rejection_id must be a whole number.", {"rejection_id": "Use an id."})
    if int(raw) > MAX_ID:
        raise NotFound("No such rejection.", {"rejection_id": "No rejection of yours has this id."})
    return service.prompts_for(db.session, user, int(raw))
