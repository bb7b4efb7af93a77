"""The practice and reflection pages: today's pick rated 1-5 with a note, your own questions,
guided entries (the debrief after a "no"), search, and every bad input refused."""

from __future__ import annotations

from datetime import date

import pytest

from tests.web.conftest import TODAY
from tests.web.journal_steps import (
    goal_done,
    log_rejection,
    member_user,
    question_rows,
    reflection_rows,
    session_rows,
)
from tests.web.pages import error_beside, page, parse, post
from tests.web.refusals import bad_dates, bad_text, each_refusal
from tracker.core import practice_bank
from tracker.core.prompts import DEBRIEF, GUIDED
from tracker.extensions import db
from tracker.models import PracticeQuestion

PRACTICE = "Practise 1 interview answer"
REFLECT = "Write a short reflection"


def _pick(app):
    with app.app_context():
        item = practice_bank.daily_pick(member_user().id, date.fromisoformat(TODAY))
        db.session.remove()
        return item


def test_the_practice_page_shows_the_api_pick_of_the_day(member, app):
    item = _pick(app)
    document = page(member, "/journal/practice")
    heading = document.one(id="pick-heading")
    assert heading.text() == item.text
    assert document.one("input", name="item_id").attrs["value"] == item.id
    assert page(member, "/journal/practice").one(id="pick-heading").text() == item.text
    ratings = document.one("fieldset", class_="rating").all("input", type="radio")
    assert [r.attrs["value"] for r in ratings] == ["1", "2", "3", "4", "5"]


def test_rating_today_pick_is_saved_listed_and_counts(member, app):
    item = _pick(app)
    answer = post(
        member,
        "/journal/practice",
        {"item_id": item.id, "rating": "4", "note": "Slower, better.", "date": TODAY},
    )
    assert answer.status_code == 302
    assert session_rows(app) == [(TODAY, item.id, 4, "Slower, better.")]
    assert goal_done(member, PRACTICE)
    recent = page(member, "/journal/practice").one(id="recent").text()
    assert "4/5 Good" in recent and "Slower, better." in recent


@each_refusal(
    [
        pytest.param("rating", "", "from 1 to 5", id="no-rating"),
        pytest.param("rating", "0", "from 1 to 5", id="zero"),
        pytest.param("rating", "6", "from 1 to 5", id="six"),
        pytest.param("rating", "great", "from 1 to 5", id="word"),
        pytest.param("note", "n" * 2001, "2000 characters", id="long-note"),
        *bad_dates(),
        pytest.param("date", "19/03/2026", "YYYY-MM-DD", id="wrong-format"),
    ]
)
def test_a_bad_practice_session_is_refused_beside_the_field(member, app, field, value, message):
    typed = {"item_id": _pick(app).id, "rating": "3", "note": "Kept it short.", "date": TODAY}
    typed[field] = value
    answer = post(member, "/journal/practice", typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, field)
    assert document.one("textarea", name="note").text() == typed["note"]
    assert session_rows(app) == []


def test_an_item_not_in_the_bank_is_refused_with_nothing_saved(member, app):
    answer = post(
        member, "/journal/practice", {"item_id": "no-such-item", "rating": "3", "date": TODAY}
    )
    assert answer.status_code == 400
    alert = parse(answer.get_data(as_text=True)).one(role="alert").text()
    assert "isn’t in the practice bank" in alert  # noqa: RUF001
    assert session_rows(app) == []


def test_your_own_question_is_practised_with_the_question_in_the_note(member, app):
    post(member, "/journal/practice/questions", {"question": "Why the gap in your CV?"})
    questions = page(member, "/journal/practice").one(id="questions")
    assert "Why the gap in your CV?" in questions.text()
    own = page(member, questions.one("a", href=True).attrs["href"])
    assert own.one(id="pick-heading").text() == "Why the gap in your CV?"
    assert own.all("input", name="item_id") == []
    note = own.one("textarea", name="note").text()
    assert note.startswith("Why the gap in your CV?")
    own_id = own.one("input", name="own").attrs["value"]
    post(member, "/journal/practice", {"own": own_id, "rating": "2", "note": note, "date": TODAY})
    assert session_rows(app) == [(TODAY, None, 2, "Why the gap in your CV?")]


@pytest.mark.parametrize(
    "own", ["{stranger}", "999999", "abc", "0", "-1", "99999999999", "\N{ARABIC-INDIC DIGIT ONE}"]
)
def test_another_accounts_or_a_missing_question_answers_404(member, stranger_ids, own):
    wanted = own.format(stranger=stranger_ids["question"])
    assert member.get(f"/journal/practice?own={wanted}").status_code == 404


@pytest.mark.parametrize("question", ["", "  ", "q" * 501])
def test_a_bad_question_on_the_practice_page_is_refused(member, app, question):
    answer = post(member, "/journal/practice/questions", {"question": question})
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert error_beside(document, "question")
    assert document.one("input", name="question").attrs["value"] == question
    assert question_rows(app) == []


def test_a_reflection_with_the_prompt_of_the_day_counts(member, app):
    document = page(member, "/journal/reflections")
    chosen = document.one("input", name="prompt", checked=True).attrs["value"]
    prompt = next(p for p in GUIDED if p.id == chosen)
    answer = post(
        member,
        "/journal/reflections",
        {"prompt": chosen, "text": "Afraid of the silence.", "date": TODAY},
    )
    assert answer.status_code == 302
    assert reflection_rows(app) == [(TODAY, prompt.text, "Afraid of the silence.", None)]
    assert goal_done(member, REFLECT)
    entries = page(member, "/journal/reflections").one(id="entries").text()
    assert prompt.text in entries and "Afraid of the silence." in entries


