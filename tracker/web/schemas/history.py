"""Today, streaks, badges and the calendar."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from tracker.core.states import DayState
from tracker.web.schemas.goals import EntryOut, GoalOut


class DayStreakOut(BaseModel):
    current: int
    best: int
    freezes: int
    comebacks: int


class TodayGoal(BaseModel):
    goal: GoalOut
    entry: EntryOut | None
    done: bool


class TodayOut(BaseModel):
    date: date
    goals: list[TodayGoal]
    streak: DayStreakOut


class GoalStreakOut(BaseModel):
    goal_id: int
    current: int
    best: int
    strength: int


class BadgeOut(BaseModel):
    kind: str
    threshold: int
    title: str
    earned_on: date


class StreaksOut(BaseModel):
    day: DayStreakOut
    goals: list[GoalStreakOut]
    badges: list[BadgeOut]


class CalendarDay(BaseModel):
    date: date
    # The engine's states (core.states), as the plain strings the document lists.
    state: Literal[tuple(state.value for state in DayState)]  # type: ignore[valid-type]
    done_goal_ids: list[int]
    rejections: int = Field(description="How many rejections were logged on this date.")
