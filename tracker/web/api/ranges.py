"""Dates the API reads from a path or a `from`/`to` range, checked against the product's
calendar (SPEC 6): from EARLIEST_DATE to today (or a few years ahead where a listing looks
forward), at most three years at once."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tracker.core.limits import EARLIEST_DATE
from tracker.services.errors import Invalid
from tracker.web.schemas.queries import DateRange

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A range spans at most three years: 1096 days from one end to the other (three years hold
# one 29 February at most).
MAX_RANGE_DAYS = 3 * 365 + 1


def parse_date(raw: str, name: str) -> date:
    """An ISO YYYY-MM-DD value (a path's `day`), or Invalid naming `name`."""
    try:
        # fullmatch first: date.fromisoformat also takes week dates such as 2026-W11-3.
        if not _ISO_DATE.fullmatch(raw):
            raise ValueError
        return date.fromisoformat(raw)
    except ValueError:
        raise Invalid(
            f"{name} must be a date like 2026-03-01.", {name: "Use the form YYYY-MM-DD."}
        ) from None


def _within(day: date | None, name: str, today: date, latest: date) -> date | None:
    if day is not None and day < EARLIEST_DATE:
        raise Invalid(
            f"{name} cannot be before {EARLIEST_DATE.isoformat()}.",
            {name: f"Pick a date from {EARLIEST_DATE.isoformat()} on."},
        )
    if day is not None and day > latest:
        last = "today" if latest == today else "three years from today"
        raise Invalid(
            f"{name} cannot be after {last}.", {name: f"Pick a date up to {latest.isoformat()}."}
        )
    return day


def date_range(
    query: DateRange, today: date, *, recent_days: int | None = None, latest: date | None = None
) -> tuple[date | None, date | None]:
    """The `from` and `to` dates of a listing, inclusive: each from EARLIEST_DATE to `today`
    (to `latest` where a listing looks ahead), `from` on or before `to`, at most
    MAX_RANGE_DAYS apart; Invalid naming the parameter otherwise.

    With `recent_days`, a missing `to` is `today` and a missing `from` that many days
    before `to` (never before EARLIEST_DATE); without it, a missing bound is None (no bound).
    """
    latest = latest or today
    start = _within(query.start, "from", today, latest)
    end = _within(query.end, "to", today, latest)
    if recent_days is not None:
        end = end or today
        start = start or max(EARLIEST_DATE, end - timedelta(days=recent_days - 1))
    if start is not None and end is not None:
        if start > end:
            raise Invalid(
                "from must be on or before to.", {"from": "Pick a date on or before 'to'."}
            )
        if (end - start).days > MAX_RANGE_DAYS:
            raise Invalid(
                "Ask for at most three years at once.",
                {"from": f"Pick a date at most {MAX_RANGE_DAYS} days before 'to'."},
            )
    return start, end


def ahead_range(query: DateRange, today: date, latest: date) -> tuple[date, date | None]:
    """The `from` and `to` dates of a listing that looks ahead (interviews), inclusive: each
    from EARLIEST_DATE to `latest`, checked as `date_range` does. A missing `from` is `today`
    (or, for a `to` before today, MAX_RANGE_DAYS before `to`); a missing `to` is no bound."""
    start, end = date_range(query, today, latest=latest)
    if start is None:
        start = today
        if end is not None and end < today:
            start = max(EARLIEST_DATE, end - timedelta(days=MAX_RANGE_DAYS))
    return start, end
