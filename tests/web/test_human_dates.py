"""Error messages on pages say dates the way the pages do ("19 March 2026", the Jinja filter
human_date), while the API keeps ISO dates (its clients read ISO)."""

from __future__ import annotations

import re

import pytest

from tests.web.pages import error_beside, page, parse, post
from tracker.core.days import human_date

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.mark.parametrize(
    ("path", "form", "field"),
    [
        ("/rejections", {"date": "{day}"}, "date"),
        ("/journal/applications", {"company": "A", "role": "B", "date": "{day}"}, "date"),
        ("/journal/practice", {"date": "{day}", "rating": "3"}, "date"),
        ("/journal/reflections", {"date": "{day}", "text": "x"}, "date"),
    ],
    ids=["rejection", "application", "practice", "reflection"],
)
@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("2026-03-19", "19 March 2026 is after today (18 March 2026)."),
        ("1999-12-31", "Pick a date from 1 January 2000 on."),
    ],
    ids=["future", "too-early"],
)
def test_a_refused_date_is_said_in_words_beside_the_field(member, path, form, field, day, words):
    answer = post(member, path, {k: v.format(day=day) for k, v in form.items()})
    assert answer.status_code == 400
    message = error_beside(parse(answer.get_data(as_text=True)), field)
    assert message == words
    assert not ISO.search(message)


def test_a_check_in_for_a_future_day_says_the_dates_in_words(member):
    goal = page(member, "/").all(data_goal_id=True)[0].attrs["data-goal-id"]
    answer = post(member, f"/checkin/{goal}", {"date": "2027-03-01", "action": "toggle"})
    assert answer.status_code == 400
    text = parse(answer.get_data(as_text=True)).text()
    assert "1 March 2027 is after today (18 March 2026)." in text
    assert "2027-03-01" not in text


def test_the_api_keeps_iso_dates_in_its_messages(api):
    err = api.post("/rejections", {"date": "2026-03-19"}).get_json()["error"]
    assert err["fields"]["date"] == "2026-03-19 is after today (2026-03-18)."
    err = api.post("/rejections", {"date": "1999-12-31"}).get_json()["error"]
    assert err["fields"]["date"] == "Pick a date from 2000-01-01 on."


def test_an_api_answer_after_a_page_still_says_iso(member, api):
    post(member, "/rejections", {"date": "2026-03-19"})
    err = api.post("/reflections", {"date": "2026-03-19", "text": "x"}).get_json()["error"]
    assert "2026-03-19" in err["fields"]["date"]


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("2026-03-01", "1 March 2026"),
        ("2000-01-01", "1 January 2000"),
        ("9999-12-31", "31 December 9999"),
    ],
)
def test_human_date(day, words):
    from datetime import date

    assert human_date(date.fromisoformat(day)) == words
