"""Reflections: write, search, delete, the debrief of a rejection, the reflect goal, badges,
and every bad value."""

from __future__ import annotations

import pytest

from tests.api.cases import BAD_BODY_DATES, REFUSED_DATES, case_id
from tests.api.expect import error, goal_entries, removes_only_it, unchanged
from tests.api.refusals import bad_text, each_bad_field, refused
from tracker.core.prompts import DEBRIEF, DEBRIEF_MORE, DEBRIEF_THEMES, GUIDED

TODAY = "2026-03-18"
YESTERDAY = "2026-03-17"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"date": TODAY, "text": "I was scared."}, {"prompt": None}),
        ({"date": TODAY, "text": "x", "prompt": ""}, {"prompt": None}),
        (
            {"date": YESTERDAY, "text": "  Line one\n\nLine two  ", "prompt": "What scares you?"},
            {"prompt": "What scares you?"},
        ),
        ({"date": "2000-01-01", "text": "t" * 10000, "prompt": "p" * 500}, {"prompt": "p" * 500}),
        ({"date": TODAY, "text": "Ça ira. 🙂", "rejection_id": None}, {"prompt": None}),
    ],
    ids=case_id,
)
def test_write_reflection_answers_201_with_it(api, conforms, body, expected):
    answer = api.post("/reflections", body)
    assert answer.status_code == 201, answer.get_json()
    reflection = conforms(answer)
    assert list(reflection) == ["id", "date", "text", "prompt", "rejection_id"]
    assert reflection == {
        "id": reflection["id"],
        "date": body["date"],
        "text": body["text"],
        "rejection_id": None,
        **expected,
    }
    assert api.get("/reflections").get_json() == [reflection]


def test_a_reflection_can_debrief_my_rejection(api, conforms):
    rejection = api.post("/rejections", {"date": YESTERDAY, "company": "Acme"}).get_json()
    body = {"date": TODAY, "text": "It stung.", "prompt": DEBRIEF[0].text}
    answer = api.post("/reflections", {**body, "rejection_id": rejection["id"]})
    assert answer.status_code == 201
    assert conforms(answer)["rejection_id"] == rejection["id"]


def test_deleting_the_rejection_keeps_its_debrief(api):
    rejection = api.post("/rejections", {"date": YESTERDAY}).get_json()
    written = api.post(
        "/reflections", {"date": TODAY, "text": "Onwards.", "rejection_id": rejection["id"]}
    ).get_json()
    api.delete(f"/rejections/{rejection['id']}")
    assert api.get("/reflections").get_json() == [{**written, "rejection_id": None}]


@pytest.mark.parametrize("rejection_id", [31337, 2**31 - 1])
def test_an_unknown_rejection_id_is_404(api, rejection_id):
    with unchanged(api):
        body = {"date": TODAY, "text": "x", "rejection_id": rejection_id}
        error(api.post("/reflections", body), 404, "rejection_id", code="not_found")


def test_another_users_rejection_id_is_404_and_changes_nothing(api, other_api):
    theirs = other_api.post("/rejections", {"date": TODAY, "company": "Secret Corp"}).get_json()
    with unchanged(api, other_api):
        body = {"date": TODAY, "text": "x", "rejection_id": theirs["id"]}
        err = error(api.post("/reflections", body), 404, "rejection_id", code="not_found")
    assert "Secret" not in str(err)


def test_list_reflections_newest_first(api, conforms):
    for day in ("2026-03-10", YESTERDAY, "2026-03-15", YESTERDAY):
        api.post("/reflections", {"date": day, "text": day})
    rows = conforms(api.get("/reflections"))
    assert [r["date"] for r in rows] == [YESTERDAY, YESTERDAY, "2026-03-15", "2026-03-10"]
    assert rows[0]["id"] > rows[1]["id"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("", ["fear", "prompted", "umlaut", "plain"]),
        ("   ", ["fear", "prompted", "umlaut", "plain"]),
        ("FEAR", ["fear", "prompted"]),
        ("afraid", ["fear"]),
        ("next step", ["prompted"]),
        ("ÄRGER", ["umlaut"]),
        ("ärger", ["umlaut"]),
        ("%", ["plain"]),
        ("_", []),
        ("nothing like this", []),
    ],
)
def test_search_finds_text_and_prompt_ignoring_case(api, conforms, query, found):
    written = {
        "plain": {"date": "2026-03-10", "text": "100% sure now."},
        "umlaut": {"date": "2026-03-11", "text": "So viel Ärger heute."},
        "prompted": {"date": "2026-03-12", "text": "Call them.", "prompt": "Fear? The Next Step?"},
        "fear": {"date": "2026-03-13", "text": "My fear: I am afraid of silence."},
    }
    ids = {api.post("/reflections", body).get_json()["id"]: name for name, body in written.items()}
    answer = api.get("/reflections", query_string={"q": query})
    assert answer.status_code == 200
    assert [ids[r["id"]] for r in conforms(answer)] == found


def test_search_refuses_a_very_long_query(api):
    error(api.get("/reflections", query_string={"q": "x" * 201}), 400, "q")


def test_delete_reflection_answers_204_and_removes_only_it(api):
    keep = {"date": YESTERDAY, "text": "keep"}
    removes_only_it(api, "/reflections", keep, {"date": TODAY, "text": "drop"})


