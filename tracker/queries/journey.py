"""What the interview and follow-up messages read and claim (SPEC section 5).

An interview message is claimed like a rule's slot: a conditional UPDATE that sets its due
instant to NULL only if it still holds the instant the sweep read, so of two racing sweeps
one wins, and a moved interview never gets a claimed message again. A follow-up is claimed
by writing the quiet spell it answers into the application, only if it is not there yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from tracker.models import Application, Interview, ReminderRule, StageChange, User


def evening_time(session: Session, user_id: int) -> time | None:
    """The local time of the user's nudge rule (whether it is on or not), if they have one."""
    statement = select(ReminderRule.local_time).where(
        ReminderRule.user_id == user_id, ReminderRule.kind == "nudge"
    )
    return session.scalar(statement)


def interviews_to_rearm(session: Session, user_id: int, since: datetime) -> list[Interview]:
    """The user's interviews starting from the naive local `since` on that still have a
    message to send."""
    statement = select(Interview).where(
        Interview.user_id == user_id,
        Interview.starts_at >= since,
        or_(
            Interview.prep_at.is_not(None),
            Interview.pep_at.is_not(None),
            Interview.after_at.is_not(None),
        ),
    )
    return list(session.scalars(statement))


def interviews_with_ids(
    session: Session, user_id: int, ids: Iterable[int], since: datetime
) -> list[Interview]:
    """The user's interviews among `ids` that start from the naive local `since` on."""
    wanted = list(ids)
    if not wanted:
        return []
    statement = select(Interview).where(
        Interview.user_id == user_id, Interview.id.in_(wanted), Interview.starts_at >= since
    )
    return list(session.scalars(statement))


def due_interviews(session: Session, column: str, after: datetime, until: datetime) -> list:
    """Interviews whose message in `column` (prep_at, pep_at, after_at) is due in the span
    (`after`, `until`], earliest first, with what the message says: (id, user_id, due,
    application_id, company, role, stage, kind, starts_at, duration_minutes, location,
    outcome, timezone). On PostgreSQL the rows are locked, skipping rows another sweep holds,
    until the caller's transaction ends."""
    due = getattr(Interview, column)
    statement = (
        select(
            Interview.id,
            Interview.user_id,
            due.label("due"),
            Interview.application_id,
            Application.company,
            Application.role,
            Application.stage,
            Interview.kind,
            Interview.starts_at,
            Interview.duration_minutes,
            Interview.location,
            Interview.outcome,
            User.timezone,
        )
        .join(Application, Application.id == Interview.application_id)
        .join(User, User.id == Interview.user_id)
        .where(due > after, due <= until)
        .order_by(due, Interview.id)
    )
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True, of=Interview)
    return list(session.execute(statement).all())


def claim_interview_messages(
    session: Session, column: str, seen: Iterable[tuple[int, datetime]]
) -> set[int]:
    """Clear the due instant in `column` of each (interview id, instant read), only where it
    still holds that instant: the claim. Returns the ids claimed."""
    table = Interview.__table__
    due = table.c[column]
    statement = (
        update(table)
        .where(table.c.id == bindparam("interview_id"), due == bindparam("seen"))
        .values({column: None})
    )
    won = set()
    for interview_id, instant in seen:
        parameters = {"interview_id": interview_id, "seen": instant}
        if session.execute(statement, parameters).rowcount == 1:
            won.add(interview_id)
    return won


def quiet_applications(
    session: Session, user_ids: Iterable[int], stages: tuple[str, ...], quiet_since: date
) -> list:
    """(user_id, id, company, role, stage, last_change) of the users' applications at one of
    `stages` whose latest history step is on or before `quiet_since` and whose quiet spell has
    had no follow-up yet, the longest quiet first."""
    last = func.max(StageChange.date).label("last_change")
    statement = (
        select(
            Application.user_id,
            Application.id,
            Application.company,
            Application.role,
            Application.stage,
            last,
        )
        .join(StageChange, StageChange.application_id == Application.id)
        .where(Application.user_id.in_(list(user_ids)), Application.stage.in_(stages))
        .group_by(
            Application.user_id,
            Application.id,
            Application.company,
            Application.role,
            Application.stage,
            Application.follow_up_for,
        )
        .having(
            and_(
                last <= quiet_since,
                or_(Application.follow_up_for.is_(None), Application.follow_up_for != last),
            )
        )
        .order_by(last, Application.id)
    )
    return list(session.execute(statement).all())


def claim_follow_up(session: Session, application_id: int, spell: date) -> bool:
    """Record that the follow-up of the quiet spell since `spell` is claimed, unless it
    already is: True when this call claimed it."""
    table = Application.__table__
    statement = (
        update(table)
        .where(
            table.c.id == application_id,
            or_(table.c.follow_up_for.is_(None), table.c.follow_up_for != spell),
        )
        .values(follow_up_for=spell)
    )
    return session.execute(statement).rowcount == 1


def users_went_well_on(session: Session, user_ids: Iterable[int], day: date) -> set[int]:
    """The users with an interview on the local `day` that they said went well."""
    start = datetime.combine(day, time())
    statement = select(Interview.user_id).where(
        Interview.user_id.in_(list(user_ids)),
        Interview.starts_at >= start,
        Interview.starts_at < start + timedelta(days=1),
        Interview.outcome == "went_well",
    )
    return set(session.scalars(statement))
