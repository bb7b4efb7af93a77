"""The fixed vocabularies the tables store, and the weekday mask of a goal."""

from __future__ import annotations

CATEGORIES = ("apply", "practice", "reflect")
STAGES = ("application", "screen", "interview", "final", "offer")
# The pipeline of an application: the first four in order, then one of the three outcomes.
APPLICATION_STAGES = ("applied", "screen", "interview", "offer", "rejected", "withdrawn", "ghosted")
ALL_WEEKDAYS = 0b1111111


def weekdays_to_mask(weekdays: list[int] | tuple[int, ...] | frozenset[int]) -> int:
    """ISO weekdays 1..7 to a 7-bit mask (Monday is bit 0)."""
    mask = 0
    for day in weekdays:
        mask |= 1 << (day - 1)
    return mask


def mask_to_weekdays(mask: int) -> list[int]:
    """A 7-bit mask back to the sorted list of ISO weekdays."""
    return [day for day in range(1, 8) if mask & (1 << (day - 1))]
