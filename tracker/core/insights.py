"""Insights: the funnel of applications, strength over time and the weekday pattern.

Pure functions over plain values (stage names, dates, calendar states): no clock, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .states import DayState

# The pipeline as the funnel shows it; reaching a stage means having passed every earlier one.
FUNNEL_STAGES = ("applied", "screen", "interview", "offer")
REJECTIONS_GOAL = 100
# Calendar states that say nothing about showing up: before the start, a rest day or a break,
# and today while it is still open.
_NOT_COUNTED = frozenset({DayState.BEFORE, DayState.RESTFUL, DayState.OPEN})


@dataclass(frozen=True)
class FunnelStep:
    """How many applications reached `stage`, and what share of the step before did."""

    stage: str
    count: int
    rate: float | None  # count / previous count; None for the first step or after a zero


@dataclass(frozen=True)
class Funnel:
    """The funnel applied → screen → interview → offer and the pace to the next interview."""

    steps: tuple[FunnelStep, ...]
    applied: int
    interviews: int
    interview_rate: float | None  # interviews / applied; None without applications
    next_interview_in: int | None  # None until at least one interview came from them


@dataclass(frozen=True)
class NextBadge:
    """The next badge of one kind still to earn, and how far the user has come."""

    kind: str
    threshold: int
    title: str
    have: int


@dataclass(frozen=True)
class WeekdayStat:
    """How often the user showed up on one ISO weekday (1 = Monday)."""

    weekday: int
    active: int
    counted: int

    @property
    def percent(self) -> int | None:
        """Whole percent of counted days that were active; None when none were counted."""
        return round(100 * self.active / self.counted) if self.counted else None


def funnel(furthest: Iterable[str]) -> Funnel:
    """Build the funnel from the furthest pipeline stage each application reached.

    `furthest` holds one of FUNNEL_STAGES per application (an application that ended as
    rejected, withdrawn or ghosted is passed with the furthest stage it reached before).
    A step counts the applications that reached it or a later one, so the steps never grow.
    """
    reached = [0] * len(FUNNEL_STAGES)
    for stage in furthest:
        for i in range(FUNNEL_STAGES.index(stage) + 1):
            reached[i] += 1
    steps = tuple(
        FunnelStep(stage, count, _share(count, reached[i - 1]) if i else None)
        for i, (stage, count) in enumerate(zip(FUNNEL_STAGES, reached, strict=True))
    )
    applied, interviews = reached[0], reached[2]
    return Funnel(
        steps=steps,
        applied=applied,
        interviews=interviews,
        interview_rate=_share(interviews, applied),
        next_interview_in=applications_to_next_interview(applied, interviews),
    )


def applications_to_next_interview(applied: int, interviews: int) -> int | None:
    """About how many more applications, at the rate so far, until the next interview.

    At `applied / interviews` applications per interview, interview number `interviews + 1`
    comes at application `ceil((interviews + 1) * applied / interviews)`; the answer is the
    distance from `applied` to it, at least 1. None without an interview yet (no rate to go
    by), and None for counts that make no sense (negative, more interviews than applications).
    """
    if interviews <= 0 or applied < interviews:
        return None
    # Integer ceiling: exact for any size, where a float division could round up wrongly.
    at = -(-(interviews + 1) * applied // interviews)
    return max(1, at - applied)


def next_badges(
    progress: Mapping[str, int], catalogue: Iterable[tuple[str, int, str]]
) -> tuple[NextBadge, ...]:
    """For each kind of `catalogue` (kind, threshold, title), the lowest threshold above the
    count in `progress` (0 when missing), in catalogue order; a kind whose every badge is
    earned has none."""
    found: dict[str, NextBadge] = {}
    for kind, threshold, title in catalogue:
        have = progress.get(kind, 0)
        if kind not in found and threshold > have:
            found[kind] = NextBadge(kind, threshold, title, have)
    return tuple(found.values())


def rejections_progress(count: int, goal: int = REJECTIONS_GOAL) -> int:
    """Whole percent of the way to `goal` rejections collected, capped at 100."""
    return min(100, math.floor(100 * max(0, count) / goal))


def weekday_pattern(
    states: Mapping[date, str] | Iterable[tuple[date, str]],
) -> tuple[WeekdayStat, ...]:
    """Count, per ISO weekday, the days that were active among the days that counted.

    `states` maps dates to calendar states (section 3). Days before the start, restful days
    (no goal due, all skipped, a break) and today while open are not counted: rest is never
    held against anyone. Always seven stats, Monday first.
    """
    pairs = states.items() if isinstance(states, Mapping) else states
    active = [0] * 7
    counted = [0] * 7
    for day, state in pairs:
        if state in _NOT_COUNTED:
            continue
        i = day.isoweekday() - 1
        counted[i] += 1
        active[i] += state == DayState.ACTIVE
    return tuple(WeekdayStat(i + 1, active[i], counted[i]) for i in range(7))


def sample_dates(start: date, today: date, points: int = 13, max_step: int = 7) -> list[date]:
    """Up to `points` evenly spaced dates ending on `today`, oldest first, none before `start`.

    The step is a whole number of days, at most `max_step` (weekly, so 13 points cover the
    last 12 weeks) and as small as a short history allows (a history of 3 days gets a point a
    day). Always at least `today`. Raises ValueError for points or max_step below 1.
    """
    if points < 1 or max_step < 1:
        raise ValueError("points and max_step must be positive")
    span = max(0, (today - start).days)
    step = max_step if points == 1 else max(1, min(max_step, -(-span // (points - 1))))
    dates = [today - timedelta(days=step * i) for i in range(points)]
    return sorted(d for d in dates if d >= start) or [today]


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
