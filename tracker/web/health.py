"""/healthz: is this app server able to answer? (for a load balancer or a monitor)"""

from __future__ import annotations

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from tracker.extensions import db

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@bp.get("/healthz")
def healthz():
    """200 {"status": "ok"} when the database answers a trivial query, else 503. No sign-in,
    no rate limit, nothing about anyone."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        db.session.rollback()
        log.error("health check: the database did not answer (%s)", type(error).__name__)
        answer = jsonify({"status": "unavailable", "database": "unreachable"})
        answer.status_code = 503
    else:
        answer = jsonify({"status": "ok"})
    answer.headers["Cache-Control"] = "no-store"
    return answer
