"""Who is signed in: the browser session (cookie) for pages and the API.

The cookie holds a random secret of a `BrowserSession` row (`sid`), checked on every
request: signing out deletes the row, and deleting the account deletes its rows, so no saved
copy of a cookie outlives either. The views that call `sign_in` or `sign_out` commit.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, g, session
from flask_wtf.csrf import generate_csrf

from tracker import clock
from tracker.core.days import local_date
from tracker.extensions import db
from tracker.models import User
from tracker.services import accounts

_KEY = "sid"


def _lifetime() -> timedelta:
    return current_app.permanent_session_lifetime


def sign_in(user: User) -> None:
    """Start a fresh session for `user` (a new secret guards against fixation).

    The session's CSRF secret is made here, so every copy of the signed-in cookie carries the
    same one: a page's token stays valid whichever of the copies a browser sends back."""
    _end_current()
    session.clear()
    session.permanent = True
    session[_KEY] = accounts.start_session(db.session, user, clock.now_utc(), _lifetime())
    g.pop("csrf_token", None)  # the signed token of the anonymous session before
    generate_csrf()
    g.user = user


def sign_out() -> None:
    """End this browser's session on the server, and forget it in the cookie."""
    _end_current()
    session.clear()
    g.user = None


def has_browser_session() -> bool:
    """Whether the request came with a signed-in session cookie (not only a bearer token)."""
    return isinstance(session.get(_KEY), str)


def _end_current() -> None:
    raw = session.get(_KEY)
    if isinstance(raw, str):
        accounts.end_session(db.session, raw)


def session_user() -> User | None:
    """The user of the session cookie, or None (signed out, ended elsewhere, or expired)."""
    if "user" not in g:
        user = None
        raw = session.get(_KEY)
        if isinstance(raw, str):
            now = clock.now_utc()
            found = accounts.user_for_session(db.session, raw, now, _lifetime())
            if found is not None:
                user, due = found
                if due:  # once a day: on a connection of its own, whatever the view does
                    with db.engine.begin() as conn:
                        accounts.mark_seen(conn, raw, now)
        g.user = user
    return g.user


def today_for(user: User):
    """The user's local date now: the only way the web layer learns what 'today' is."""
    return local_date(clock.now_utc(), user.timezone)
