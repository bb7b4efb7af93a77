"""Habit strength: a 0-100 score that one miss does not wipe out (after Loop Habit Tracker).

Starting at 0, each date a goal is due updates `s = s * m + (1 - m) * x`, where `x` is the
date's completion (`completion`, 1 when done, 0 without an entry) and `m = MULTIPLIER`; the
score is `round(100 * s)`. Skipped and break dates leave `s` unchanged, today counts only
once done, and a shielded date that is not done keeps the update only when it raises `s`
(a shield never lowers strength). The update is folded into the goal walk of `streaks`,
which is run per request: one pass over the due dates for the streak and the score.
"""

from __future__ import annotations

# Half of the weight of a day is gone after 13 counted days.
MULTIPLIER = 0.5 ** (1 / 13)


def completion(value: int, target: int) -> float:
    """Return the share of the target a value reaches, capped at 1: `min(1, value / target)`."""
    return min(1, value / target)
