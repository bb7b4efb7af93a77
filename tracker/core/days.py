"""Calendar dates in the user's time zone: validating zone names, local dates, date ranges."""

from __future__ import annotations

import functools
import zoneinfo
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

ONE_DAY = timedelta(days=1)

# Files that live among the zone files on some systems but are not IANA zone names.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) - _NOT_ZONES


def is_valid_timezone(name: str) -> bool:
    """Tell whether `name` is an IANA time zone name such as "Europe/Berlin" or "UTC".

    Names are case-sensitive. Empty strings, paths ("../etc", "/etc/localtime"), "localtime"
    and anything that is not a string are refused (False); this never raises.
    """
    return isinstance(name, str) and name in _known_zones()


def local_date(instant: datetime, tz_name: str) -> date:
    """Return the calendar date that the aware `instant` falls on in zone `tz_name`.

    Raises ValueError for a naive datetime or a name `is_valid_timezone` refuses.
    """
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("local_date needs an aware datetime")
    if not is_valid_timezone(tz_name):
        raise ValueError(f"unknown time zone: {tz_name!r}")
    return instant.astimezone(zoneinfo.ZoneInfo(tz_name)).date()


def date_range(start: date, end: date) -> Iterator[date]:
    """Yield every date from `start` to `end`, both inclusive, in order (nothing if end < start)."""
    day = start
    while day <= end:
        yield day
        day += ONE_DAY


def as_utc(instant: datetime) -> datetime:
    """An instant as an aware UTC datetime; a naive one is taken to be UTC already (SQLite
    reads instants back naive, and every instant is written in UTC)."""
    return instant.replace(tzinfo=UTC) if instant.tzinfo is None else instant.astimezone(UTC)


def human_date(day: date) -> str:
    """A date as the pages say it: "1 March 2026" (day, English month name, year).

    The one formatter for dates in words: the templates' `human_date` filter and the
    messages a page shows both use it (the API keeps ISO dates).
    """
    return f"{day.day} {day:%B} {day.year}"
