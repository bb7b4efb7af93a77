"""Feeds that other programs subscribe to, by a secret address and no other credentials:
/feeds/<secret>.ics, the user's interviews and follow-ups for a calendar app (SPEC 6)."""

from __future__ import annotations

from flask import Blueprint, Response, abort

from tracker import clock
from tracker.extensions import db
from tracker.services import calendar_feed
from tracker.web.http.addresses import public_host
from tracker.web.http.identity import today_for

bp = Blueprint("feeds", __name__)
# A secret is 43 URL-safe characters (token_urlsafe(32)); longer text is never looked up.
_MAX_SECRET = 100


@bp.get("/feeds/<secret>.ics")
def calendar(secret: str):
    """200 text/calendar for the current secret of a user's feed; 404 for anything else."""
    user = calendar_feed.feed_owner(db.session, secret) if len(secret) <= _MAX_SECRET else None
    if user is None:
        abort(404)
    body = calendar_feed.feed_calendar(
        db.session, user, today_for(user), clock.now_utc(), public_host()
    )
    answer = Response(body, mimetype="text/calendar")
    answer.headers["Cache-Control"] = "no-store"
    return answer
