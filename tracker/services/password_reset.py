"""Password reset (SPEC section 6): a link that works once, for an hour, and stops working
when the password changes; using it ends every session.

The link carries a token signed with the app's SECRET_KEY (itsdangerous): the user's id, when
it expires, and a fingerprint of the password hash at the time. Nothing is stored: setting a
new password changes the hash, so the same link cannot be used twice, and an older link stops
working; a deleted account has no user left to match.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Session

from tracker import queries
from tracker.core.limits import MAX_ID
from tracker.models import User
from tracker.services.accounts import change_password

LIFETIME = timedelta(hours=1)
_SALT = "password-reset"


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:24]


def reset_token(user: User, secret_key: str, now: datetime) -> str:
    """A token for a reset link of `user`, good for LIFETIME from `now`."""
    expires = int((now + LIFETIME).timestamp())
    payload = {"u": user.id, "e": expires, "p": _fingerprint(user)}
    return URLSafeSerializer(secret_key, salt=_SALT).dumps(payload)


def user_for_reset(session: Session, token: str, secret_key: str, now: datetime) -> User | None:
    """The user a reset token is for, while it is good: signed by this server, not expired at
    `now`, and made for the password the user has now. Anything else is None."""
    if not token or len(token) > 500:
        return None
    try:
        payload = URLSafeSerializer(secret_key, salt=_SALT).loads(token)
    except BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    user_id, expires, fingerprint = payload.get("u"), payload.get("e"), payload.get("p")
    if not isinstance(user_id, int) or not isinstance(expires, int) or not 0 < user_id <= MAX_ID:
        return None
    if now.timestamp() >= expires:
        return None
    user = queries.user_by_id(session, user_id)
    if user is None or fingerprint != _fingerprint(user):
        return None
    return user


def reset_password(session: Session, user: User, new_password: str) -> User:
    """Set the new password (the link it came by stops working) and end every browser
    session of the user: whoever held one must sign in again."""
    return change_password(session, user, new_password)
