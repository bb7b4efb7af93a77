"""Job applications and their stage history."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from tracker.models import Application
from tracker.queries.owned import newest_first, owned_dates, owned_row


def applications_of_user(
    session: Session, user_id: int, stage: str | None = None
) -> list[Application]:
    """The user's applications, newest first (by date, then the one logged last)."""
    only = [] if stage is None else [Application.stage == stage]
    return newest_first(session, Application, user_id, Application.date, only)


def application_of_user(session: Session, user_id: int, application_id: int) -> Application | None:
    return owned_row(session, Application, user_id, application_id)


def application_dates(session: Session, user_id: int) -> list[date]:
    return owned_dates(session, Application, user_id)
