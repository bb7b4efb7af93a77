"""What runs before a signed-in API view: who is calling, and ids no row can have."""

from __future__ import annotations

from flask import g, request

from tracker.core.limits import MAX_ID
from tracker.models import User
from tracker.services.errors import NotFound
from tracker.web.http.identity import api_user

# The operations anyone may call (declared with `security=ANYONE`).
PUBLIC = frozenset(
    {
        "api.openapi",
        "api.create_account",
        "api.create_token",
        "api.push_key",
        "api.ask_password_reset",
    }
)


def authenticate() -> None:
    """The caller (a bearer token, or the session cookie with X-CSRFToken on a write), or
    401/403 before anything of the request is read; the PUBLIC operations need none."""
    if request.endpoint not in PUBLIC:
        g.caller = api_user()


def caller() -> User:
    """The user this request was authenticated as (by `authenticate`)."""
    return g.caller


def refuse_impossible_ids() -> None:
    """An id outside 1..MAX_ID (ids are INTEGER columns) names nothing: 404, as any id that is
    not yours, before the path model would call it a 400."""
    for value in (request.view_args or {}).values():
        if isinstance(value, int) and not 1 <= value <= MAX_ID:
            raise NotFound("There is nothing with this id.")
