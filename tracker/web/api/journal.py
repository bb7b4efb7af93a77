"""Rejections and breaks."""

from __future__ import annotations

from tracker.extensions import db
from tracker.services import applications, journal
from tracker.web.api import bp
from tracker.web.api.answers import BODY, LIMITED, NAMES_ID, SIGNED_IN, WRITE, json_answer
from tracker.web.api.hooks import caller
from tracker.web.api.writes import deleted, listed, logged
from tracker.web.schemas import BreakCreate, BreakOut, RejectionCreate, RejectionOut
from tracker.web.schemas.lists import BreakList, RejectionList
from tracker.web.schemas.queries import BreakPath, RejectionPath


@bp.post("/rejections", responses={201: RejectionOut, **WRITE, **BODY, **NAMES_ID, **LIMITED})
def log_rejection(body: RejectionCreate):
    """Log a rejection (naming an application moves it to rejected)"""
    return logged(applications.log_rejection, body, RejectionOut)


@bp.get("/rejections", responses={200: RejectionList, **SIGNED_IN})
def list_rejections():
    """Rejections, newest first"""
    return listed(journal.list_rejections, RejectionList)


@bp.delete("/rejections/<int:rejection_id>", responses={204: None, **WRITE, **NAMES_ID})
def delete_rejection(path: RejectionPath):
    """Delete a rejection"""
    return deleted(journal.delete_rejection, path.rejection_id)


@bp.get("/breaks", responses={200: BreakList, **SIGNED_IN})
def list_breaks():
    """Planned breaks"""
    return listed(journal.list_breaks, BreakList)


@bp.post("/breaks", responses={201: BreakOut, **WRITE, **BODY, **LIMITED})
def add_break(body: BreakCreate):
    """Plan a break"""
    pause = journal.add_break(db.session, caller(), **body.model_dump())
    db.session.commit()
    return json_answer(BreakOut, pause, 201)


@bp.delete("/breaks/<int:break_id>", responses={204: None, **WRITE, **NAMES_ID})
def delete_break(path: BreakPath):
    """Delete a break"""
    return deleted(journal.delete_break, path.break_id)
