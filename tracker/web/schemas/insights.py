"""Insights: lifetime counters, the funnel, strength over time, the weekday pattern."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from tracker.web.schemas.fields import Category


class CountersOut(BaseModel):
    applications: int
    rejections: int
    rejections_goal: int = Field(description="The hundred rejections the counter aims at.")
    comebacks: int
    practice_sessions: int
    reflections: int


class FunnelStepOut(BaseModel):
    stage: str
    count: int = Field(description="Applications that reached this stage or a later one.")
    rate: float | None = Field(description="count / the step before; null for the first.")


class FunnelOut(BaseModel):
    steps: list[FunnelStepOut]
    interview_rate: float | None
    next_interview_in: int | None = Field(
        description="About how many more applications to the next interview, at the rate so "
        "far; null before the first interview."
    )


class StrengthPointOut(BaseModel):
    date: date
    strength: int


class GoalStrengthOut(BaseModel):
    goal_id: int
    category: Category
    title: str
    strength: int
    points: list[StrengthPointOut] = Field(description="Up to 13 points, oldest first.")


class WeekdayOut(BaseModel):
    weekday: int = Field(description="ISO weekday, 1 is Monday.")
    active: int
    counted: int
    percent: int | None


class NextBadgeOut(BaseModel):
    kind: str
    threshold: int
    title: str
    have: int


class InsightsOut(BaseModel):
    date: date
    counters: CountersOut
    funnel: FunnelOut
    strength: list[GoalStrengthOut]
    weekdays: list[WeekdayOut]
    next_badges: list[NextBadgeOut]
