"""Users and API tokens."""

from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from tracker.models import ApiToken, User


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
    return session.scalars(
        select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id)
    ).first()


def count_users(session: Session) -> int:
    return session.scalar(select(func.count(User.id))) or 0
