"""Dates at the ends of Python's calendar (0001-01-01, 9999-12-31) and just outside the
product's (1999-12-31, tomorrow) are refused with a 400 naming the field, wherever a date
is taken: never an OverflowError (a 500), and nothing is stored."""

from __future__ import annotations

import pytest

from tests.api.expect import error, unchanged

EDGES = ["0001-01-01", "1999-12-31", "2026-03-19", "9999-12-31"]


def _application(api) -> int:
    return api.post("/applications", {"company": "Acme", "role": "Dev"}).get_json()["id"]


OPERATIONS = dict(
    zip(
        [
            "put-entry",
            "delete-entry",
            "rejection",
            "break",
            "application",
            "application-date",
            "stage-date",
            "practice",
            "reflection",
        ],
        [
            ("PUT", "/goals/{goal}/entries/{day}", {"value": 1}, "date"),
            ("DELETE", "/goals/{goal}/entries/{day}", None, "date"),
            ("POST", "/rejections", {"date": "{day}"}, "date"),
            ("POST", "/breaks", {"start": "{day}", "end": "{day}"}, None),
            ("POST", "/applications", {"company": "A", "role": "B", "date": "{day}"}, "date"),
            ("PATCH", "/applications/{application}", {"date": "{day}"}, "date"),
            (
                "PATCH",
                "/applications/{application}",
                {"stage": "screen", "stage_date": "{day}"},
                None,
            ),
            ("POST", "/practice", {"date": "{day}", "rating": 3}, "date"),
            ("POST", "/reflections", {"date": "{day}", "text": "x"}, "date"),
        ],
        strict=True,
    )
)
# Every operation with every edge; a break may be planned ahead (SPEC 2), so not tomorrow on.
CASES = [
    pytest.param(*OPERATIONS[name], day, id=f"{day}-{name}")
    for day in EDGES
    for name in OPERATIONS
    if not (name == "break" and day > "2026-03-18")
]


@pytest.mark.parametrize(("method", "path", "body", "field", "day"), CASES)
def test_a_date_out_of_bounds_is_a_400(api, method, path, body, field, day):
    ids = {"goal": api.goal_ids()["apply"], "application": _application(api), "day": day}
    fill = {k: v.format(**ids) if isinstance(v, str) else v for k, v in (body or {}).items()}
    with unchanged(api):
        answer = api.call(method, path.format(**ids), fill or None)
    err = error(answer, 400)
    assert err.get("fields"), err
    if field is not None:
        assert field in err["fields"], err
    assert api.get("/calendar").status_code == 200


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("part", ["entries", "rejections", "reflections"])
def test_an_import_with_a_date_out_of_bounds_is_a_400_naming_the_record(api, part, day):
    document = api.get("/export").get_json()
    record = {"date": day, "text": "x", "prompt": None, "rejection_id": None}
    if part == "entries":
        document["goals"][0]["entries"] = [{"date": day, "value": 1, "skipped": False, "note": ""}]
    elif part == "rejections":
        document["rejections"] = [
            {"date": day, "company": "", "role": "", "stage": None, "note": ""}
        ]
    else:
        document["reflections"] = [record]
    with unchanged(api):
        err = error(api.post("/import", document), 400)
    assert any(name.endswith(".date") for name in err["fields"]), err
