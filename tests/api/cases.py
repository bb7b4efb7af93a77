"""Values many API tests feed their operations, and the ids their parametrized cases show."""

from __future__ import annotations

# What no body's date field may hold: not a calendar day, not YYYY-MM-DD, or not a string.
BAD_BODY_DATES = [
    "2026-02-30",
    "20260301",
    "2026-3-1",
    "x",
    "",
    "2026-W11-3",
    "2026-03-18T09:00:00",
    "1773792000",
    20260301,
    1773792000,
    None,
    True,
    ["2026-03-18"],
]
# Real dates a journal entry may not carry (the tests' clock stands on 2026-03-18): after the
# user's today, and before the earliest date.
REFUSED_DATES = ["2026-03-19", "2027-01-01", "1999-12-31"]


def case_id(value) -> str:
    """A parametrized case's id: the start of the value as Python writes it."""
    return repr(value)[:40]
