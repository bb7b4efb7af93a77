"""Who is calling: the browser session (cookie) for pages and the API, or a bearer token.

The cookie holds a random secret of a `BrowserSession` row (`sid`), checked on every
request: signing out deletes the row, and deleting the account deletes its rows, so no saved
copy of a cookie outlives either. The views that call `sign_in` or `sign_out` commit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask import current_app, g, request, session
from flask_wtf.csrf import ValidationError as CSRFValidationError
from flask_wtf.csrf import generate_csrf, validate_csrf

from tracker import clock
from tracker.core.days import local_date
from tracker.extensions import db
from tracker.models import User
from tracker.services import accounts
from tracker.services.accounts import user_for_token
from tracker.services.errors import ServiceError

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


class Unauthorized(ServiceError):
    status = 401
    code = "unauthorized"


class Forbidden(ServiceError):
    status = 403
    code = "csrf"


def api_user() -> User:
    """The calling user, or a 401/403 error."""
    return _authenticate(lambda raw: user_for_token(db.session, raw))


def _authenticate(by_token: Callable[[str], User | None]) -> User:
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, raw = header.partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise Unauthorized("Use 'Authorization: Bearer <token>'.")
        caller = by_token(raw.strip())
        if caller is None:
            raise Unauthorized("This token is unknown or was revoked.")
        return caller
    user = session_user()
    if user is None:
        raise Unauthorized("Sign in or send a bearer token.")
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        try:
            validate_csrf(request.headers.get("X-CSRFToken"))
        except CSRFValidationError:
            raise Forbidden("Missing or invalid X-CSRFToken header.") from None
    return user
