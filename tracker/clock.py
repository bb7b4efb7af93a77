"""The one place that reads the wall clock; tests replace `now_utc`."""

from datetime import UTC, datetime


def now_utc() -> datetime:
    """Return the current instant as an aware UTC datetime."""
    return datetime.now(UTC)
