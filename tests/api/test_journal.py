"""Rejections and breaks: create, list, delete, and every bad value."""

from __future__ import annotations

import pytest

from tests.api.cases import BAD_BODY_DATES, REFUSED_DATES
from tests.api.expect import error, removes_only_it, unchanged
from tests.api.refusals import each_bad_field, refused

TODAY = "2026-03-18"
STAGES = ["application", "screen", "interview", "final", "offer"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"date": TODAY}, {"company": "", "role": "", "stage": None, "note": ""}),
        (
            {"date": "2026-03-01", "stage": None},
            {"company": "", "role": "", "stage": None, "note": ""},
        ),
        (
            {"date": TODAY, "company": "  Acme  ", "role": "Engineer", "note": "Ouch."},
            {"company": "Acme", "role": "Engineer", "stage": None, "note": "Ouch."},
        ),
        (
            {"date": TODAY, "company": "c" * 120, "role": "r" * 120, "note": "n" * 2000},
            {"company": "c" * 120, "role": "r" * 120, "stage": None, "note": "n" * 2000},
        ),
        *[
            (
                {"date": TODAY, "stage": stage},
                {"company": "", "role": "", "stage": stage, "note": ""},
            )
            for stage in STAGES
        ],
    ],
)
def test_log_rejection_answers_201_with_the_rejection(api, conforms, body, expected):
    answer = api.post("/rejections", body)
    assert answer.status_code == 201
    rejection = conforms(answer)
    assert rejection == {
        "id": rejection["id"],
        "date": body["date"],
        **expected,
        "application_id": None,
    }
    assert api.get("/rejections").get_json() == [rejection]


def test_list_rejections_newest_first(api, conforms):
    for day in ("2026-03-10", "2026-03-17", "2026-03-15", "2026-03-17"):
        api.post("/rejections", {"date": day, "company": day})
    rows = conforms(api.get("/rejections"))
    assert [r["date"] for r in rows] == ["2026-03-17", "2026-03-17", "2026-03-15", "2026-03-10"]
    assert rows[0]["id"] > rows[1]["id"], "same date: the one logged last comes first"


def test_delete_rejection_answers_204_and_removes_only_it(api):
    removes_only_it(api, "/rejections", {"date": "2026-03-17"}, {"date": TODAY})


BAD_REJECTIONS = [
    *[({"date": day}, "date") for day in [*BAD_BODY_DATES, *REFUSED_DATES]],
    ({"stage": "rejected"}, "stage"),
    ({"stage": "Offer"}, "stage"),
    ({"stage": ""}, "stage"),
    ({"stage": 1}, "stage"),
    ({"company": "c" * 121}, "company"),
    ({"company": 5}, "company"),
    ({"company": None}, "company"),
    ({"company": "a\x00b"}, "company"),
    ({"role": "r" * 121}, "role"),
    ({"role": ["dev"]}, "role"),
    ({"note": "n" * 2001}, "note"),
    ({"note": False}, "note"),
    ({"note": "\x00"}, "note"),
    ({"application_id": 0}, "application_id"),
    ({"application_id": "1"}, "application_id"),
    ({"application_id": 2**31}, "application_id"),
    ({"id": 7}, "id"),
]


@each_bad_field(BAD_REJECTIONS)
def test_log_rejection_refuses_bad_field(api, change, field):
    api.post("/rejections", {"date": "2026-03-01", "company": "Existing"})
    refused(api, "/rejections", {"date": TODAY}, change, field)


def test_log_rejection_refuses_missing_date(api):
    with unchanged(api):
        error(api.post("/rejections", {"company": "Acme"}), 400, "date")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"start": TODAY, "end": TODAY}, {"note": ""}),
        ({"start": "2026-03-20", "end": "2026-03-27", "note": "Holiday"}, {"note": "Holiday"}),
        ({"start": "2026-03-01", "end": "2026-03-05", "note": "n" * 200}, {"note": "n" * 200}),
        ({"start": "2025-12-24", "end": "2026-01-02"}, {"note": ""}),
    ],
)
def test_add_break_answers_201_with_the_break(api, conforms, body, expected):
    answer = api.post("/breaks", body)
    assert answer.status_code == 201
    pause = conforms(answer)
    assert pause == {"id": pause["id"], "start": body["start"], "end": body["end"], **expected}
    assert api.get("/breaks").get_json() == [pause]


def test_a_break_may_last_a_whole_year(api):
    answer = api.post("/breaks", {"start": "2026-03-18", "end": "2027-03-18"})
    assert answer.status_code == 201


def test_list_breaks_by_start(api, conforms):
    for start in ("2026-04-01", "2026-01-01", "2026-03-01"):
        api.post("/breaks", {"start": start, "end": start})
    assert [b["start"] for b in conforms(api.get("/breaks"))] == [
        "2026-01-01",
        "2026-03-01",
        "2026-04-01",
    ]


def test_delete_break_answers_204_and_removes_only_it(api):
    keep = {"start": "2026-03-01", "end": "2026-03-02"}
    removes_only_it(api, "/breaks", keep, {"start": "2026-03-10", "end": "2026-03-12"})


BAD_BREAKS = [
    *[({"start": day}, "start") for day in BAD_BODY_DATES],
    *[({"end": day}, "end") for day in BAD_BODY_DATES],
    ({"start": "2026-03-18", "end": "2026-03-17"}, "end"),
    ({"start": "2026-04-01", "end": "2026-03-01"}, "end"),
    ({"start": "1999-12-31", "end": "2000-01-02"}, "start"),
    ({"start": "2026-03-18", "end": "2027-03-19"}, "end"),
    ({"start": "2026-03-18", "end": "9999-12-31"}, "end"),
    ({"note": "n" * 201}, "note"),
    ({"note": 3}, "note"),
    ({"note": "a\x00b"}, "note"),
    ({"reason": "holiday"}, "reason"),
]


@each_bad_field(BAD_BREAKS)
def test_add_break_refuses_bad_field(api, change, field):
    api.post("/breaks", {"start": "2026-03-01", "end": "2026-03-02", "note": "Existing"})
    refused(api, "/breaks", {"start": TODAY, "end": "2026-03-20"}, change, field)


@pytest.mark.parametrize(
    ("body", "missing"),
    [({"start": TODAY}, ["end"]), ({"end": TODAY}, ["start"]), ({}, ["start", "end"])],
)
def test_add_break_refuses_missing_dates(api, body, missing):
    with unchanged(api):
        error(api.post("/breaks", body), 400, *missing)


@pytest.mark.parametrize("path", ["/rejections/{id}", "/breaks/{id}"])
@pytest.mark.parametrize("item_id", [0, 31337, 2**31, 2**63, 10**30])
def test_unknown_rejection_or_break_is_404(api, path, item_id):
    with unchanged(api):
        error(api.delete(path.format(id=item_id)), 404, code="not_found")
