"""History, the quick rejection form and breaks: what they show and what they refuse."""

from __future__ import annotations

import pytest

from tests.web.conftest import TODAY
from tests.web.pages import error_beside, page, parse, post
from tests.web.refusals import bad_dates, each_refusal
from tracker import queries
from tracker.extensions import db
from tracker.services import journal


def _member(app):
    return queries.user_by_email(db.session, "member@example.com")


def _rejections(app):
    with app.app_context():
        return [
            (r.date.isoformat(), r.company)
            for r in journal.list_rejections(db.session, _member(app))
        ]


def _breaks(app):
    with app.app_context():
        return [
            (b.start.isoformat(), b.end.isoformat())
            for b in journal.list_breaks(db.session, _member(app))
        ]


def test_rejection_form_logs_one_and_goes_on_to_its_debrief(member, app):
    form = page(member, "/rejections/new")
    assert form.one("input", name="date").attrs["value"] == TODAY
    answer = post(
        member,
        "/rejections",
        {
            "date": TODAY,
            "company": "Initech",
            "role": "Analyst",
            "stage": "interview",
            "note": "Ask for feedback.",
        },
    )
    assert (answer.status_code, answer.headers["Location"]) == (
        302,
        "/journal/rejections/1/debrief",
    )
    assert _rejections(app) == [(TODAY, "Initech")]
    debrief = page(member, answer.headers["Location"])
    assert "your streak is safe" in debrief.text()
    history = page(member, "/history")
    assert "Initech · Analyst · interview" in history.one(id="rejections").text()


def test_rejection_form_needs_only_a_date(member, app):
    answer = post(
        member, "/rejections", {"date": "2026-03-01", "company": "", "role": "", "stage": ""}
    )
    assert answer.status_code == 302
    assert _rejections(app) == [("2026-03-01", "")]


@each_refusal(
    [
        *bad_dates(),
        pytest.param("date", "2026-13-01", "real date", id="month-13"),
        pytest.param("date", "yesterday", "YYYY-MM-DD", id="yesterday"),
        pytest.param("stage", "ghosted", "Pick one of the options", id="bad-stage"),
        pytest.param("company", "C" * 121, "120 characters", id="long-company"),
        pytest.param("role", "R" * 121, "120 characters", id="long-role"),
        pytest.param("note", "n" * 2001, "2000 characters", id="long-note"),
    ]
)
def test_rejection_form_refuses_bad_input_and_keeps_it(member, app, field, value, message):
    typed = {
        "date": TODAY,
        "company": "Globex",
        "role": "Designer",
        "stage": "screen",
        "note": "It was close.",
        field: value,
    }
    answer = post(member, "/rejections", typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, field)
    assert _rejections(app) == []
    for name in ("company", "role"):
        assert document.one("input", name=name).attrs["value"] == typed[name]
    assert document.one("textarea", name="note").text() == typed["note"]


def test_a_break_is_planned_and_listed(member, app):
    answer = post(
        member, "/breaks", {"start": "2026-04-01", "end": "2026-04-07", "note": "Holiday"}
    )
    assert answer.status_code == 302
    assert _breaks(app) == [("2026-04-01", "2026-04-07")]
    listed = page(member, "/history").one(id="breaks").one("ul", class_="plain-list").text()
    assert "1 Apr" in listed and "7 Apr 2026" in listed


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        pytest.param(
            {"start": "2026-04-07", "end": "2026-04-01"},
            "end",
            "on or after the start",
            id="end-before-start",
        ),
        pytest.param({"start": "soon"}, "start", "YYYY-MM-DD", id="word-start"),
        pytest.param({"end": "2026-02-30"}, "end", "real date", id="no-such-day"),
        pytest.param({"start": ""}, "start", "YYYY-MM-DD", id="blank-start"),
        pytest.param({"note": "n" * 201}, "note", "200 characters", id="long-note"),
    ],
)
def test_break_form_refuses_bad_input_and_keeps_it(member, app, fields, field, message):
    post(member, "/breaks", {"start": "2026-03-01", "end": "2026-03-02"})  # one already saved
    typed = {"start": "2026-04-01", "end": "2026-04-07", "note": "Holiday", **fields}
    answer = post(member, "/breaks", typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, field)
    assert document.one("input", name="note").attrs["value"] == typed["note"]
    assert _breaks(app) == [("2026-03-01", "2026-03-02")]


def test_history_shows_12_weeks_a_legend_streaks_and_badges(member):
    post(member, "/rejections", {"date": TODAY})
    document = page(member, "/history")
    weeks = document.one("table").one("tbody").all("tr")
    assert len(weeks) == 12
    assert all(len(week.all("td")) == 7 for week in weeks)
    today = document.one(aria_current="date")
    assert "Wednesday 18 March" in today.text()
    legend = document.one("ul", class_="legend").text()
    labels = ("Showed up", "Rejection shield", "Saved by a freeze", "Missed")
    for label in (*labels, "Before you started: not counted"):
        assert label in legend
    stats = document.all("li", class_="goal-stat")
    assert len(stats) == 3
    assert all("strength" in stat.text() for stat in stats)
    assert "First no collected" in document.one("ul", class_="badges").text()


@pytest.mark.parametrize("kind", ["rejection", "break"])
def test_removing_another_users_rejection_or_break_answers_404(member, stranger, kind):
    answer = post(member, f"/{kind}s/{stranger[kind]}/delete", {})
    assert answer.status_code == 404


def test_removing_own_rejection_and_break(member, app):
    post(member, "/rejections", {"date": TODAY})
    post(member, "/breaks", {"start": "2026-04-01", "end": "2026-04-02"})
    with app.app_context():
        user = _member(app)
        rejection = journal.list_rejections(db.session, user)[0].id
        pause = journal.list_breaks(db.session, user)[0].id
    assert post(member, f"/rejections/{rejection}/delete", {}).status_code == 302
    assert post(member, f"/breaks/{pause}/delete", {}).status_code == 302
    assert _rejections(app) == [] and _breaks(app) == []


def test_a_rejection_on_a_day_already_shown_up_says_it_is_a_comeback(member):
    goal = page(member, "/").all(data_goal_id=True)[0].attrs["data-goal-id"]
    post(member, f"/checkin/{goal}", {"date": TODAY, "action": "toggle"})
    answer = post(member, "/rejections", {"date": TODAY, "company": "Acme"})
    shown = page(member, answer.headers["Location"])
    flash = shown.one(class_="flash").text()
    assert "already answered" in flash and "comeback" in flash
    assert "to earn a comeback" not in flash


def test_a_rejection_on_a_quiet_day_says_how_to_earn_the_comeback(member):
    answer = post(member, "/rejections", {"date": TODAY, "company": "Acme"})
    flash = page(member, answer.headers["Location"]).one(class_="flash").text()
    assert "Show up for one goal today or tomorrow to earn a comeback." in flash


def test_the_break_form_comes_back_at_its_own_place_on_the_page(member):
    """A refused break is shown again where the form is, not at the top of a long page."""
    form = page(member, "/history").one("form", class_="break-form")
    assert form.attrs["action"].endswith("#breaks")
