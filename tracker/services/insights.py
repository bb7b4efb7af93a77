"""Insights: lifetime counters, the funnel, strength over time and the weekday pattern."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from tracker import queries
from tracker.core import insights
from tracker.core.badges import all_badge_kinds
from tracker.core.insights import Funnel, NextBadge, WeekdayStat
from tracker.models import Goal, User
from tracker.services import history as history_service
from tracker.services.applications import furthest_stage
from tracker.services.history import History

# Strength is sampled once a week over the last 12 weeks (13 points, today included).
STRENGTH_POINTS = 13
# The weekday pattern looks at the last year at most: habits change.
PATTERN_DAYS = 364


@dataclass(frozen=True)
class Counters:
    """Lifetime totals: each counts what is stored, so nothing but a deletion lowers it."""

    applications: int
    rejections: int
    rejections_percent: int  # of the way to REJECTIONS_GOAL
    comebacks: int
    practice_sessions: int
    reflections: int


@dataclass(frozen=True)
class GoalStrength:
    """One goal's strength today and at weekly points before (oldest first)."""

    goal: Goal
    strength: int
    points: list[tuple[date, int]]


@dataclass(frozen=True)
class Insights:
    """Everything the insights page and GET /insights show, as of `today`."""

    today: date
    counters: Counters
    funnel: Funnel
    strengths: list[GoalStrength]
    weekdays: tuple[WeekdayStat, ...]
    next_badges: tuple[NextBadge, ...]
    history: History


def load_insights(session: Session, user: User, today: date) -> Insights:
    """Read the user's history and journal and derive the insights for their local `today`.

    The funnel counts each application (a saved listing is not one yet) at the furthest
    pipeline stage it reached; strength is computed by the engine as of each sampled date;
    archived goals are left out.
    """
    goals = queries.goals_of_user(session, user.id)
    starts = _starts(goals, queries.first_entry_dates(session, user.id))
    shown = [goal for goal in goals if not goal.archived]
    dates = _sample_dates(shown, starts, today)
    data = history_service.load_history(session, user, today, strengths_on=dates, goals=goals)
    # A saved listing is not an application yet: neither counted nor in the funnel.
    applications = [a for a in queries.applications_of_user(session, user.id) if a.stage != "saved"]
    rejections = len(data.rejections)
    counters = Counters(
        applications=len(applications),
        rejections=rejections,
        rejections_percent=insights.rejections_progress(rejections),
        comebacks=data.result.day.comebacks,
        practice_sessions=queries.count_practice_sessions(session, user.id),
        reflections=data.reflections,
    )
    return Insights(
        today=today,
        counters=counters,
        funnel=insights.funnel(furthest_stage(a) for a in applications),
        strengths=_strengths(shown, starts, data),
        weekdays=_weekdays(data, today),
        next_badges=insights.next_badges(_badge_progress(counters, data), all_badge_kinds()),
        history=data,
    )


def _starts(goals: list[Goal], first_entries: dict[int, date]) -> dict[int, date]:
    """Each goal's start: its creation, or its earliest entry when that is earlier."""
    return {g.id: min(g.created_on, first_entries.get(g.id, g.created_on)) for g in goals}


def _sample_dates(shown: list[Goal], starts: dict[int, date], today: date) -> list[date]:
    """The dates strength is shown on, from the earliest start of a goal shown."""
    if not shown:
        return []
    return insights.sample_dates(min(starts[goal.id] for goal in shown), today, STRENGTH_POINTS)


def _strengths(shown: list[Goal], starts: dict[int, date], data: History) -> list[GoalStrength]:
    """Each goal shown: its strength now and as of each sampled date from its start on."""
    now = {streak.goal_id: streak.strength for streak in data.result.goals}
    on = sorted(data.result.strengths_on.items())
    return [
        GoalStrength(
            goal, now[goal.id], [(d, found[goal.id]) for d, found in on if starts[goal.id] <= d]
        )
        for goal in shown
    ]


def _weekdays(data: History, today: date) -> tuple[WeekdayStat, ...]:
    start = today - timedelta(days=PATTERN_DAYS - 1)
    return insights.weekday_pattern(data.result.calendar.states(start, today))


def _badge_progress(counters: Counters, data: History) -> dict[str, int]:
    """The count each kind of badge goes by (the best day streak for streak badges)."""
    return {
        "day_streak": data.result.day.best,
        "comebacks": counters.comebacks,
        "rejections": counters.rejections,
        "applications": counters.applications,
        "reflections": counters.reflections,
    }
