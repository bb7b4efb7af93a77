"""The insights page: counters, the funnel and its pace, strength over time, the weekday
pattern and badges, drawn as inline SVG with their numbers also in text; kind with no data."""

from __future__ import annotations

from datetime import timedelta

from tests.web.conftest import TODAY
from tests.web.journal_steps import DAY, add_application, log_rejection
from tests.web.pages import page, post


def _counter(document, name: str) -> str:
    return document.one(data_counter=name).one(class_="counter-value").text()


def test_a_new_account_sees_zeros_and_kind_words(member):
    document = page(member, "/insights")
    for name in ("applications", "comebacks", "practice", "reflections", "rejections"):
        assert _counter(document, name) == "0"
    text = document.text()
    assert "Log your first application" in text
    assert "The line starts tomorrow" in text  # one day of history: nothing to draw yet
    assert "Your pattern shows up after your first full day" in text
    assert document.all("svg", class_="chart-line") == []


def test_counters_count_what_was_logged(member):
    add_application(member, "Initech", "Analyst")
    add_application(member, "Globex", "Designer")
    rejection = log_rejection(member, company="Hooli")
    post(member, f"/journal/rejections/{rejection}/debrief", {"text": "Ok.", "date": TODAY})
    post(member, "/journal/practice", {"rating": "3", "date": TODAY})
    document = page(member, "/insights")
    assert _counter(document, "applications") == "2"
    assert _counter(document, "rejections") == "1"
    assert _counter(document, "comebacks") == "1"  # showed up on the day of the "no"
    assert _counter(document, "practice") == "1"
    assert _counter(document, "reflections") == "1"
    dots = document.one("svg", class_="chart-dots")
    assert dots.attrs["role"] == "img"
    assert dots.one("title").text() == "1 of 100 rejections collected"
    assert len(dots.all("circle", class_="dot-on")) == 1
    assert len(dots.all("circle")) == 100


def test_the_funnel_counts_the_furthest_step_and_estimates_the_next_interview(member):
    ids = [add_application(member, f"Company {i}", "Analyst") for i in range(6)]
    post(member, f"/journal/applications/{ids[0]}/stage", {"stage": "screen"})
    post(member, f"/journal/applications/{ids[1]}/stage", {"stage": "interview"})
    post(member, f"/journal/applications/{ids[1]}/stage", {"stage": "rejected"})
    post(member, f"/journal/applications/{ids[2]}/stage", {"stage": "interview"})
    document = page(member, "/insights")
    lines = [li.one("p", class_="funnel-line").text() for li in document.one("ol").all("li")]
    assert lines == [
        "Applied 6",
        "Screening call 3 50% of the step before",
        "Interview 2 67% of the step before",
        "Offer 0 0% of the step before",
    ]
    # One interview per 3 applications: the third comes at application 9.
    pace = document.one(data_pace=True).text()
    assert pace == "At your current rate, about 3 more applications to your next interview."


def test_no_interview_yet_is_said_kindly(member):
    add_application(member)
    pace = page(member, "/insights").one(data_pace=True).text()
    assert pace.startswith("No interview yet from 1 application. That’s normal early on")  # noqa: RUF001


def test_strength_over_time_is_a_line_with_a_table(member, now):
    goal = page(member, "/").all(data_goal_id=True)[0].attrs["data-goal-id"]
    post(member, f"/checkin/{goal}", {"date": TODAY, "action": "toggle"})
    now.value += timedelta(days=2)
    document = page(member, "/insights")
    figures = document.all("figure", class_="strength")
    assert len(figures) == 3
    first = figures[0]
    chart = first.one("svg", class_="chart-line")
    assert chart.attrs["role"] == "img"
    assert "Strength of Send 1 application over time" in chart.one("title").text()
    rows = [tr.text() for tr in first.one("table").one("tbody").all("tr")]
    assert rows[0].startswith((DAY).strftime("%-d %b %Y"))
    assert rows[-1].startswith((DAY + timedelta(days=2)).strftime("%-d %b %Y"))
    assert first.one("strong", class_="strength-now").text().endswith("%")


def test_the_weekday_pattern_has_seven_columns_with_numbers(member, now):
    goal = page(member, "/").all(data_goal_id=True)[0].attrs["data-goal-id"]
    post(member, f"/checkin/{goal}", {"date": TODAY, "action": "toggle"})  # a Wednesday
    now.value += timedelta(days=2)
    document = page(member, "/insights")
    table = document.one("table", class_="weekday-table")
    assert [th.text() for th in table.all("th")] == [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]
    percents = [td.text() for td in table.one("tbody").all("tr")[0].all("td")]
    dash = "\u2013"  # no day counted yet
    assert percents == [dash, dash, "100%", "0%", dash, dash, dash]
    bars = document.one("svg", class_="chart-weekdays")
    assert "Wed 100%" in bars.one("desc").text()


def test_badges_show_their_dates_and_what_comes_next(member):
    log_rejection(member)
    document = page(member, "/insights")
    earned = document.one("ul", data_badges=True).text()
    assert "First no collected" in earned and "18 Mar 2026" in earned
    upcoming = document.one("ul", class_="next-badges").text()
    assert "Ten noes closer to a yes 1 of 10" in upcoming
    assert "Three days strong 0 of 3" in upcoming
