"""Badges: milestones derived from the history each time, never from stored counters."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .streaks import Result


@dataclass(frozen=True)
class Badge:
    """A milestone reached: `earned_on` is the date its count first reached `threshold`."""

    kind: str
    threshold: int
    title: str
    earned_on: date


# (kind, threshold, title), in the order pages list them.
_CATALOGUE: tuple[tuple[str, int, str], ...] = (
    ("day_streak", 3, "Three days strong"),
    ("day_streak", 7, "A whole week of showing up"),
    ("day_streak", 14, "Two weeks of bringing it on"),
    ("day_streak", 30, "A month of momentum"),
    ("day_streak", 60, "Sixty days, still going"),
    ("day_streak", 100, "One hundred days of grit"),
    ("day_streak", 365, "A full year of bringing it on"),
    ("comebacks", 1, "First comeback"),
    ("comebacks", 3, "Bounce-back habit"),
    ("comebacks", 10, "Ten times back on your feet"),
    ("comebacks", 25, "Comeback champion"),
    ("rejections", 1, "First no collected"),
    ("rejections", 10, "Ten noes closer to a yes"),
    ("rejections", 50, "Fifty noes, still standing"),
    ("rejections", 100, "A hundred noes: bring it on"),
    ("applications", 10, "Ten applications out there"),
    ("applications", 50, "Fifty doors knocked on"),
    ("applications", 100, "A hundred shots taken"),
    ("reflections", 7, "A week of honest looks"),
    ("reflections", 30, "Thirty reflections deep"),
    ("reflections", 100, "A hundred reflections wiser"),
)


def all_badge_kinds() -> tuple[tuple[str, int, str], ...]:
    """List every badge as (kind, threshold, title), grouped by kind, thresholds ascending."""
    return _CATALOGUE


def earned_badges(
    result: Result,
    rejections: Sequence[date],
    applications: Sequence[date] = (),
    reflections: Sequence[date] = (),
) -> tuple[Badge, ...]:
    """Return the badges earned so far, ordered by (earned_on, kind, threshold).

    `rejections`, `applications` and `reflections` hold one date per item logged (dates after
    `result.today` are ignored). `day_streak` counts the best day streak, `comebacks` the
    comebacks credited by `compute`; every other kind counts items. A badge is earned on the
    date its count first reached the threshold.
    """
    today = result.today
    reached = {
        "comebacks": result.comeback_dates,
        "rejections": _nth_dates(rejections, today),
        "applications": _nth_dates(applications, today),
        "reflections": _nth_dates(reflections, today),
    }
    badges = []
    for kind, threshold, title in _CATALOGUE:
        if kind == "day_streak":
            earned_on = result.best_reached.date_of(threshold)
        else:
            earned_on = reached[kind][threshold - 1] if threshold <= len(reached[kind]) else None
        if earned_on is not None:
            badges.append(Badge(kind, threshold, title, earned_on))
    return tuple(sorted(badges, key=lambda b: (b.earned_on, b.kind, b.threshold)))


def _nth_dates(dates: Sequence[date], today: date) -> list[date]:
    """Sorted dates up to `today`: item n (1-based) is the date the count first reached n."""
    ordered = sorted(dates)
    del ordered[bisect_right(ordered, today) :]
    return ordered
