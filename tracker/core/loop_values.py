"""What a day of a Loop Habit Tracker habit becomes here: an entry, a rest day, or nothing.

Loop writes each day of a habit as a name (YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN) or, for a
numerical habit, its amount in thousandths ("5500" is 5.5 units; older exports wrote plain
0/1/2 for yes-or-no habits). The rules, documented in docs/export.md:

- YES_MANUAL: done (value = the goal's target).
- YES_AUTO is Loop's own derivation, not a check-in: a day the habit's frequency ("3 times a
  week") did not ask for. It becomes a skipped entry, an excused rest day, so the streak
  Loop showed survives without inventing a check-in.
- NO: an entry of value 0 (not done). SKIP: a skipped entry. UNKNOWN: no entry, unless the
  day carries a note, which is kept on an entry of value 0.
- Numerical habits: the goal's target is Loop's target rounded up into 1..MAX_TARGET and
  amounts are scaled by the same factor, rounded down, capped at MAX_ENTRY_VALUE; whether a
  day met Loop's target is kept exactly. An "at most" habit becomes a target of 1, done on
  the days that stayed within it.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .limits import MAX_ENTRY_VALUE, MAX_NOTE, MAX_TARGET

YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN = "YES_MANUAL", "YES_AUTO", "NO", "SKIP", "UNKNOWN"
# Loop's stored values behind each name (Entry.kt); a numerical habit's amounts use the same
# integers, in thousandths.
RAW = {YES_MANUAL: 2, YES_AUTO: 1, NO: 0, SKIP: 3, UNKNOWN: -1}
# Yes-or-no values of older exports, which wrote the integers themselves.
_OLD_YES_NO = {"2": YES_MANUAL, "1": YES_AUTO, "0": NO, "3": SKIP, "-1": UNKNOWN, "": UNKNOWN}


class UnreadableValue(ValueError):
    """A value this importer cannot read; the message says which."""


@dataclass(frozen=True)
class Measure:
    """How a numerical habit's amounts map onto a goal: its target and the scale."""

    target: int
    loop_target: Fraction
    at_most: bool

    @classmethod
    def of(cls, target_value: Fraction, at_most: bool) -> Measure:
        """The goal target for a Loop target: rounded up into 1..MAX_TARGET (1 for at most)."""
        if at_most:
            return cls(1, target_value, True)
        return cls(min(MAX_TARGET, max(1, math.ceil(target_value))), target_value, False)

    def value(self, amount: Fraction) -> int:
        """The entry value for `amount` units: scaled like the target, and on the same side
        of the target as `amount` is of Loop's (done exactly when Loop counted it done)."""
        if self.at_most:
            return 1 if amount <= self.loop_target else 0
        scale = Fraction(self.target) / self.loop_target if self.loop_target > 0 else Fraction(1)
        value = min(MAX_ENTRY_VALUE, max(0, math.floor(amount * scale)))
        if amount >= self.loop_target:
            return max(value, self.target)
        return min(value, self.target - 1)


@dataclass(frozen=True, slots=True)
class Day:
    """One day as an entry: value, skipped, note."""

    value: int
    skipped: bool
    note: str


@functools.lru_cache(maxsize=4096)
def _plain_day(value: int, skipped: bool) -> Day:
    return Day(value, skipped, "")


def _day(value: int, skipped: bool, note: str) -> Day:
    """The Day, shared between the days without a note (an export holds up to 100,000 days,
    nearly all alike)."""
    return Day(value, skipped, note) if note else _plain_day(value, skipped)


def parse_number(raw: str) -> Fraction:
    """A decimal number as Loop writes it ("8", "8.0", "2.5"), exactly; UnreadableValue if not."""
    try:
        number = Decimal(raw.strip())
    except InvalidOperation:
        raise UnreadableValue(f"{raw!r} is not a number") from None
    if not number.is_finite() or number < 0 or number > 10**9:
        raise UnreadableValue(f"{raw!r} is not a number from 0 to a billion")
    return Fraction(number)


def yes_no_day(raw: str, note: str = "") -> Day | None:
    """A yes-or-no habit's day, or None for an unknown day without a note."""
    name = raw.strip().upper()
    name = _OLD_YES_NO.get(name, name)
    note = note[:MAX_NOTE]
    if name == YES_MANUAL:
        return _day(1, False, note)
    if name in (YES_AUTO, SKIP):
        return _day(0, True, note)
    if name == NO:
        return _day(0, False, note)
    if name == UNKNOWN:
        return _day(0, False, note) if note.strip() else None
    raise UnreadableValue(f"{raw!r} is not a value Loop writes (YES_MANUAL, YES_AUTO, NO, SKIP, …)")


def numerical_day(raw: str, measure: Measure, note: str = "") -> Day | None:
    """A numerical habit's day: an amount in thousandths ("5500"), in units ("5.5"), or a name."""
    text = raw.strip().upper()
    note = note[:MAX_NOTE]
    if text in (UNKNOWN, ""):
        return _day(0, False, note) if note.strip() else None
    if text == SKIP:
        return _day(0, True, note)
    if text in RAW:
        amount = Fraction(RAW[text], 1000)
    elif "." in text:
        amount = parse_number(text)
    elif text.isdigit():
        amount = Fraction(int(text), 1000)
    else:
        raise UnreadableValue(f"{raw!r} is not an amount or a value Loop writes")
    return _day(measure.value(amount), False, note)
