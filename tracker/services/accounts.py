"""Accounts, sign-in and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, timedelta

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from tracker import queries
from tracker.core.days import as_utc
from tracker.models import ALL_WEEKDAYS, ApiToken, BrowserSession, Goal, Removal, User
from tracker.services import interviews, removals
from tracker.services.errors import Conflict, ServiceError, require_found

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


def revoke_token(session: Session, user: User, token_id: int, now: datetime) -> Removal:
    """Delete one of the user's tokens (it stops working at once), so that it can be put
    back; another user's id is NotFound."""
    token = require_found(queries.token_of_user(session, user.id, token_id), "No such token.")
    return removals.remove(session, token, f"the token “{token.name or 'unnamed'}”", now)


def set_timezone(session: Session, user: User, timezone: str, now: datetime) -> User:
    """Change the user's timezone (already validated as an IANA name). Today may move back a
    day, so the streak checkpoints (each of a day before today) go; the interview messages
    still to send follow the interviews' local times into the new zone."""
    user.timezone = timezone
    queries.forget_checkpoints(session, user.id)
    interviews.rearm_messages(session, user, now)
    session.flush()
    return user


class WrongPassword(ServiceError):
    """The password given to confirm a change is not the account's."""

    status = 403
    code = "wrong_password"


def confirm_password(user: User, password: str) -> None:
    """Raise WrongPassword unless `password` is the user's (the account is at stake)."""
    if not check_password_hash(user.password_hash, password):
        raise WrongPassword(
            "That is not your current password.",
            {"password": "That isn't your current password. Check it and try again."},
        )


def change_password(session: Session, user: User, new_password: str) -> User:
    """Store a fresh hash of `new_password` and end every browser session of the user (the
    caller starts a new one for the person who changed it). API tokens stay valid."""
    user.password_hash = generate_password_hash(new_password)
    return end_sessions(session, user)


# A session in use is marked seen at most this often (a write, not one per request).
SEEN_EVERY = timedelta(days=1)


def start_session(session: Session, user: User, now: datetime, lifetime: timedelta) -> str:
    """Start a browser session for `user` and return its raw secret (for the cookie only:
    just its digest is stored). The user's sessions unused for `lifetime` are deleted."""
    queries.delete_browser_sessions(session, user.id, unseen_since=now - lifetime)
    raw = secrets.token_urlsafe(32)
    row = BrowserSession(user_id=user.id, secret_hash=hash_token(raw), created_at=now, seen_at=now)
    session.add(row)
    session.flush()
    return raw


def user_for_session(
    session: Session, raw: str, now: datetime, lifetime: timedelta
) -> tuple[User, bool] | None:
    """(owner, due) of the browser session with this raw secret, if it was used within
    `lifetime` before `now` and not ended since; else None. `due` says the session was last
    marked seen over a day ago: mark it with `mark_seen` so that using it keeps it alive."""
    found = queries.user_by_session_hash(session, hash_token(raw), now - lifetime)
    if found is None:
        return None
    user, seen_at = found
    return user, now - as_utc(seen_at) > SEEN_EVERY


def mark_seen(conn: Connection, raw: str, now: datetime) -> None:
    """Mark the browser session with this raw secret as used at `now`."""
    queries.touch_browser_session(conn, hash_token(raw), now)


def end_session(session: Session, raw: str) -> None:
    """End one browser session: a saved copy of its cookie no longer signs anyone in."""
    queries.delete_browser_session(session, hash_token(raw))
    session.flush()


def end_sessions(session: Session, user: User, revoke_tokens: bool = False) -> User:
    """Sign the user out of every browser (their session cookies stop working at once);
    with `revoke_tokens`, also delete every API token."""
    queries.delete_browser_sessions(session, user.id)
    if revoke_tokens:
        queries.delete_tokens_of_user(session, user.id)
    session.flush()
    return user


def tokens_of(session: Session, user: User) -> list[ApiToken]:
    """The user's API tokens (never their values: only hashes are stored), newest first."""
    return queries.tokens_of_user(session, user.id)


def delete_account(session: Session, user: User) -> None:
    """Delete the account and everything in it: goals, entries, journal, tokens, reminders,
    push subscriptions (the database cascades from the user row). There is no undo."""
    user_id = user.id
    session.expunge(user)
    queries.delete_user(session, user_id)
    session.flush()
