"""Local dates: time zone names, the date an instant falls on, inclusive date ranges."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from tracker.core.days import as_utc, date_range, is_valid_timezone, local_date


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("Europe/Berlin", True),
        ("America/Argentina/Buenos_Aires", True),
        ("UTC", True),
        ("Asia/Kolkata", True),
        ("", False),
        ("Mars/Olympus_Mons", False),
        ("europe/berlin", False),
        ("Europe", False),
        ("../etc", False),
        ("../../etc/passwd", False),
        ("/etc/localtime", False),
        ("localtime", False),
        ("posixrules", False),
        ("posix/Europe/Berlin", False),
        ("Europe/Berlin\x00", False),
        (" UTC", False),
    ],
)
def test_only_iana_zone_names_are_valid(name, valid):
    assert is_valid_timezone(name) is valid


def test_a_non_string_is_not_a_zone():
    assert is_valid_timezone(None) is False  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("instant", "zone", "expected"),
    [
        pytest.param(utc(2025, 1, 1, 4), "America/New_York", date(2024, 12, 31)),
        pytest.param(utc(2025, 1, 1, 10), "Pacific/Kiritimati", date(2025, 1, 2)),
        pytest.param(utc(2025, 3, 30, 22, 30), "Europe/Berlin", date(2025, 3, 31)),
        pytest.param(utc(2025, 3, 30, 21, 59), "Europe/Berlin", date(2025, 3, 30)),
        pytest.param(utc(2025, 10, 26, 22, 59), "Europe/Berlin", date(2025, 10, 26)),
        pytest.param(utc(2025, 10, 26, 23, 0), "Europe/Berlin", date(2025, 10, 27)),
        pytest.param(utc(2025, 6, 1, 23, 59), "UTC", date(2025, 6, 1)),
    ],
)
def test_local_date_is_the_calendar_date_in_the_zone(instant, zone, expected):
    assert local_date(instant, zone) == expected


@pytest.mark.parametrize(
    ("instant", "zone"),
    [
        pytest.param(datetime(2025, 1, 1), "UTC", id="naive_instant"),
        pytest.param(utc(2025, 1, 1, 0), "Nowhere/Town", id="unknown_zone"),
        pytest.param(utc(2025, 1, 1, 0), "localtime", id="not_a_zone_name"),
    ],
)
def test_local_date_refuses_what_it_cannot_place(instant, zone):
    with pytest.raises(ValueError):
        local_date(instant, zone)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 2, 27), date(2024, 3, 1), 4),  # leap day included
        (date(2025, 5, 5), date(2025, 5, 5), 1),
        (date(2025, 5, 6), date(2025, 5, 5), 0),
    ],
)
def test_date_range_includes_both_ends(start, end, expected):
    dates = list(date_range(start, end))
    assert len(dates) == expected
    if dates:
        assert (dates[0], dates[-1]) == (start, end)
        assert all((b - a).days == 1 for a, b in itertools.pairwise(dates))


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (datetime(2027, 3, 14, 7, 0), datetime(2027, 3, 14, 7, 0, tzinfo=UTC)),
        (
            datetime(2027, 3, 14, 9, 0, tzinfo=ZoneInfo("Europe/Berlin")),
            datetime(2027, 3, 14, 8, 0, tzinfo=UTC),
        ),
    ],
    ids=["naive-is-utc", "aware-converted"],
)
def test_as_utc(instant, expected):
    result = as_utc(instant)
    assert result == expected and result.tzinfo is UTC
