"""The state the engine gives each calendar date (SPEC section 3, "Calendar").

A StrEnum: each member is its SPEC string, so JSON, templates and label tables that compare
or look up "missed" keep working unchanged.
"""

from __future__ import annotations

from enum import StrEnum


class DayState(StrEnum):
    """One date's state in the day streak walk, in the order SPEC section 3 lists them."""

    ACTIVE = "active"  # at least one goal done
    RESTFUL = "restful"  # no goal due, every due goal skipped, or inside a break
    SHIELDED = "shielded"  # a rejection logged that day or the day before
    FROZEN = "frozen"  # a missed day a freeze saved
    MISSED = "missed"  # the run ended here
    OPEN = "open"  # today, not yet active
    BEFORE = "before"  # before the earliest start, or before tracking began with nothing due
