"""Today, streaks and the calendar: the user's history fed through the pure engine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy.orm import Session

from tracker import queries
from tracker.core.badges import Badge, earned_badges
from tracker.core.inputs import BreakSpec, EntrySpec, GoalSpec
from tracker.core.streaks import CalendarDay, DayStreak, Result, calendar_state, compute
from tracker.models import Entry, Goal, User
from tracker.services.goals import is_done


@dataclass(frozen=True)
class History:
    """A user's computed history as of `today`."""

    today: date
    goals: list[Goal]
    result: Result
    rejections: list[date]
    badges: tuple[Badge, ...]


class EngineInputs(NamedTuple):
    """What `core.streaks.compute` takes, read from the database once (goals as rows too)."""

    goals: list[Goal]
    specs: list[GoalSpec]
    entries: list[EntrySpec]
    rejections: list[date]
    breaks: list[BreakSpec]


def engine_inputs(session: Session, user: User) -> EngineInputs:
    """Read the user's goals, entries, rejection dates and breaks, in four small queries."""
    goals = queries.goals_of_user(session, user.id)
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
    entries = queries.entry_specs_of_user(session, user.id)
    rejections = queries.rejection_dates(session, user.id)
    breaks = [BreakSpec(start=b.start, end=b.end) for b in queries.breaks_of_user(session, user.id)]
    return EngineInputs(goals, specs, entries, rejections, breaks)


def load_history(
    session: Session, user: User, today: date, inputs: EngineInputs | None = None
) -> History:
    """Read everything the engine and the badges need and compute it for `today`.

    Badges count applications by their date and reflections by theirs. `inputs` saves the
    reading when the caller has them already (`engine_inputs`).
    """
    goals, specs, entries, rejections, breaks = inputs or engine_inputs(session, user)
    result = compute(specs, entries, rejections, breaks, today)
    badges = earned_badges(
        result,
        rejections,
        queries.application_dates(session, user.id),
        queries.reflection_dates(session, user.id),
    )
    return History(today, goals, result, rejections, badges)


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


def today_items(
    session: Session, user: User, history: History, day: date
) -> list[tuple[Goal, Entry | None, bool]]:
    """(goal, entry, done) for each active goal scheduled or checked in on `day`; the goals
    come from the already loaded `history`, so only the day's entries are read."""
    entries = {entry.goal_id: entry for entry in queries.entries_of_user_on(session, user.id, day)}
    items = []
    for goal in history.goals:
        if goal.archived:
            continue
        entry = entries.get(goal.id)
        if day.isoweekday() in goal.weekdays or entry is not None:
            items.append((goal, entry, is_done(goal, entry)))
    return items


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
