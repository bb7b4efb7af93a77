"""Who is calling the API: a bearer token, or the session cookie with X-CSRFToken on writes."""

from __future__ import annotations

from collections.abc import Callable

from flask import request
from flask_wtf.csrf import ValidationError as CSRFValidationError
from flask_wtf.csrf import validate_csrf
from sqlalchemy import Connection

from tracker.extensions import db
from tracker.models import User
from tracker.services.accounts import Caller, caller_for_token, user_for_token
from tracker.services.errors import ServiceError
from tracker.web.session import session_user


class Unauthorized(ServiceError):
    status = 401
    code = "unauthorized"


class Forbidden(ServiceError):
    status = 403
    code = "csrf"


def api_user() -> User:
    """The calling user, or a 401/403 error."""
    return _authenticate(lambda raw: user_for_token(db.session, raw))


def api_caller(conn: Connection) -> Caller | User:
    """The caller's id and timezone (a Caller for a token, looked up on `conn`; the User for a
    session), or a 401/403 error: for the operations that need no more, so a token costs no
    ORM load."""
    return _authenticate(lambda raw: caller_for_token(conn, raw))


def _authenticate(by_token: Callable[[str], Caller | User | None]):
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
