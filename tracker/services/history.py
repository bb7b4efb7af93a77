"""Today, streaks and the calendar: the user's history fed through the pure engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from tracker import queries
from tracker.core.badges import Badge, earned_badges
from tracker.core.checkpoint import Checkpoint
from tracker.core.days import ONE_DAY
from tracker.core.inputs import BreakSpec, EntrySpec, GoalSpec
from tracker.core.streaks import CalendarDay, DayStreak, Result, calendar_state, compute
from tracker.models import Entry, Goal, User
from tracker.services.goals import is_done

# Besides yesterday's, the engine's state is kept at the end of every day whose ordinal is a
# multiple of ANCHOR_DAYS: a read of older strengths (insights) or one after a change to a
# recent day goes on from the anchor before it.
ANCHOR_DAYS = 28
# The tests set it: every read that went on from a checkpoint is compared with a whole walk.
CHECK_WHOLE_WALK = False
_WAITING = "streak_checkpoints"  # session.info key of the checkpoints waiting to be stored


@dataclass(frozen=True)
class History:
    """A user's computed history as of `today`."""

    today: date
    goals: list[Goal]
    result: Result
    rejections: list[date]
    badges: tuple[Badge, ...] | None  # None when the read did not ask for them
    reflections: int | None  # reflections logged, whatever their date (with the badges)


class EngineInputs(NamedTuple):
    """What `core.streaks.compute` takes, read from the database (goals as rows too)."""

    goals: list[Goal]
    specs: list[GoalSpec]
    entries: list[EntrySpec]
    rejections: list[date]
    breaks: list[BreakSpec]


def engine_inputs(
    session: Session,
    user: User,
    entries_from: date | None = None,
    goals: list[Goal] | None = None,
) -> EngineInputs:
    """Read the user's goals (unless the caller has read them), entries (from `entries_from`
    on when given), rejection dates and breaks, in four small queries."""
    goals = queries.goals_of_user(session, user.id) if goals is None else goals
    specs = [
        GoalSpec(
            id=goal.id,
            target=goal.target,
            weekdays=frozenset(goal.weekdays),
            created_on=goal.created_on,
            archived_on=goal.archived_on,
        )
        for goal in goals
    ]
    entries = queries.entry_specs_of_user(session, user.id, entries_from)
    rejections = queries.rejection_dates(session, user.id)
    breaks = queries.break_spans(session, user.id)
    return EngineInputs(goals, specs, entries, rejections, breaks)


def load_history(
    session: Session,
    user: User,
    today: date,
    *,
    calendar_from: date | None = None,
    strengths_on: Sequence[date] = (),
    badges: bool = True,
    goals: list[Goal] | None = None,
) -> History:
    """Compute the user's history for `today`, walking only the days after the latest
    checkpoint that fits, and the badges.

    `calendar_from` is the first day whose done goals the calendar must know (they come from
    the entries, which are read from there on); `strengths_on` asks for the strengths as of
    those dates (`Result.strengths_on`). New checkpoints wait in the session
    (`waiting_checkpoints`, `store_checkpoints`). Badges count applications by their date
    and reflections by theirs; without `badges` they are not read (None). `goals` are the
    user's goals when the caller has read them already (`queries.goals_of_user`).
    """
    version = user.history_version  # read before the history: see queries.checkpoints
    since, newest = queries.checkpoint_before(session, user.id, min([today, *strengths_on]), today)
    start = None
    if since is not None:
        start = since.day + ONE_DAY
        if calendar_from is not None:
            start = min(start, calendar_from)
    inputs = engine_inputs(session, user, start, goals)
    # Older strengths go on from an older checkpoint: the newer ones are stored already.
    keep = {day for day in _keep(inputs, since, today) if newest is None or day > newest}
    options = {"since": since, "keep": keep, "strengths_on": strengths_on}
    result = compute(*inputs[1:], today, **options)
    if since is not None and CHECK_WHOLE_WALK:
        _check_whole_walk(session, user, result, start)
    if result.checkpoints:
        superseded = since.day if since and since.through % ANCHOR_DAYS else None
        session.info[_WAITING] = (user.id, version, result.checkpoints, superseded)
    found = History(today, inputs.goals, result, inputs.rejections, None, None)
    return _with_badges(session, user, found) if badges else found


