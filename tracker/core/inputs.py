"""What the streak engine takes (SPEC section 3): goals, entries and breaks, as plain values.

`prepare` indexes them and `streaks.compute` walks them; both import these types from here,
so neither imports the other's inputs. Rejections are plain dates. All dates are the user's
local calendar dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


@dataclass(frozen=True)
class GoalSpec:
    """A goal as the engine sees it; `weekdays` are ISO weekdays 1 (Mon) .. 7 (Sun)."""

    id: int
    target: int
    weekdays: frozenset[int]
    created_on: date
    archived_on: date | None = None


class EntrySpec(NamedTuple):
    """One goal's entry on one date; done when not skipped and `value >= target`.

    A named tuple rather than a dataclass: a history holds thousands, built per request.
    """

    goal_id: int
    date: date
    value: int
    skipped: bool = False


@dataclass(frozen=True)
class BreakSpec:
    """A planned pause from `start` to `end`, both inclusive."""

    start: date
    end: date


class Inputs(NamedTuple):
    """A user's whole history as the engine takes it: goals, entries, rejection dates and
    breaks, in any order."""

    goals: Sequence[GoalSpec]
    entries: Sequence[EntrySpec]
    rejections: Sequence[date]
    breaks: Sequence[BreakSpec]
