"""Interviews of the user's applications, and the user a calendar feed's secret names."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Row, func, or_, select
from sqlalchemy.orm import Session, selectinload

from tracker.models import Application, Interview, StageChange, User
from tracker.queries.owned import owned_count, owned_row


def interview_of_user(session: Session, user_id: int, interview_id: int) -> Interview | None:
    return owned_row(session, Interview, user_id, interview_id)


def count_interviews(session: Session, user_id: int) -> int:
    return owned_count(session, Interview, user_id)


def interviews_between(
    session: Session,
    user_id: int,
    start: datetime | None,
    end: datetime | None,
    limit: int | None = None,
) -> list[Interview]:
    """The user's interviews starting at or after `start` and before `end` (local times; None:
    no bound), by start, then the one logged first, the first `limit` of them (None: all);
    each with its application loaded."""
    bounds = []
    if start is not None:
        bounds.append(Interview.starts_at >= start)
    if end is not None:
        bounds.append(Interview.starts_at < end)
    query = (
        select(Interview)
        .where(Interview.user_id == user_id, *bounds)
        .options(selectinload(Interview.application))
        .order_by(Interview.starts_at, Interview.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def interviews_ahead(
    session: Session, user_id: int, start: datetime, end: datetime, limit: int
) -> list[Row]:
    """(starts_at, application_id, company, id, kind) of the user's first `limit` interviews
    starting at or after `start` and before `end` (local times), by start: one query, for
    Today and the practice pick."""
    columns = (Interview.starts_at, Interview.application_id, Application.company)
    query = (
        select(*columns, Interview.id, Interview.kind)
        .join(Application, Application.id == Interview.application_id)
        .where(Interview.user_id == user_id, Interview.starts_at >= start)
        .where(Interview.starts_at < end)
        .order_by(Interview.starts_at, Interview.id)
        .limit(limit)
    )
    return list(session.execute(query))


def debriefed_before(
    session: Session, user_id: int, before: datetime, limit: int
) -> list[Interview]:
    """The user's interviews starting before `before` (a local time) that have an outcome or a
    debrief: the `limit` latest, latest first, each with its application loaded."""
    said = or_(Interview.outcome.is_not(None), Interview.debrief != "")
    query = (
        select(Interview)
        .where(Interview.user_id == user_id, Interview.starts_at < before, said)
        .options(selectinload(Interview.application))
        .order_by(Interview.starts_at.desc(), Interview.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def last_changes(session: Session, user_id: int, stages: tuple[str, ...], limit: int) -> list[Row]:
    """(id, company, role, last_change) of the user's applications now at one of `stages`,
    with the date of their latest history step: the `limit` latest, latest first. Computed in
    the database: no history is loaded."""
    last = func.max(StageChange.date).label("last_change")
    query = (
        select(Application.id, Application.company, Application.role, last)
        .join(StageChange, StageChange.application_id == Application.id)
        .where(Application.user_id == user_id, Application.stage.in_(stages))
        .group_by(Application.id, Application.company, Application.role)
        .order_by(last.desc(), Application.id)
        .limit(limit)
    )
    return list(session.execute(query))


def user_by_feed_hash(session: Session, digest: str) -> User | None:
    """The user whose calendar feed's secret has this SHA-256 digest, if any."""
    return session.scalars(select(User).where(User.calendar_feed_hash == digest)).first()