def test_a_reflection_may_have_no_prompt_and_an_earlier_date(member, app):
    post(
        member, "/journal/reflections", {"prompt": "", "text": "Just notes.", "date": "2026-03-01"}
    )
    assert reflection_rows(app) == [("2026-03-01", None, "Just notes.", None)]


def test_after_a_rejection_the_reflection_page_offers_its_debrief(member, app):
    rejection = log_rejection(member, company="Initech")
    document = page(member, "/journal/reflections")
    assert "After the “no” from Initech" in document.one(id="write-heading").text()
    assert document.one("input", name="prompt", checked=True).attrs["value"] == DEBRIEF[0].id
    assert document.one("input", name="rejection_id").attrs["value"] == str(rejection)
    post(
        member,
        "/journal/reflections",
        {
            "prompt": DEBRIEF[0].id,
            "text": "Heard by email.",
            "date": TODAY,
            "rejection_id": rejection,
        },
    )
    assert reflection_rows(app) == [(TODAY, DEBRIEF[0].text, "Heard by email.", rejection)]
    # Debriefed: the page offers the guided prompts again.
    assert page(member, "/journal/reflections").all("input", name="rejection_id") == []


@each_refusal(
    [
        *bad_text("text", 10000),
        pytest.param("prompt", "no-such", "Pick one of the questions", id="unknown-prompt"),
        pytest.param(
            "prompt", DEBRIEF[0].id, "Pick one of the questions", id="debrief-without-rejection"
        ),
        *bad_dates(),
    ]
)
def test_a_bad_reflection_is_refused_beside_the_field(member, app, field, value, message):
    typed = {"prompt": GUIDED[0].id, "text": "Honest lines.", "date": TODAY, field: value}
    answer = post(member, "/journal/reflections", typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, field)
    if field != "text":
        assert document.one("textarea", name="text").text() == typed["text"]
    assert reflection_rows(app) == []


@pytest.mark.parametrize("raw", ["abc", "0", "-3", "1.5"])
def test_a_malformed_rejection_id_is_refused(member, app, raw):
    answer = post(
        member, "/journal/reflections", {"text": "Mine.", "date": TODAY, "rejection_id": raw}
    )
    assert answer.status_code == 400
    alert = parse(answer.get_data(as_text=True)).one(role="alert").text()
    assert "That rejection could not be found" in alert
    assert reflection_rows(app) == []


def test_debriefing_another_accounts_rejection_answers_404(member, app, stranger_ids):
    answer = post(
        member,
        "/journal/reflections",
        {"text": "Mine.", "date": TODAY, "rejection_id": stranger_ids["rejection"]},
    )
    assert answer.status_code == 404
    assert reflection_rows(app) == []


def test_search_finds_text_and_prompts_ignoring_case(member):
    post(member, "/journal/reflections", {"text": "The FEAR of silence.", "date": TODAY})
    post(member, "/journal/reflections", {"text": "A good walk.", "date": TODAY})
    document = page(member, "/journal/reflections?q=fear")
    entries = document.one("ul", class_="entries").all("li", class_="entry")
    assert len(entries) == 1 and "The FEAR of silence." in entries[0].text()
    assert "1 entry with “fear”" in document.one(class_="result-count").text()
    assert document.one("input", name="q").attrs["value"] == "fear"
    none = page(member, "/journal/reflections?q=zebra")
    assert "0 entries with “zebra”" in none.one(class_="result-count").text()
    assert none.all("li", class_="entry") == []


def test_a_search_that_is_too_long_is_refused_beside_the_field(member):
    answer = member.get("/journal/reflections?q=" + "q" * 201)
    assert answer.status_code == 400
    assert "200 characters" in error_beside(parse(answer.get_data(as_text=True)), "q")


def test_removing_a_reflection_and_another_accounts_is_404(member, app, stranger_ids):
    post(member, "/journal/reflections", {"text": "Gone soon.", "date": TODAY})
    own = page(member, "/journal/reflections").one("li", class_="entry").attrs["id"].split("-")[1]
    assert post(member, f"/journal/reflections/{own}/delete", {}).status_code == 302
    assert reflection_rows(app) == []
    theirs = stranger_ids["reflection"]
    assert post(member, f"/journal/reflections/{theirs}/delete", {}).status_code == 404


def test_own_questions_are_not_reflections_and_count_for_no_goal(member, app):
    post(member, "/journal/practice/questions", {"question": "Walk me through your CV."})
    assert question_rows(app) == [("Walk me through your CV.", None)]
    assert reflection_rows(app) == []
    assert not goal_done(member, REFLECT)
    assert page(member, "/journal/reflections").all("li", class_="entry") == []


def test_questions_are_listed_newest_first_and_can_be_removed(member, app):
    for question in ("First?", "Second?"):
        post(member, "/journal/practice/questions", {"question": question})
    items = page(member, "/journal/practice").one(id="questions").all("li")
    assert [item.one("p", class_="own-text").text() for item in items] == ["Second?", "First?"]
    remove = items[1].one("form").attrs["action"]
    answer = post(member, remove, {})
    assert (answer.status_code, answer.headers["Location"]) == (302, "/journal/practice#questions")
    assert question_rows(app) == [("Second?", None)]
    assert post(member, remove, {}).status_code == 404  # already gone


def test_removing_another_accounts_question_answers_404(member, app, stranger_ids):
    theirs = stranger_ids["question"]
    assert post(member, f"/journal/practice/questions/{theirs}/delete", {}).status_code == 404
    with app.app_context():
        assert db.session.get(PracticeQuestion, theirs) is not None
        db.session.remove()