def _with_badges(session: Session, user: User, found: History) -> History:
    reflections = queries.reflection_dates(session, user.id)
    applications = queries.application_dates(session, user.id)
    badges = earned_badges(found.result, found.rejections, applications, reflections)
    return replace(found, badges=badges, reflections=len(reflections))


def waiting_checkpoints(session: Session) -> tuple | None:
    """Take the checkpoints the session's reads left waiting (None when there are none)."""
    return session.info.pop(_WAITING, None)


def store_checkpoints(connection: Connection, waiting: tuple) -> bool:
    """Store checkpoints taken from `waiting_checkpoints` on `connection`, a connection of
    their own whose caller commits, unless the history changed since it was read (then they
    are dropped: the next read computes them again). Call it once the reading session's
    transaction has ended, so it holds no lock the store would wait for. True when stored."""
    return queries.store_checkpoints(connection, *waiting)


def _keep(inputs: EngineInputs, since: Checkpoint | None, today: date) -> set[date]:
    """The days to keep a checkpoint of: yesterday, and every anchor day walked."""
    yesterday = today - ONE_DAY
    if since is not None:
        first = since.through + 1
    else:
        starts = [g.created_on for g in inputs.specs] + [e.date for e in inputs.entries]
        first = min(starts, default=today).toordinal()
    anchor = first + (-first) % ANCHOR_DAYS
    anchors = range(anchor, yesterday.toordinal(), ANCHOR_DAYS)
    return {yesterday, *map(date.fromordinal, anchors)}


def _check_whole_walk(session: Session, user: User, result: Result, start: date) -> None:
    """Compare a result that went on from a checkpoint with a walk from the first day: every
    figure, every calendar state, and the whole calendar from `start` on."""
    inputs = engine_inputs(session, user)
    whole = compute(*inputs[1:], result.today, strengths_on=list(result.strengths_on))
    mine = (result.day, result.goals, result.comeback_dates, result.best_reached)
    assert mine == (whole.day, whole.goals, whole.comeback_dates, whole.best_reached), user.id
    assert result.strengths_on == whole.strengths_on, user.id
    states = {d: c.state for d, c in result.calendar.items()}
    assert states == {d: c.state for d, c in whole.calendar.items()}, user.id
    later = {d: c for d, c in result.calendar.items() if d >= start}
    assert later == {d: c for d, c in whole.calendar.items() if d >= start}, user.id


def streak_without_rejection(
    session: Session, user: User, rejection_day: date, today: date
) -> tuple[DayStreak, DayStreak]:
    """The day streak as it is, and as it would be with one rejection of `rejection_day` less
    (what removing it would do: it may have shielded a day or earned a comeback)."""
    _, specs, entries, rejections, breaks = engine_inputs(session, user)
    fewer = list(rejections)
    fewer.remove(rejection_day)
    now = compute(specs, entries, rejections, breaks, today).day
    return now, compute(specs, entries, fewer, breaks, today).day


def goals_on(
    session: Session, user: User, day: date
) -> tuple[list[Goal], list[tuple[Goal, Entry | None, bool]]]:
    """The user's goals (archived ones too; what `load_history` takes as `goals`), and
    (goal, entry, done) for each active goal scheduled or checked in on `day`: one query."""
    pairs = queries.goals_with_entry_on(session, user.id, day)
    items = [
        (goal, entry, is_done(goal, entry))
        for goal, entry in pairs
        if not goal.archived and (day.isoweekday() in goal.weekdays or entry is not None)
    ]
    return [goal for goal, _ in pairs], items


def goal_streaks(history: History) -> list[dict]:
    """Each goal's streaks as dicts (the History page looks them up by `goal_id`)."""
    return [
        {
            "goal_id": streak.goal_id,
            "current": streak.current,
            "best": streak.best,
            "strength": streak.strength,
        }
        for streak in history.result.goals
    ]


def calendar_days(history: History, start: date, end: date) -> list[CalendarDay]:
    """The engine's state of each date from `start` to `end` inclusive (`end` at most today)."""
    days = (end - start).days + 1
    return [calendar_state(history.result, start + timedelta(days=n)) for n in range(days)]


def calendar(history: History, start: date, end: date) -> list[dict]:
    """`calendar_days` as dicts, which the History page gives its labels."""
    return [
        {
            "date": day.date.isoformat(),
            "state": day.state,
            "done_goal_ids": list(day.done_goal_ids),
            "rejections": day.rejections,
        }
        for day in calendar_days(history, start, end)
    ]
