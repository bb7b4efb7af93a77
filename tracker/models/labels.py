"""The weekday mask the tables store for a goal or a reminder; the vocabularies the tables
store are those of `tracker.core.labels` (one table with the words people see)."""

from __future__ import annotations

from tracker.core.labels import APPLICATION_STAGES, CATEGORIES, STAGES

__all__ = [
    "ALL_WEEKDAYS",
    "APPLICATION_STAGES",
    "CATEGORIES",
    "STAGES",
    "mask_to_weekdays",
    "weekdays_to_mask",
]
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
