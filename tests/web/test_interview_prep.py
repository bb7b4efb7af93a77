"""Before the interview: each interview's prep page (when and where in words, today's practice
for its kind, what earlier debriefs noted, the person's own "if it gets hard" plan, a word on
being themselves), the plan form and its refusals, and the links that lead there.

The tests' clock stands on Wednesday 2026-03-18, 13:00 in Berlin."""

from __future__ import annotations

import pytest

from tests import factories
from tests.web.conftest import MEMBER
from tests.web.journal_steps import DAY, add_application, session_rows, stored
from tests.web.pages import error_beside, page, parse, post
from tracker import queries
from tracker.core import practice_bank
from tracker.extensions import db
from tracker.services import interviews

TECHNICAL = {
    "day": "2026-03-21",
    "time": "10:00",
    "duration_minutes": "45",
    "kind": "technical",
    "place": "Hall 2, Main St 1",
    "interview_notes": "Bring the portfolio.",
}
TECHNICAL_FITS = practice_bank.items_for("technical")
PLAN = "If my mind goes blank, then I will ask for a moment and breathe out."


def _schedule(client, application: int, **fields) -> int:
    path = f"/journal/applications/{application}/interviews"
    answer = post(client, path, {**TECHNICAL, **fields})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return int(answer.headers["Location"].rsplit("-", 1)[1])


def _prep(client, interview: int, status: int = 200):
    return page(client, f"/journal/applications/interviews/{interview}/prep", status)


def _plan(app, interview: int) -> str:
    return stored(app, lambda s, u: interviews.get_interview(s, u, interview).plan)


def _member_id(app) -> int:
    with app.app_context():
        found = queries.user_by_email(db.session, MEMBER).id
        db.session.remove()
        return found


@pytest.fixture
def application(member, now):
    return add_application(member, "Acme", "Data analyst", date="2026-03-10")


@pytest.fixture
def interview(member, application):
    return _schedule(member, application)


def test_the_prep_page_names_the_interview_in_words(member, interview):
    document = _prep(member, interview)
    head = document.one("header", class_="page-head")
    assert head.one("h1").text() == "Before the interview"
    assert "Acme" in head.text() and "Data analyst" in head.text()
    card = document.one("section", class_="prep-card")
    assert card.one("h2").text() == "Saturday 21 March, 10:00"
    assert "In 3 days" in card.text()
    details = card.one("dl").text()
    for said in ("Technical", "45 minutes", "Hall 2, Main St 1", "Bring the portfolio."):
        assert said in details


@pytest.mark.parametrize(
    ("day", "time", "said"),
    [
        ("2026-03-18", "18:00", "Today"),
        ("2026-03-19", "09:00", "Tomorrow"),
        ("2026-03-18", "09:00", "Behind you now"),
    ],
)
def test_the_page_says_how_soon(member, application, day, time, said):
    interview = _schedule(member, application, day=day, time=time)
    assert _prep(member, interview).one(class_="prep-countdown").text() == said


def test_todays_picks_fit_the_kind_and_each_links_to_logging_it(member, app, interview):
    document = _prep(member, interview)
    picks = document.all("li", class_="prep-pick")
    expected = practice_bank.prep_picks(_member_id(app), DAY, "technical")
    assert [li.attrs["data-item-id"] for li in picks] == [item.id for item in expected]
    assert expected[0] == practice_bank.daily_pick(_member_id(app), DAY, TECHNICAL_FITS)
    assert sorted(item.kind for item in expected) == ["body_language", "confidence", "technical"]
    for li, item in zip(picks, expected, strict=True):
        assert item.text in li.text()
        assert li.one("a").attrs["href"] == f"/journal/practice?item={item.id}"
    # The link opens the rating form on that item, and logging it stores the item.
    chosen = expected[2]
    practice = page(member, f"/journal/practice?item={chosen.id}")
    assert practice.one("h2", id="pick-heading").text() == chosen.text
    assert practice.one("input", name="item_id").attrs["value"] == chosen.id
    logged = {"item_id": chosen.id, "rating": "4", "date": DAY.isoformat(), "note": ""}
    assert post(member, "/journal/practice", logged).status_code == 302
    assert session_rows(app) == [(DAY.isoformat(), chosen.id, 4, "")]


def test_a_refused_practice_form_keeps_the_item_it_was_sent_on(member, interview):
    chosen = practice_bank.item_by_id("whiteboard-nerves")
    sent = {"item_id": chosen.id, "date": DAY.isoformat(), "note": ""}  # no rating
    answer = post(member, "/journal/practice", sent)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert document.one("h2", id="pick-heading").text() == chosen.text


