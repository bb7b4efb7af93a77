"""Rejections and breaks."""

from __future__ import annotations

from tracker import clock
from tracker.extensions import db
from tracker.services import journal
from tracker.web.api import bp
from tracker.web.api.registry import operation
from tracker.web.http.identity import today_for
from tracker.web.schemas import BreakCreate, BreakOut, RejectionCreate, RejectionOut


@operation(
    bp,
    "POST",
    "/rejections",
    summary="Log a rejection",
    body=RejectionCreate,
    response=RejectionOut,
    status=201,
)
def log_rejection(user, body: RejectionCreate):
    rejection = journal.log_rejection(
        db.session, user, today_for(user), clock.now_utc(), **body.model_dump()
    )
    db.session.commit()
    return rejection


@operation(
    bp, "GET", "/rejections", summary="Rejections, newest first", response=list[RejectionOut]
)
def list_rejections(user):
    return journal.list_rejections(db.session, user)


@operation(bp, "DELETE", "/rejections/<int:rejection_id>", summary="Delete a rejection", status=204)
def delete_rejection(user, rejection_id: int):
    journal.delete_rejection(db.session, user, rejection_id, clock.now_utc())
    db.session.commit()


@operation(bp, "GET", "/breaks", summary="Planned breaks", response=list[BreakOut])
def list_breaks(user):
    return journal.list_breaks(db.session, user)


@operation(
    bp, "POST", "/breaks", summary="Plan a break", body=BreakCreate, response=BreakOut, status=201
)
def add_break(user, body: BreakCreate):
    pause = journal.add_break(db.session, user, **body.model_dump())
    db.session.commit()
    return pause


@operation(bp, "DELETE", "/breaks/<int:break_id>", summary="Delete a break", status=204)
def delete_break(user, break_id: int):
    journal.delete_break(db.session, user, break_id, clock.now_utc())
    db.session.commit()
