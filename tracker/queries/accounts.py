"""Users and API tokens."""

from __future__ import annotations

from sqlalchemy import Connection, Row, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from tracker.models import ApiToken, BrowserSession, User
from tracker.queries.owned import newest_first, owned_row


def user_by_id(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalars(select(User).where(User.email == email.strip().lower())).first()


# Built once, with bound parameters: it runs on every API request.
_USER_BY_TOKEN = (
    select(User)
    .join(ApiToken, ApiToken.user_id == User.id)
    .where(ApiToken.token_hash == bindparam("token_hash"))
)


def user_by_token_hash(session: Session, token_hash: str) -> User | None:
    return session.scalars(_USER_BY_TOKEN, {"token_hash": token_hash}).first()


def token_of_user(session: Session, user_id: int, token_id: int) -> ApiToken | None:
    return owned_row(session, ApiToken, user_id, token_id)


def count_users(session: Session) -> int:
    return session.scalar(select(func.count(User.id))) or 0


def tokens_of_user(session: Session, user_id: int) -> list[ApiToken]:
    """The user's API tokens, newest first."""
    return newest_first(session, ApiToken, user_id, ApiToken.created_at)


def delete_tokens_of_user(session: Session, user_id: int) -> int:
    """Delete every API token of the user; the number deleted."""
    result = session.execute(delete(ApiToken).where(ApiToken.user_id == user_id))
    return result.rowcount or 0


# Built once: it runs on every request that carries a session cookie.
_USER_BY_SESSION = (
    select(User, BrowserSession.seen_at)
    .join(BrowserSession, BrowserSession.user_id == User.id)
    .where(
        BrowserSession.secret_hash == bindparam("secret_hash"),
        BrowserSession.seen_at > bindparam("since"),
    )
)


def user_by_session_hash(session: Session, secret_hash: str, since) -> Row | None:
    """(user, seen_at) of the browser session with that secret's digest, if it was last
    seen after `since`; else None."""
    return session.execute(_USER_BY_SESSION, {"secret_hash": secret_hash, "since": since}).first()


def touch_browser_session(conn: Connection, secret_hash: str, now) -> None:
    conn.execute(
        update(BrowserSession).where(BrowserSession.secret_hash == secret_hash).values(seen_at=now)
    )


def delete_browser_session(session: Session, secret_hash: str) -> None:
    session.execute(delete(BrowserSession).where(BrowserSession.secret_hash == secret_hash))


def delete_browser_sessions(session: Session, user_id: int, *, unseen_since=None) -> None:
    """Delete the user's browser sessions (only those not seen since an instant, if given)."""
    statement = delete(BrowserSession).where(BrowserSession.user_id == user_id)
    if unseen_since is not None:
        statement = statement.where(BrowserSession.seen_at < unseen_since)
    session.execute(statement)


def delete_user(session: Session, user_id: int) -> None:
    """Delete the user row; the database's ON DELETE CASCADE removes everything that is theirs."""
    session.execute(delete(User).where(User.id == user_id))
