"""History you can touch: every calendar day opens that day's check-ins, and the calendar
spans the last 12 weeks or the last year."""

from __future__ import annotations

from tests.web.pages import page


def _days(document):
    return [a for a in document.all("a") if "day" in a.attrs.get("class", "").split()]


def test_each_day_of_the_calendar_opens_that_day(member):
    document = page(member, "/history")
    days = _days(document)
    assert len(days) == 7 * 11 + 3  # eleven whole weeks and today's Wednesday
    today = [a for a in days if a.attrs.get("aria-current") == "date"]
    assert [a.attrs["href"] for a in today] == ["/"]
    assert days[-2].attrs["href"] == "/?date=2026-03-17"
    assert "Tuesday 17 March" in days[-2].text()
    opened = page(member, days[-2].attrs["href"])
    assert {i.attrs["value"] for i in opened.all("input", name="date")} == {"2026-03-17"}


def test_the_year_view_spans_the_last_year(member):
    document = page(member, "/history?view=year")
    days = _days(document)
    assert len(days) == 7 * 52 + 3
    assert days[0].attrs["href"] == "/?date=2025-03-17"
    assert "The last year" in document.one("h2", id="cal-heading").text()
    current = [a for a in document.all("a") if a.attrs.get("aria-current") == "page"]
    assert "Year" in [a.text() for a in current]


def test_an_unknown_view_shows_the_twelve_weeks(member):
    document = page(member, "/history?view=decade")
    assert len(_days(document)) == 7 * 11 + 3
