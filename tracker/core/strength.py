"""Habit strength: a 0-100 score that one miss does not wipe out (after Loop Habit Tracker)."""

from __future__ import annotations

from collections.abc import Iterable

# Half of the weight of a day is gone after 13 counted days.
MULTIPLIER = 0.5 ** (1 / 13)


def completion(value: int, target: int) -> float:
    """Return the share of the target a value reaches, capped at 1: `min(1, value / target)`."""
    return min(1, value / target)


def habit_strength(steps: Iterable[tuple[float, bool]]) -> int:
    """Return the strength 0-100 after folding the counted dates' steps in date order.

    Each step is `(x, shielded)`: the completion 0..1 of a counted date, and whether the date
    is shielded by a rejection without being done. Starting at 0, each step applies
    `s = s * m + (1 - m) * x` with `m = 0.5 ** (1 / 13)`; a shielded step never lowers `s`
    (the update is kept only when it raises `s`), so partial progress on a shielded day still
    counts while a rejection never costs strength. The result is `round(100 * s)`. Dates that
    leave the score unchanged (skipped, in a break, today before it is done) are not passed.
    The engine's goal walk (`streaks`) folds the very same update in place, step by step.
    """
    m = MULTIPLIER
    s = 0.0
    for x, shielded in steps:
        updated = s * m + (1 - m) * x
        s = max(s, updated) if shielded else updated
    return round(100 * s)
