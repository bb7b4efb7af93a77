"""Your own practice questions: add (from a debrief or not), list, remove; never a reflection,
never another user's; and every bad value refused with nothing saved."""

from __future__ import annotations

import pytest

from tests.api.cases import case_id
from tests.api.expect import error, removes_only_it, unchanged
from tests.factories import sign_up_page

TODAY = "2026-03-18"


@pytest.mark.parametrize(
    ("body", "stored"),
    [
        ({"text": "Why should we hire you?"}, "Why should we hire you?"),
        ({"text": "  Tell me about a failure.\n"}, "Tell me about a failure."),
        (
            {"text": "Looking away when I answer", "rejection_id": None},
            "Looking away when I answer",
        ),
        ({"text": "q" * 500}, "q" * 500),
        ({"text": " " + "q" * 500 + " "}, "q" * 500),  # trimmed first, then measured
        ({"text": "Warum diese Lücke? 🙂"}, "Warum diese Lücke? 🙂"),
    ],
    ids=case_id,
)
def test_add_a_question_answers_201_with_it(api, conforms, body, stored):
    answer = api.post("/practice/questions", body)
    assert answer.status_code == 201, answer.get_json()
    question = conforms(answer)
    assert list(question) == ["id", "text", "rejection_id"]
    assert question == {"id": question["id"], "text": stored, "rejection_id": None}
    assert api.get("/practice/questions").get_json() == [question]


def test_a_question_from_a_debrief_names_its_rejection(api, conforms):
    rejection = api.post("/rejections", {"date": TODAY, "company": "Initech"}).get_json()
    body = {"text": "Why this company?", "rejection_id": rejection["id"]}
    question = conforms(api.post("/practice/questions", body))
    assert question["rejection_id"] == rejection["id"]
    # Deleting the rejection keeps the question, no longer linked.
    assert api.delete(f"/rejections/{rejection['id']}").status_code == 204
    (kept,) = api.get("/practice/questions").get_json()
    assert kept == {**question, "rejection_id": None}


def test_questions_are_listed_the_one_added_last_first(api, conforms):
    made = [
        api.post("/practice/questions", {"text": f"Question {n}?"}).get_json() for n in range(3)
    ]
    listed = conforms(api.get("/practice/questions"))
    assert listed == list(reversed(made))


def test_the_same_text_twice_is_kept_once(api):
    first = api.post("/practice/questions", {"text": "Why us?"}).get_json()
    again = api.post("/practice/questions", {"text": "  Why us?  "})
    assert again.status_code == 201
    assert again.get_json() == first
    assert api.get("/practice/questions").get_json() == [first]


def test_a_question_is_not_a_reflection_and_counts_for_no_goal(api):
    rejection = api.post("/rejections", {"date": TODAY}).get_json()
    api.post("/practice/questions", {"text": "Why?", "rejection_id": rejection["id"]})
    assert api.get("/reflections").get_json() == []
    reflect = api.goal_ids()["reflect"]
    assert api.get(f"/goals/{reflect}/entries").get_json() == []
    counters = api.get("/insights").get_json()["counters"]
    assert counters["reflections"] == 0 and counters["practice_sessions"] == 0
    assert not [b for b in api.get("/streaks").get_json()["badges"] if b["kind"] == "reflections"]
    assert api.get("/streaks").get_json()["day"]["comebacks"] == 0


def test_remove_a_question_answers_204_and_it_is_gone(api):
    removes_only_it(api, "/practice/questions", {"text": "Keep me?"}, {"text": "Remove me?"})


def test_a_user_sees_only_their_own_questions(api, other_api):
    theirs = other_api.post("/practice/questions", {"text": "Their question?"}).get_json()
    assert api.get("/practice/questions").get_json() == []
    with unchanged(api, other_api):
        error(api.delete(f"/practice/questions/{theirs['id']}"), 404, code="not_found")
    assert other_api.get("/practice/questions").get_json() == [theirs]


def test_linking_another_users_or_a_missing_rejection_is_404(api, other_api):
    theirs = other_api.post("/rejections", {"date": TODAY}).get_json()
    for rejection_id in (theirs["id"], 999_999):
        with unchanged(api, other_api):
            answer = api.post("/practice/questions", {"text": "Q?", "rejection_id": rejection_id})
            error(answer, 404, "rejection_id", code="not_found")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "   \n"}, "text"),
        ({"text": "q" * 501}, "text"),
        ({"text": "a\x00b"}, "text"),
        ({"text": None}, "text"),
        ({"text": 42}, "text"),
        ({"text": ["Why?"]}, "text"),
        ({"text": "Why?", "rejection_id": 0}, "rejection_id"),
        ({"text": "Why?", "rejection_id": -1}, "rejection_id"),
        ({"text": "Why?", "rejection_id": 2**31}, "rejection_id"),
        ({"text": "Why?", "rejection_id": "1"}, "rejection_id"),
        ({"text": "Why?", "rejection_id": 1.5}, "rejection_id"),
        ({"text": "Why?", "date": TODAY}, "date"),
        ({"text": "Why?", "kind": "habit"}, "kind"),
    ],
    ids=case_id,
)
def test_a_bad_question_is_400_naming_the_field_and_nothing_is_saved(api, body, field):
    with unchanged(api):
        error(api.post("/practice/questions", body), 400, field, code="invalid")
    assert api.get("/practice/questions").get_json() == []


@pytest.mark.parametrize("raw", [b"{", b"[]", b'"Why?"', b"null"])
def test_a_body_that_is_not_an_object_is_400(api, raw):
    with unchanged(api):
        error(
            api.client.post(
                "/api/v1/practice/questions",
                data=raw,
                content_type="application/json",
                headers={"Authorization": f"Bearer {api.token}"},
            ),
            400,
        )


@pytest.mark.parametrize("question_id", ["0", "abc", "99999999999"])
def test_a_malformed_or_huge_id_in_the_path_is_404(api, question_id):
    assert api.delete(f"/practice/questions/{question_id}").status_code == 404


def test_questions_need_credentials_and_csrf_with_a_session(client):
    error(client.get("/api/v1/practice/questions"), 401)
    error(client.post("/api/v1/practice/questions", json={"text": "Why?"}), 401)
    error(client.delete("/api/v1/practice/questions/1"), 401)
    sign_up_page(client, "page@example.com")
    assert client.get("/api/v1/practice/questions").status_code == 200
    error(client.post("/api/v1/practice/questions", json={"text": "Why?"}), 403)
    assert client.get("/api/v1/practice/questions").get_json() == []
