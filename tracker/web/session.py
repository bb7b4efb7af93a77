"""Who is signed in: the browser session (cookie) for pages and the API."""

from __future__ import annotations

from flask import g, session
from flask_wtf.csrf import generate_csrf

from tracker import clock
from tracker.core.days import local_date
from tracker.extensions import db
from tracker.models import User
from tracker.services.accounts import get_user


def sign_in(user: User) -> None:
    """Start a fresh session for `user` (a new session id guards against fixation).

    The session's CSRF secret is made here, so every copy of the signed-in cookie carries the
    same one: a page's token stays valid whichever of the copies a browser sends back."""
    session.clear()
    session.permanent = True
    session["uid"] = user.id
    session["sv"] = user.session_version
    g.pop("csrf_token", None)  # the signed token of the anonymous session before
    generate_csrf()
    g.user = user


def sign_out() -> None:
    session.clear()
    g.user = None


def session_user() -> User | None:
    """The user of the session cookie, or None (also when signed out everywhere since)."""
    if "user" not in g:
        user = None
        uid = session.get("uid")
        if isinstance(uid, int):
            user = get_user(db.session, uid)
            if user is not None and user.session_version != session.get("sv"):
                user = None
        g.user = user
    return g.user


def today_for(user: User):
    """The user's local date now: the only way the web layer learns what 'today' is."""
    return local_date(clock.now_utc(), user.timezone)
