"""The journal without JavaScript: a rejection leads to its debrief, the tripped question
joins the practice list, the log and the hub; every bad input refused beside its
field with nothing lost; another account's ids answer 404."""

from __future__ import annotations

import pytest

from tests.web.conftest import TODAY
from tests.web.journal_steps import (
    goal_done,
    log_rejection,
    question_rows,
    reflection_rows,
    rejections,
)
from tests.web.pages import error_beside, page, parse, post
from tests.web.refusals import bad_dates, bad_text, each_refusal
from tracker.core.prompts import DEBRIEF, DEBRIEF_MORE, DEBRIEF_THEMES, GUIDED, HABIT_PROMPT

REFLECT = "Write a short reflection"


def test_logging_a_rejection_leads_straight_to_its_debrief(member, app):
    rejection = log_rejection(
        member, company="Initech", role="Analyst", stage="interview", note="Ask for feedback."
    )
    document = page(member, f"/journal/rejections/{rejection}/debrief")
    assert "your streak is safe" in document.text()
    assert "After the “no” from Initech" in document.one("h1").text()
    assert "Analyst · interview" in document.one("p", class_="meta").text()
    checked = document.one("input", name="prompt", checked=True)
    assert checked.attrs["value"] == DEBRIEF[0].id
    assert rejections(app) == [(TODAY, "Initech", "Analyst", "interview", None)]


def test_the_debrief_is_saved_as_a_reflection_of_that_rejection_and_counts(member, app):
    rejection = log_rejection(member, company="Initech")
    assert not goal_done(member, REFLECT)
    answer = post(
        member,
        f"/journal/rejections/{rejection}/debrief",
        {"prompt": DEBRIEF[0].id, "text": "They picked someone internal.", "date": TODAY},
    )
    assert (answer.status_code, answer.headers["Location"]) == (
        302,
        f"/journal/rejections/{rejection}/debrief",
    )
    assert reflection_rows(app) == [
        (TODAY, DEBRIEF[0].text, "They picked someone internal.", rejection)
    ]
    assert goal_done(member, REFLECT)
    document = page(member, f"/journal/rejections/{rejection}/debrief")
    # The next question of the debrief is offered, and what was written is there to reread.
    assert document.one("input", name="prompt", checked=True).attrs["value"] == DEBRIEF[1].id
    assert "They picked someone internal." in document.one("details", class_="written").text()


def test_the_debrief_walks_the_six_themes_in_order_each_with_its_line(member, app):
    rejection = log_rejection(member)
    url = f"/journal/rejections/{rejection}/debrief"
    for n, prompt in enumerate(DEBRIEF):
        document = page(member, url)
        checked = document.one("input", name="prompt", checked=True)
        assert checked.attrs["value"] == prompt.id
        label = document.all("label", class_="prompt-choice")[0].text()  # the one shown open
        assert prompt.text in label and prompt.hint in label
        post(member, url, {"prompt": prompt.id, "text": f"Answer {n}.", "date": TODAY})
    # The page walked the six themes in their order (pinned in tests/core/test_prompts.py).
    assert tuple(p.theme for p in DEBRIEF) == DEBRIEF_THEMES
    assert [row[1] for row in reflection_rows(app)] == [p.text for p in reversed(DEBRIEF)]
    # Every theme answered: the walk starts over, and the more factual questions stay offered.
    document = page(member, url)
    assert document.one("input", name="prompt", checked=True).attrs["value"] == DEBRIEF[0].id
    offered = [el.attrs["value"] for el in document.all("input", name="prompt")]
    assert offered == [p.id for p in (*DEBRIEF, *DEBRIEF_MORE)]


def test_the_debrief_offers_more_about_the_no_but_not_the_general_prompts(member, app):
    rejection = log_rejection(member)
    url = f"/journal/rejections/{rejection}/debrief"
    more = DEBRIEF_MORE[0]
    post(member, url, {"prompt": more.id, "text": "Heard by email.", "date": TODAY})
    assert reflection_rows(app) == [(TODAY, more.text, "Heard by email.", rejection)]
    answer = post(member, url, {"prompt": GUIDED[0].id, "text": "Off topic.", "date": TODAY})
    assert answer.status_code == 400
    assert "Pick one of the questions" in error_beside(
        parse(answer.get_data(as_text=True)), "prompt"
    )


