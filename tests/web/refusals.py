"""What the pages' forms refuse, and the words said beside the field: the bad values of a kind
of field, as (field, value, message) cases for pytest.mark.parametrize. Every form reads its
dates and its texts through the same rules, so they are listed here once.

The tests' clock stands on 2026-03-18.
"""

from __future__ import annotations

import pytest


def bad_text(field: str, longest: int) -> list:
    """A required text of at most `longest` characters: empty, only spaces, one character too
    long, and holding a NUL (which the database could not store)."""
    return [
        pytest.param(field, "", "at least one character", id=f"{field}-empty"),
        pytest.param(field, "   ", "at least one character", id=f"{field}-spaces"),
        pytest.param(field, "x" * (longest + 1), f"{longest} characters", id=f"{field}-too-long"),
        pytest.param(field, "a\x00b", "NUL", id=f"{field}-nul"),
    ]


def bad_dates(field: str = "date", required: bool = True) -> list:
    """A journal date: after today, a day no calendar has, before the earliest date (said in
    words on a page), not YYYY-MM-DD, and left empty when the field is required."""
    cases = [
        pytest.param(field, "2026-03-19", "after today", id=f"{field}-future"),
        pytest.param(field, "2026-02-30", "real date", id=f"{field}-no-such-day"),
        pytest.param(field, "1999-12-31", "1 January 2000", id=f"{field}-too-old"),
        pytest.param(field, "someday", "YYYY-MM-DD", id=f"{field}-word"),
    ]
    if required:
        cases.append(pytest.param(field, "", "YYYY-MM-DD", id=f"{field}-empty"))
    return cases


def each_refusal(cases: list):
    """Parametrize a test over (field, value, message) cases: what is typed into which field,
    and the words the page says beside it."""
    return pytest.mark.parametrize(("field", "value", "message"), cases)
