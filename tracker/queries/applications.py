"""Job applications and their stage history."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session, selectinload

from tracker.models import Application, Rejection
from tracker.queries.owned import owned_row

# A saved listing is not an application yet (SPEC section 4): goals and badges skip it.
_SENT = Application.stage != "saved"
_SENT_DATES = select(Application.date).where(Application.user_id == bindparam("user_id"), _SENT)
_SENT_ON = select(func.count(Application.id)).where(
    Application.user_id == bindparam("user_id"), Application.date == bindparam("day"), _SENT
)
_NEWEST_FIRST = (Application.date.desc(), Application.id.desc())


def applications_of_user(
    session: Session, user_id: int, stage: str | None = None, search: str | None = None
) -> list[Application]:
    """The user's applications, newest first (by date, then the one logged last), with
    their interviews; optionally only those now at `stage`, or `matching` the search."""
    query = select(Application).where(Application.user_id == user_id)
    if stage is not None:
        query = query.where(Application.stage == stage)
    query = _matching(query, search)
    # The interviews of all of them in one more query, not one each.
    query = query.options(selectinload(Application.interviews))
    return list(session.scalars(query.order_by(*_NEWEST_FIRST)))


def count_by_stage(session: Session, user_id: int, search: str | None = None) -> dict[str, int]:
    """{stage: how many of the user's applications are now at it}, in one GROUP BY; only
    those matching `search` when one is given. A stage none is at is left out."""
    query = select(Application.stage, func.count(Application.id)).where(
        Application.user_id == user_id
    )
    query = _matching(query, search).group_by(Application.stage)
    return dict(session.execute(query).all())


def applications_page(
    session: Session,
    user_id: int,
    stages: tuple[str, ...],
    search: str | None,
    offset: int,
    limit: int,
) -> list[Application]:
    """One page of the user's applications now at one of `stages` (and matching `search`),
    newest first as applications_of_user orders them: `limit` of them from `offset` on."""
    query = select(Application).where(Application.user_id == user_id, Application.stage.in_(stages))
    query = _matching(query, search).order_by(*_NEWEST_FIRST)
    return list(session.scalars(query.offset(offset).limit(limit)))


def _matching(query, search: str | None):
    """`query` narrowed to the applications whose company or role holds `search`, ignoring
    case; LIKE's own wildcards in it (% and _) are matched as they are typed."""
    if not search:
        return query
    return query.where(
        or_(
            Application.company.icontains(search, autoescape=True),
            Application.role.icontains(search, autoescape=True),
        )
    )


def application_of_user(session: Session, user_id: int, application_id: int) -> Application | None:
    return owned_row(session, Application, user_id, application_id)


def application_dates(session: Session, user_id: int) -> list[date]:
    """The date of each of the user's applications that is not only saved, in no order."""
    return list(session.scalars(_SENT_DATES, {"user_id": user_id}))


def count_sent_on(session: Session, user_id: int, day: date) -> int:
    """How many of the user's applications dated `day` are more than saved."""
    return session.scalar(_SENT_ON, {"user_id": user_id, "day": day}) or 0


def linked_rejection(session: Session, user_id: int, application_id: int) -> Rejection | None:
    """The rejection linked to the application (the first, should there be more)."""
    query = select(Rejection).where(
        Rejection.user_id == user_id, Rejection.application_id == application_id
    )
    return session.scalars(query.order_by(Rejection.id).limit(1)).first()
