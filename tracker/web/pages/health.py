"""/healthz: is this app server able to answer? (for a load balancer or a monitor)"""

from __future__ import annotations

import logging

from flask import Blueprint, jsonify
from sqlalchemy import false, text, update
from sqlalchemy.exc import SQLAlchemyError

from tracker.extensions import db
from tracker.models import User

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


def _database_problem() -> str | None:
    """None when the database answers a read and takes a write, else what failed.

    The write is an UPDATE that matches no row, rolled back: the database must still accept
    a writing statement (SQLite takes its write lock, PostgreSQL refuses it in a read-only
    transaction), yet nothing is changed, locked for long or left behind.
    """
    step = "unreachable"
    try:
        db.session.execute(text("SELECT 1"))
        step = "read_only"
        db.session.execute(update(User).where(false()).values(id=User.id))
    except SQLAlchemyError as error:
        log.error("health check: the database is %s (%s)", step, type(error).__name__)
        return step
    finally:
        db.session.rollback()
    return None


@bp.get("/healthz")
def healthz():
    """200 {"status": "ok"} when the database can be read and written (SPEC 6), else 503.
    No sign-in, no rate limit, nothing about anyone."""
    problem = _database_problem()
    if problem is None:
        answer = jsonify({"status": "ok"})
    else:
        answer = jsonify({"status": "unavailable", "database": problem})
        answer.status_code = 503
    answer.headers["Cache-Control"] = "no-store"
    return answer