def test_an_item_not_in_the_bank_is_not_found(member):
    assert member.get("/journal/practice?item=no-such-item").status_code == 404


def test_earlier_debriefs_and_own_questions_are_recalled(member, app, application, interview):
    before = _schedule(member, application, day="2026-03-02", time="09:00", kind="phone")
    told = {"outcome": "went_badly", "debrief": "Rushed the salary question."}
    assert post(member, f"/journal/applications/interviews/{before}/outcome", told).status_code
    added = {"question": "Looking at the table when unsure"}
    assert post(member, "/journal/practice/questions", added).status_code == 302
    noted = _prep(member, interview).one("section", aria_labelledby="prep-noted-heading")
    [entry] = noted.all("li", class_="entry")
    assert "Acme" in entry.text() and "2 Mar 2026" in entry.text()
    assert "It went badly" in entry.text() and "Rushed the salary question." in entry.text()
    assert "Looking at the table when unsure" in noted.one("ul", class_="prep-questions").text()


def test_with_nothing_noted_yet_the_page_says_so_kindly(member, interview):
    noted = _prep(member, interview).one("section", aria_labelledby="prep-noted-heading")
    assert "Nothing yet" in noted.text()


def test_the_page_says_be_yourself_and_that_nerves_are_normal(member, interview):
    words = _prep(member, interview).one("section", class_="prep-yourself").text()
    assert "rehearsed persona reads as rehearsed" in words
    assert "Nerves are normal" in words


def test_the_plan_is_empty_with_examples_as_hints_then_kept(member, app, interview):
    form = _prep(member, interview).one("section", id="plan")
    box = form.one("textarea", name="plan")
    assert box.text() == ""  # the examples are hints, not filled in
    assert len(form.one(id="prep-plan-examples").all("li")) >= 2
    assert "prep-plan-examples" in box.attrs["aria-describedby"]
    path = f"/journal/applications/interviews/{interview}/plan"
    answer = post(member, path, {"plan": f"  {PLAN}\n"})
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/interviews/{interview}/prep#plan")
    assert _plan(app, interview) == PLAN
    shown = _prep(member, interview).one("textarea", name="plan").text()
    assert shown == PLAN
    assert post(member, path, {"plan": ""}).status_code == 302
    assert _plan(app, interview) == ""


@pytest.mark.parametrize(
    ("typed", "message"),
    [("p" * 501, "500 characters"), ("a\x00b", "NUL")],
    ids=["too-long", "nul"],
)
def test_a_bad_plan_is_refused_beside_it_and_nothing_is_lost(
    member, app, interview, typed, message
):
    path = f"/journal/applications/interviews/{interview}/plan"
    assert post(member, path, {"plan": PLAN}).status_code == 302
    answer = post(member, path, {"plan": typed})
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, "plan")
    box = document.one("textarea", name="plan")
    assert box.attrs["aria-invalid"] == "true"
    if "\x00" not in typed:
        assert box.text() == typed  # what was typed is kept in the form
    assert _plan(app, interview) == PLAN  # and what was saved before stays


def test_another_persons_interview_is_not_found(member, app, interview):
    other = app.test_client()
    factories.sign_up_page(other, "other@example.com")
    _prep(other, interview, 404)
    path = f"/journal/applications/interviews/{interview}/plan"
    assert post(other, path, {"plan": "Mine now"}).status_code == 404
    assert _plan(app, interview) == ""
    _prep(member, 999_999, 404)


def test_signed_out_the_prep_page_leads_to_sign_in(client, now):
    answer = client.get("/journal/applications/interviews/1/prep")
    assert answer.status_code in (302, 303)
    assert answer.headers["Location"].startswith("/login")


def test_an_upcoming_interview_on_its_application_links_to_its_prep(member, application, interview):
    past = _schedule(member, application, day="2026-03-18", time="09:00")
    document = page(member, f"/journal/applications/{application}")
    upcoming = document.one("li", id=f"interview-{interview}")
    link = upcoming.one("p", class_="interview-prep-link").one("a")
    assert link.attrs["href"] == f"/journal/applications/interviews/{interview}/prep"
    assert link.text().startswith("Get ready for it")
    assert not document.one("li", id=f"interview-{past}").all("p", class_="interview-prep-link")


def test_today_leads_to_the_prep_page(member, interview):
    [line] = page(member, "/").all("li", class_="next-interview")
    assert line.one("a").attrs["href"] == f"/journal/applications/interviews/{interview}/prep"