@pytest.mark.parametrize("item_id", [0, 31337, 2**31, 2**63, 10**30])
def test_unknown_reflection_is_404(api, item_id):
    with unchanged(api):
        error(api.delete(f"/reflections/{item_id}"), 404, code="not_found")


def test_another_users_reflection_is_404_and_stays(api, other_api):
    theirs = other_api.post("/reflections", {"date": TODAY, "text": "private"}).get_json()
    with unchanged(api, other_api):
        err = error(api.delete(f"/reflections/{theirs['id']}"), 404, code="not_found")
    assert "private" not in str(err)
    assert other_api.get("/reflections").get_json() == [theirs]
    assert api.get("/reflections").get_json() == []
    assert api.get("/reflections?q=private").get_json() == []


def test_reflections_raise_the_reflect_goal_and_never_lower_it(api):
    goal = api.goal_ids()["reflect"]
    api.put(f"/goals/{goal}/entries/{YESTERDAY}", {"value": 3, "note": "Long walk"})
    for day in (TODAY, TODAY, YESTERDAY):
        api.post("/reflections", {"date": day, "text": "Noted."})
    written = api.get("/reflections").get_json()
    api.delete(f"/reflections/{written[0]['id']}")
    entries = goal_entries(api, "reflect")
    assert {day: (e["value"], e["note"], e["done"]) for day, e in entries.items()} == {
        YESTERDAY: (3, "Long walk", True),
        TODAY: (2, "", True),
    }


def test_reflections_earn_their_badge_on_the_seventh(api):
    for day in range(1, 9):
        api.post("/reflections", {"date": f"2026-03-{day:02d}", "text": "Day done."})
    badges = [b for b in api.get("/streaks").get_json()["badges"] if b["kind"] == "reflections"]
    assert badges == [
        {
            "kind": "reflections",
            "threshold": 7,
            "title": "A week of honest looks",
            "earned_on": "2026-03-07",
        }
    ]


BAD_REFLECTIONS = [
    *[({"date": day}, "date") for day in [*BAD_BODY_DATES, *REFUSED_DATES]],
    *bad_text("text", 10000),
    ({"text": " \n\t "}, "text"),
    ({"text": ["a"]}, "text"),
    ({"prompt": "p" * 501}, "prompt"),
    ({"prompt": 1}, "prompt"),
    ({"prompt": "\x00"}, "prompt"),
    ({"rejection_id": "1"}, "rejection_id"),
    ({"rejection_id": True}, "rejection_id"),
    ({"rejection_id": 1.5}, "rejection_id"),
    ({"rejection_id": 0}, "rejection_id"),
    ({"rejection_id": -1}, "rejection_id"),
    ({"rejection_id": 2**31}, "rejection_id"),
    ({"rejection_id": 10**30}, "rejection_id"),
    ({"theme": "fear"}, "theme"),
    ({"id": 1}, "id"),
]


@each_bad_field(BAD_REFLECTIONS)
def test_write_reflection_refuses_bad_field(api, change, field):
    api.post("/reflections", {"date": "2026-03-01", "text": "Existing"})
    refused(api, "/reflections", {"date": TODAY, "text": "x"}, change, field)


@pytest.mark.parametrize(
    ("body", "missing"),
    [({"date": TODAY}, ["text"]), ({"text": "x"}, ["date"]), ({}, ["date", "text"])],
)
def test_write_reflection_refuses_missing_fields(api, body, missing):
    with unchanged(api):
        error(api.post("/reflections", body), 400, *missing)


# --- prompts -----------------------------------------------------------------------------


def _shown(prompts) -> list[dict]:
    return [{"id": p.id, "theme": p.theme, "text": p.text, "hint": p.hint} for p in prompts]


def test_prompts_are_the_guided_set(api, conforms):
    prompts = conforms(api.get("/reflections/prompts"))
    assert prompts == _shown(GUIDED)
    assert {p["theme"] for p in prompts} == set(DEBRIEF_THEMES)  # the six, pinned in tests/core


def test_after_a_rejection_the_debrief_walks_the_six_themes_first(api, conforms):
    rejection = api.post("/rejections", {"date": TODAY}).get_json()
    prompts = conforms(api.get(f"/reflections/prompts?rejection_id={rejection['id']}"))
    assert prompts == _shown((*DEBRIEF, *DEBRIEF_MORE))
    assert [p["theme"] for p in prompts[:6]] == list(DEBRIEF_THEMES)
    assert all(p["hint"] for p in prompts[:6])
    assert {p["theme"] for p in prompts[6:]} == {"debrief"}


@pytest.mark.parametrize("value", ["x", "-1", "1.5", "1e3", "\N{ARABIC-INDIC DIGIT ONE}", "9" * 41])
def test_prompts_refuse_a_malformed_rejection_id(api, value):
    error(api.get("/reflections/prompts", query_string={"rejection_id": value}), 400)


def test_prompts_for_another_users_rejection_are_404(api, other_api):
    theirs = other_api.post("/rejections", {"date": TODAY}).get_json()
    for value in (theirs["id"], 31337, 2**40):
        answer = api.get(f"/reflections/prompts?rejection_id={value}")
        error(answer, 404, "rejection_id", code="not_found")
