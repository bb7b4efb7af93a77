"""The applications page: log one, the list by stage, moves (a "no" leads to its debrief),
the dated history, the 14-day follow-up prompt, and every bad input refused."""

from __future__ import annotations

import pytest

from tests.web.conftest import TODAY
from tests.web.journal_steps import (
    add_application,
    age_application,
    application_rows,
    goal_done,
    rejections,
)
from tests.web.pages import error_beside, page, parse, post
from tests.web.refusals import bad_dates, bad_text, each_refusal

APPLY = "Send 1 application"


def _group(document, key: str):
    return document.one("section", class_=f"stage-{key}")


def test_an_application_is_logged_listed_and_counts_for_the_apply_goal(member, app):
    form = page(member, "/journal/applications/new")
    assert form.one("input", name="date").attrs["value"] == TODAY
    assert not goal_done(member, APPLY)
    application = add_application(
        member, "Initech", "Data analyst", link="https://jobs.example.com/42", date=TODAY
    )
    assert application_rows(app) == [
        ("Initech", "Data analyst", "https://jobs.example.com/42", TODAY, "applied")
    ]
    assert goal_done(member, APPLY)
    document = page(member, "/journal/applications")
    item = _group(document, "applied").one("li", id=f"application-{application}")
    assert "Initech" in item.text() and "Data analyst" in item.text()
    link = item.one("a", class_="job-link")
    assert link.attrs["href"] == "https://jobs.example.com/42"
    assert "noopener" in link.attrs["rel"]


def test_link_and_date_are_optional(member, app):
    add_application(member, "Globex", "Designer", link="", date="")
    assert application_rows(app) == [("Globex", "Designer", None, TODAY, "applied")]


@each_refusal(
    [
        *bad_text("company", 120),
        pytest.param("role", "", "at least one character", id="no-role"),
        pytest.param("link", "javascript:alert(1)", "http://", id="javascript-link"),
        pytest.param("link", "ftp://example.com/job", "http://", id="ftp-link"),
        pytest.param("link", "jobs.example.com", "http://", id="bare-domain"),
        pytest.param("link", "https://" + "a" * 2000, "2000 characters", id="long-link"),
        *bad_dates(required=False),  # an empty date is today
    ]
)
def test_a_bad_application_is_refused_beside_the_field_and_kept(member, app, field, value, message):
    typed = {
        "company": "Initech",
        "role": "Analyst",
        "link": "https://jobs.example.com/1",
        "date": TODAY,
        field: value,
    }
    answer = post(member, "/journal/applications", typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, field)
    for name in ("company", "role", "link", "date"):
        assert document.one("input", name=name).attrs["value"] == typed[name]
    assert application_rows(app) == []


def test_moving_along_the_pipeline_keeps_a_dated_history(member, app, now):
    application = add_application(member, "Initech", "Analyst")
    answer = post(member, f"/journal/applications/{application}/stage", {"stage": "interview"})
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/journal/applications#application-{application}"
    listed = page(member, "/journal/applications")
    assert _group(listed, "interview").all("li", id=f"application-{application}")
    assert listed.all("section", class_="stage-applied") == []
    detail = page(member, f"/journal/applications/{application}")
    steps = [li.text() for li in detail.one("ol", class_="timeline").all("li")]
    assert steps == ["18 Mar 2026 Applied", "18 Mar 2026 Interview"]
    assert rejections(app) == []


@pytest.mark.parametrize("stage", ["rejected", "ghosted"])
def test_a_no_logs_a_rejection_and_leads_to_its_debrief(member, app, stage):
    application = add_application(member, "Initech", "Analyst")
    post(member, f"/journal/applications/{application}/stage", {"stage": "screen"})
    answer = post(member, f"/journal/applications/{application}/stage", {"stage": stage})
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/debrief")
    assert rejections(app) == [(TODAY, "Initech", "Analyst", "screen", application)]
    debrief = page(member, answer.headers["Location"])
    assert "After the “no” from Initech" in debrief.one("h1").text()
    assert _group(page(member, "/journal/applications"), "closed").all(
        "li", id=f"application-{application}"
    )


def test_moving_from_the_applications_own_page_comes_back_to_it(member):
    application = add_application(member)
    answer = post(
        member,
        f"/journal/applications/{application}/stage",
        {"stage": "offer", "back": "detail"},
    )
    assert answer.headers["Location"] == f"/journal/applications/{application}"


