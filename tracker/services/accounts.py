"""Accounts, sign-in and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from tracker import queries
from tracker.models import ALL_WEEKDAYS, ApiToken, Goal, User
from tracker.services.errors import Conflict, NotFound

STARTER_GOALS = (
    ("apply", "Send 1 application"),
    ("practice", "Practise 1 interview answer"),
    ("reflect", "Write a short reflection"),
)
_DUMMY_HASH = generate_password_hash("not-a-real-password-but-same-cost")


def hash_token(raw: str) -> str:
    """Tokens are stored only as their SHA-256 digest."""
    return hashlib.sha256(raw.encode()).hexdigest()


def create_account(
    session: Session, email: str, password: str, timezone: str, today: date, now: datetime
) -> User:
    """Create a user with the three starter goals, created on the user's local `today`.

    Raises Conflict when the email (compared case-insensitively) is taken.
    """
    email = email.strip().lower()
    if queries.user_by_email(session, email) is not None:
        raise _email_taken()
    user = User(
        email=email,
        password_hash=generate_password_hash(password),
        timezone=timezone,
        created_at=now,
        session_version=0,
    )
    user.goals = [
        Goal(category=category, title=title, target=1, weekday_mask=ALL_WEEKDAYS, created_on=today)
        for category, title in STARTER_GOALS
    ]
    try:
        with session.begin_nested():
            session.add(user)
    except IntegrityError:
        raise _email_taken() from None
    return user


def _email_taken() -> Conflict:
    return Conflict(
        "An account with this email already exists.",
        {"email": "This email is already registered. Sign in instead?"},
    )


def get_user(session: Session, user_id: int) -> User | None:
    """The user with this id, or None."""
    return queries.user_by_id(session, user_id)


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The user with this email and password, or None (same cost either way)."""
    # PostgreSQL refuses NUL in a text parameter; no stored email holds one anyway.
    user = None if "\x00" in email else queries.user_by_email(session, email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def issue_token(session: Session, user: User, name: str, now: datetime) -> tuple[ApiToken, str]:
    """A new API token; the raw value is returned once and only its hash is kept."""
    raw = "bio_" + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=hash_token(raw), created_at=now)
    session.add(token)
    session.flush()
    return token, raw


def user_for_token(session: Session, raw: str) -> User | None:
    """The owner of a raw bearer token, or None."""
    return queries.user_by_token_hash(session, hash_token(raw))


def revoke_token(session: Session, user: User, token_id: int) -> None:
    """Delete one of the user's tokens; another user's id is NotFound."""
    token = queries.token_of_user(session, user.id, token_id)
    if token is None:
        raise NotFound("No such token.")
    session.delete(token)
    session.flush()


def set_timezone(session: Session, user: User, timezone: str) -> User:
    """Change the user's timezone (already validated as an IANA name)."""
    user.timezone = timezone
    session.flush()
    return user