def test_after_the_habit_question_the_habit_goes_on_the_practice_list_in_one_tap(member, app):
    rejection = log_rejection(member, company="Initech")
    url = f"/journal/rejections/{rejection}/debrief"
    text = "I look at the table when I am unsure, since that panel years ago."
    post(member, url, {"prompt": HABIT_PROMPT.id, "text": text, "date": TODAY})
    document = page(member, url)
    assert "A habit to work on" in document.one("p", class_="flash").text()
    # Just written about a habit: noting it comes first in the practice-list card.
    card = document.one(id="tripped")
    assert [f.attrs["action"] for f in card.all("form")] == [
        f"/journal/rejections/{rejection}/habit",
        f"/journal/rejections/{rejection}/question",
    ]
    answer = post(member, f"/journal/rejections/{rejection}/habit", {"habit": " Looking down "})
    assert answer.status_code == 302
    assert question_rows(app) == [("Looking down", rejection)]
    assert "Looking down" in page(member, url).one(id="tripped").text()
    assert "Looking down" in page(member, "/journal/practice").one(id="questions").text()


@each_refusal(
    [
        *bad_text("text", 10000),
        pytest.param("prompt", "no-such-prompt", "Pick one of the questions", id="unknown-prompt"),
        *bad_dates(),
    ]
)
def test_the_debrief_refuses_bad_input_beside_the_field_and_keeps_it(
    member, app, field, value, message
):
    rejection = log_rejection(member)
    typed = {"prompt": DEBRIEF[2].id, "text": "What I wrote.", "date": TODAY, field: value}
    answer = post(member, f"/journal/rejections/{rejection}/debrief", typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, field)
    if field != "text":
        assert document.one("textarea", name="text").text() == typed["text"]
    if field != "prompt":
        assert document.one("input", name="prompt", checked=True).attrs["value"] == typed["prompt"]
    assert reflection_rows(app) == []


def test_the_question_that_tripped_you_joins_the_practice_list(member, app):
    rejection = log_rejection(member, company="Initech")
    answer = post(
        member,
        f"/journal/rejections/{rejection}/question",
        {"question": "  Why should we pick you over someone with more experience?  "},
    )
    assert answer.status_code == 302
    question = "Why should we pick you over someone with more experience?"
    assert question_rows(app) == [(question, rejection)]
    # A question on the practice list is not a reflection: it counts for no goal.
    assert reflection_rows(app) == []
    assert not goal_done(member, REFLECT)
    debrief = page(member, f"/journal/rejections/{rejection}/debrief")
    assert question in debrief.one(id="tripped").text()
    practice = page(member, "/journal/practice")
    listed = practice.one(id="questions")
    assert question in listed.text()
    own = listed.one("a", href=True).attrs["href"]
    assert question in page(member, own).one(id="pick-heading").text()


def test_the_same_question_sent_twice_is_listed_once(member, app):
    rejection = log_rejection(member)
    for _ in range(2):
        post(member, f"/journal/rejections/{rejection}/question", {"question": "Why us?"})
    assert question_rows(app) == [("Why us?", rejection)]


@each_refusal([*bad_text("question", 500), *bad_text("habit", 500)])
def test_a_bad_question_or_habit_is_refused_beside_the_field(member, app, field, value, message):
    rejection = log_rejection(member)
    answer = post(member, f"/journal/rejections/{rejection}/{field}", {field: value})
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, field)
    assert document.one("input", name=field).attrs["value"] == value
    assert question_rows(app) == []


@pytest.mark.parametrize("prompt", [GUIDED[0].id, ""], ids=["guided-prompt", "no-prompt"])
def test_a_general_reflection_is_not_attached_to_the_fresh_rejection(member, app, prompt):
    # The Reflections page offers the fresh rejection's debrief (its form carries the
    # rejection's id), but only an answer to a debrief question debriefs it.
    rejection = log_rejection(member, company="Initech")
    form = page(member, "/journal/reflections").one("form", id="write")
    assert form.one("input", name="rejection_id").attrs["value"] == str(rejection)
    answer = post(
        member,
        "/journal/reflections",
        {"prompt": prompt, "text": "A good walk.", "date": TODAY, "rejection_id": rejection},
    )
    assert answer.status_code == 302
    assert reflection_rows(app) == [
        (TODAY, GUIDED[0].text if prompt else None, "A good walk.", None)
    ]
    # Still not debriefed: the page keeps offering the debrief, and the debrief page is empty.
    assert page(member, "/journal/reflections").all("input", name="rejection_id")
    assert "A good walk." not in page(member, f"/journal/rejections/{rejection}/debrief").text()