def test_an_offer_is_celebrated_like_a_badge(member):
    application = add_application(member, "Globex", "Designer")
    screen = post(member, f"/journal/applications/{application}/stage", {"stage": "screen"})
    assert not page(member, screen.headers["Location"]).all(data_offer=True)
    offer = post(member, f"/journal/applications/{application}/stage", {"stage": "offer"})
    shown = page(member, offer.headers["Location"])
    card = shown.one(data_offer=True)
    assert card.attrs["data-controller"] == "celebrate"
    assert "Globex, Designer" in card.text()
    again = post(member, f"/journal/applications/{application}/stage", {"stage": "offer"})
    assert not page(member, again.headers["Location"]).all(data_offer=True)  # once


@pytest.mark.parametrize("stage", ["", "hired", "application"])
def test_a_bad_stage_is_refused_beside_the_select_and_nothing_moves(member, app, stage):
    application = add_application(member)
    answer = post(member, f"/journal/applications/{application}/stage", {"stage": stage})
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    select = document.one("select", id=f"stage-{application}")
    error = document.one(id=select.attrs["aria-describedby"]).text()
    assert error in ("Pick one of the options.", "Pick a stage.")
    assert application_rows(app)[0][-1] == "applied"


@pytest.mark.parametrize(("days", "asks"), [(13, False), (14, True), (40, True)])
def test_a_quiet_application_asks_follow_up_or_close(member, app, days, asks):
    application = add_application(member)
    age_application(app, application, days)
    item = page(member, "/journal/applications").one("li", id=f"application-{application}")
    prompts = item.all("div", class_="quiet")
    assert bool(prompts) is asks
    if asks:
        assert f"No news for {days} days. Follow up, or close it as ghosted?" in prompts[0].text()


def test_following_up_restarts_the_quiet_count(member, app):
    application = add_application(member)
    age_application(app, application, 20)
    answer = post(member, f"/journal/applications/{application}/follow-up", {})
    assert answer.status_code == 302
    item = page(member, "/journal/applications").one("li", id=f"application-{application}")
    assert item.all("div", class_="quiet") == []
    steps = page(member, f"/journal/applications/{application}").one("ol", class_="timeline")
    assert [li.text() for li in steps.all("li")][-1] == "18 Mar 2026 Followed up"
    assert application_rows(app)[0][-1] == "applied"
    post(member, f"/journal/applications/{application}/follow-up", {})  # twice: one step
    steps = page(member, f"/journal/applications/{application}").one("ol", class_="timeline")
    assert len(steps.all("li")) == 2


def test_closing_a_quiet_application_as_ghosted_collects_the_no(member, app):
    application = add_application(member, "Globex", "Designer")
    age_application(app, application, 30)
    item = page(member, "/journal/applications").one("li", id=f"application-{application}")
    ghost = next(f for f in item.all("form") if f.all("input", value="ghosted"))
    answer = post(member, ghost.attrs["action"], {"stage": "ghosted"})
    assert answer.headers["Location"].endswith("/debrief")
    assert rejections(app) == [(TODAY, "Globex", "Designer", "application", application)]


def test_removing_an_application_keeps_the_no_it_logged(member, app):
    application = add_application(member)
    post(member, f"/journal/applications/{application}/stage", {"stage": "rejected"})
    answer = post(member, f"/journal/applications/{application}/delete", {})
    assert answer.status_code == 302
    assert application_rows(app) == []
    assert len(rejections(app)) == 1
    assert page(member, "/journal/applications").all("li", class_="application") == []


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/journal/applications/{id}", None),
        ("post", "/journal/applications/{id}/stage", {"stage": "rejected"}),
        ("post", "/journal/applications/{id}/follow-up", {}),
        ("post", "/journal/applications/{id}/delete", {}),
        ("get", "/journal/applications/99999999999", None),
    ],
    ids=["detail", "move", "follow-up", "delete", "huge-id"],
)
def test_another_accounts_application_answers_404(member, app, stranger_ids, method, path, data):
    url = path.format(id=stranger_ids["application"])
    answer = member.get(url) if method == "get" else post(member, url, data)
    assert answer.status_code == 404
    assert rejections(app) == []


def test_an_empty_pipeline_invites_the_first_one(member):
    document = page(member, "/journal/applications")
    assert document.all("li", class_="application") == []
    assert document.one("a", class_="new-application").attrs["href"] == "/journal/applications/new"
    assert "Your pipeline starts with the first one" in document.text()
