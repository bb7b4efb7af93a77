"""Habit strength: a 0-100 score that one miss does not wipe out (after Loop Habit Tracker).

Starting at 0, each counted date updates `s = step(s, x)`, where `x` is the date's
completion (`completion`, 1 when done, 0 without an entry); the score is `score(s)`. Which
dates count is the goal walk's business (`streaks`, one pass over the due dates for the
streak and the score): skipped and break dates leave `s` unchanged, today counts only once
done, and a shielded date that is not done takes `shielded_step` (a shield never lowers
strength).
"""

from __future__ import annotations

# Half of the weight of a day is gone after 13 counted days.
MULTIPLIER = 0.5 ** (1 / 13)
_GAIN = 1 - MULTIPLIER


def completion(value: int, target: int) -> float:
    """Return the share of the target a value reaches, capped at 1: `min(1, value / target)`."""
    return min(1, value / target)


def step(s: float, x: float) -> float:
    """Return the strength after one counted date of completion `x` (0..1):
    `s * m + (1 - m) * x` with `m = MULTIPLIER`."""
    return s * MULTIPLIER + _GAIN * x


def after_done(s: float, days: int) -> float:
    """Return the strength after `days` counted done dates in a row: `step(s, 1)` applied
    `days` times, in closed form (`1 - (1 - s) * m ** days`), so a walk need not update `s`
    on every done date; 0 days return `s` unchanged."""
    return 1 - (1 - s) * MULTIPLIER**days if days else s


def shielded_step(s: float, x: float) -> float:
    """Return the strength after a shielded date that is not done: `step`, unless it would
    lower `s` (a shield never lowers strength)."""
    return max(s, step(s, x))


def score(s: float) -> int:
    """Return the strength reported to people: `round(100 * s)`, 0..100."""
    return round(100 * s)
