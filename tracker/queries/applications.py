"""Job applications and their stage history."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.models import Application
from tracker.queries.owned import owned_row


def applications_of_user(
    session: Session, user_id: int, stage: str | None = None
) -> list[Application]:
    """The user's applications, newest first (by date, then the one logged last)."""
    query = select(Application).where(Application.user_id == user_id)
    if stage is not None:
        query = query.where(Application.stage == stage)
    return list(session.scalars(query.order_by(Application.date.desc(), Application.id.desc())))


def application_of_user(session: Session, user_id: int, application_id: int) -> Application | None:
    return owned_row(session, Application, user_id, application_id)


def application_dates(session: Session, user_id: int) -> list[date]:
    return list(session.scalars(select(Application.date).where(Application.user_id == user_id)))
