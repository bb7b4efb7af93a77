"""Interviews over the API (SPEC sections 4 and 6): scheduling, the listing's window, changes,
outcome and debrief, deletion, the account's cap, and every bad value of every input."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api.cases import case_id
from tests.api.expect import error, unchanged
from tests.api.refusals import each_bad_field
from tracker.core import limits

TODAY = "2026-03-18"
ACME = {"company": "Acme", "role": "Engineer"}
GOOD = {"starts_at": "2026-03-20T14:30", "kind": "video"}
FIELDS = [
    "id",
    "application_id",
    "starts_at",
    "duration_minutes",
    "kind",
    "location",
    "notes",
    "outcome",
    "debrief",
    "plan",
]
PLAN = "If my mind goes blank, then I will say “Let me think for a moment” and breathe out."


def _application(api, **fields) -> int:
    answer = api.post("/applications", {**ACME, **fields})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def _schedule(api, application_id: int, **fields) -> dict:
    answer = api.post(f"/applications/{application_id}/interviews", {**GOOD, **fields})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def _stage(api, application_id: int) -> tuple[str, list]:
    found = next(a for a in api.get("/applications").get_json() if a["id"] == application_id)
    return found["stage"], found["history"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (GOOD, {"duration_minutes": 60, "location": "", "notes": ""}),
        (
            {
                "starts_at": "2026-03-18T09:05",
                "kind": "onsite",
                "duration_minutes": 600,
                "location": "  Berlin, Hall 2 ",
                "notes": "Ask about the team.",
            },
            {"duration_minutes": 600, "location": "Berlin, Hall 2", "notes": "Ask about the team."},
        ),
        ({**GOOD, "duration_minutes": 5, "location": "l" * 200}, {"duration_minutes": 5}),
        ({**GOOD, "starts_at": "2000-01-01T00:00"}, {}),
        ({**GOOD, "starts_at": "2029-03-18T23:59", "notes": "n" * 5000}, {}),
        ({**GOOD, "plan": f" {PLAN}\n"}, {"plan": PLAN}),
        ({**GOOD, "plan": "p" * limits.MAX_PLAN}, {}),
    ],
    ids=case_id,
)
def test_schedule_answers_201_as_written(api, conforms, body, expected):
    application = _application(api)
    answer = api.post(f"/applications/{application}/interviews", body)
    assert answer.status_code == 201, answer.get_json()
    interview = conforms(answer)
    assert list(interview) == FIELDS
    written = {"location": "", "notes": "", "plan": "", **body, **expected}
    assert interview == {
        "id": interview["id"],
        "application_id": application,
        "duration_minutes": 60,
        **written,
        "outcome": None,
        "debrief": "",
        "plan": written["plan"],
    }
    assert api.patch(f"/interviews/{interview['id']}", {}).get_json() == interview


@pytest.mark.parametrize("stage", ["saved", "applied", "screen"])
def test_scheduling_moves_the_application_to_interview_today(api, stage):
    application = _application(api, stage=stage, date="2026-03-10")
    _schedule(api, application, starts_at="2026-04-02T10:00")
    now_at, history = _stage(api, application)
    assert now_at == "interview"
    assert history[-1] == {"stage": "interview", "date": TODAY}


@pytest.mark.parametrize("stage", ["interview", "offer", "rejected", "withdrawn", "ghosted"])
def test_scheduling_leaves_later_stages_alone(api, stage):
    application = _application(api, stage=stage)
    before = _stage(api, application)
    _schedule(api, application)
    assert _stage(api, application) == before


def test_the_list_starts_today_by_default_in_start_order(api, conforms):
    application = _application(api)
    ids = {
        at: _schedule(api, application, starts_at=at)["id"]
        for at in ("2026-03-25T09:00", "2026-03-17T23:59", "2026-03-18T00:00", "2026-03-20T08:00")
    }
    listed = conforms(api.get("/interviews"))
    assert [i["starts_at"] for i in listed] == [
        "2026-03-18T00:00",
        "2026-03-20T08:00",
        "2026-03-25T09:00",
    ]
    window = api.get("/interviews?from=2026-03-17&to=2026-03-20").get_json()
    assert [i["id"] for i in window] == [
        ids["2026-03-17T23:59"],
        ids["2026-03-18T00:00"],
        ids["2026-03-20T08:00"],
    ]
    assert [i["id"] for i in api.get("/interviews?to=2026-03-17").get_json()] == [
        ids["2026-03-17T23:59"]
    ]
    assert len(api.get("/interviews?from=&to=").get_json()) == 3


def test_the_list_reaches_three_years_ahead(api):
    application = _application(api)
    far = _schedule(api, application, starts_at="2029-03-18T12:00")
    answer = api.get("/interviews?from=2026-03-19&to=2029-03-18")
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json() == [far]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-03-20&to=2026-03-19", "from"),
        ("from=1999-12-31", "from"),
        ("to=1999-12-31", "to"),
        ("from=2029-03-19", "from"),
        ("to=2029-03-19", "to"),
        ("from=2026-03-01&to=2029-03-02", "from"),
        ("from=2026-02-30", "from"),
        ("from=20260301", "from"),
        ("to=2026-W11-3", "to"),
        ("to=tomorrow", "to"),
        ("from=2026-03-18T00:00", "from"),
        ("from=0001-01-01", "from"),
        ("to=9999-12-31", "to"),
        ("from=9999-12-31&to=0001-01-01", "from"),
    ],
    ids=case_id,
)
def test_a_bad_range_answers_400_naming_it(api, query, field):
    error(api.get(f"/interviews?{query}"), 400, field)


BAD_STARTS = [
    "2026-03-20T14:30:00",
    "2026-03-20T14:30Z",
    "2026-03-20T14:30+01:00",
    "2026-03-20 14:30",
    "2026-03-20",
    "2026-02-30T10:00",
    "2026-03-20T24:00",
    "2026-03-20T9:00",
    "20260320T1430",
    "",
    "1999-12-31T23:59",
    "2029-03-19T00:00",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    20260320,
    None,
    True,
    ["2026-03-20T14:30"],
]
BAD_FIELDS = [
    *[({"starts_at": value}, "starts_at") for value in BAD_STARTS],
    *[
        ({"duration_minutes": value}, "duration_minutes")
        for value in [4, 601, 0, -60, "60", 60.5, None, True]
    ],
    *[({"kind": value}, "kind") for value in ["Video", "lunch", "", None, 5, ["video"]]],
    *[({"location": value}, "location") for value in ["l" * 201, 5, None, "a\x00b"]],
    *[({"notes": value}, "notes") for value in ["n" * 5001, 5, None, "a\x00b"]],
    *[({"plan": value}, "plan") for value in ["p" * 501, 5, None, "a\x00b", ["x"]]],
    ({"outcome": "went_well"}, "outcome"),
    ({"debrief": "Fine."}, "debrief"),
    ({"when": "soon"}, "when"),
]


@each_bad_field(BAD_FIELDS)
def test_a_bad_schedule_answers_400_naming_the_field(api, change, field):
    application = _application(api)
    with unchanged(api):
        error(api.post(f"/applications/{application}/interviews", {**GOOD, **change}), 400, field)


@pytest.mark.parametrize("missing", ["starts_at", "kind"])
def test_schedule_needs_a_start_and_a_kind(api, missing):
    application = _application(api)
    body = {name: value for name, value in GOOD.items() if name != missing}
    with unchanged(api):
        error(api.post(f"/applications/{application}/interviews", body), 400, missing)


@pytest.mark.parametrize("body", ["not json", "[]", "null", '"x"', "{"], ids=case_id)
def test_a_body_that_is_not_an_object_answers_400(api, body):
    application = _application(api)
    path = f"/applications/{application}/interviews"
    with unchanged(api):
        answer = api.post(path, data=body, content_type="application/json")
        error(answer, 400)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, {}),
        ({"starts_at": "2026-03-21T08:15"}, {"starts_at": "2026-03-21T08:15"}),
        ({"duration_minutes": 90, "kind": "panel"}, {"duration_minutes": 90, "kind": "panel"}),
        ({"location": " Zoom ", "notes": ""}, {"location": "Zoom", "notes": ""}),
        (
            {"outcome": "went_badly", "debrief": "Froze."},
            {"outcome": "went_badly", "debrief": "Froze."},
        ),
        ({"outcome": "unsure"}, {"outcome": "unsure"}),
        ({"plan": PLAN}, {"plan": PLAN}),
        ({"plan": "  "}, {"plan": ""}),
    ],
    ids=case_id,
)
def test_patch_changes_only_the_fields_sent(api, conforms, change, expected):
    application = _application(api)
    created = _schedule(api, application, notes="Prepare.", location="Office")
    answer = api.patch(f"/interviews/{created['id']}", change)
    assert answer.status_code == 200, answer.get_json()
    assert conforms(answer) == {**created, **expected}
    assert api.get("/interviews?from=2026-03-01").get_json() == [{**created, **expected}]


def test_outcome_null_clears_it(api):
    created = _schedule(api, _application(api))
    api.patch(f"/interviews/{created['id']}", {"outcome": "went_well"})
    answer = api.patch(f"/interviews/{created['id']}", {"outcome": None})
    assert answer.get_json()["outcome"] is None


BAD_CHANGES = [
    *[c for c in BAD_FIELDS if c[1] not in ("outcome", "debrief")],
    *[({"outcome": value}, "outcome") for value in ["good", "", 1, "Went_well", ["unsure"]]],
    *[({"debrief": value}, "debrief") for value in ["d" * 5001, None, 5, "a\x00b"]],
    ({"application_id": 1}, "application_id"),
    ({"id": 1}, "id"),
]


@each_bad_field(BAD_CHANGES)
def test_a_bad_change_answers_400_naming_the_field(api, change, field):
    created = _schedule(api, _application(api))
    with unchanged(api):
        error(api.patch(f"/interviews/{created['id']}", change), 400, field)


def test_delete_answers_204_then_404(api):
    application = _application(api)
    kept = _schedule(api, application)
    gone = _schedule(api, application, starts_at="2026-03-21T10:00")
    answer = api.delete(f"/interviews/{gone['id']}")
    assert answer.status_code == 204
    assert answer.get_data() == b""
    assert api.get("/interviews").get_json() == [kept]
    error(api.delete(f"/interviews/{gone['id']}"), 404, code="not_found")
    error(api.patch(f"/interviews/{gone['id']}", {}), 404, code="not_found")


def test_deleting_the_application_takes_its_interviews(api):
    application = _application(api)
    _schedule(api, application)
    assert api.delete(f"/applications/{application}").status_code == 204
    assert api.get("/interviews").get_json() == []


@pytest.mark.parametrize("application_id", [999_999, 0, 2**31, 10**30])
def test_an_unknown_application_answers_404(api, application_id):
    with unchanged(api):
        answer = api.post(f"/applications/{application_id}/interviews", GOOD)
        error(answer, 404, code="not_found")


def test_another_users_application_and_interview_answer_404(api, other_api):
    theirs = _application(other_api)
    their_interview = _schedule(other_api, theirs)
    with unchanged(api, other_api):
        error(api.post(f"/applications/{theirs}/interviews", GOOD), 404, code="not_found")
        error(api.post(f"/applications/{theirs}/interviews", {}), 404, code="not_found")
        answer = api.post(
            f"/applications/{theirs}/interviews", data="{", content_type="application/json"
        )
        error(answer, 404, code="not_found")
        error(api.patch(f"/interviews/{their_interview['id']}", {"notes": "x"}), 404)
        error(api.delete(f"/interviews/{their_interview['id']}"), 404)
    assert api.get("/interviews?from=2026-01-01").get_json() == []


def test_the_cap_answers_422_naming_it(api, monkeypatch):
    application = _application(api)
    monkeypatch.setattr(limits, "MAX_RECORDS", 1)
    _schedule(api, application)
    with unchanged(api):
        err = error(api.post(f"/applications/{application}/interviews", GOOD), 422)
    assert err["message"] == "An account holds at most 1 interviews."
    assert err["code"] == "limit_reached"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/applications/1/interviews"),
        ("GET", "/interviews"),
        ("PATCH", "/interviews/1"),
        ("DELETE", "/interviews/1"),
    ],
)
def test_every_operation_needs_credentials(client, method, path):
    answer = client.open("/api/v1" + path, method=method, json=GOOD)
    error(answer, 401)


def test_the_default_list_starts_on_the_callers_local_today(app, now):
    # 12:00 UTC on 18 March is already 02:00 on 19 March in Kiritimati (UTC+14).
    kiritimati = factories.api_client(app, "kiritimati@example.com", "Pacific/Kiritimati")
    application = _application(kiritimati)
    _schedule(kiritimati, application, starts_at="2026-03-18T23:00")
    tomorrow = _schedule(kiritimati, application, starts_at="2026-03-19T00:30")
    assert kiritimati.get("/interviews").get_json() == [tomorrow]
    far = kiritimati.post(
        f"/applications/{application}/interviews", {**GOOD, "starts_at": "2029-03-19T10:00"}
    )
    assert far.status_code == 201, "three years from the local today (19 March 2026)"


# The plan in an export and an import (docs/export.md): an older file without it still reads.

OLD_EXPORT = {
    "format": "bring-it-on",
    "version": 1,
    "applications": [
        {"id": 1, "company": "Acme", "role": "Dev", "date": "2026-03-01", "stage": "interview"}
    ],
    "interviews": [{"application_id": 1, "starts_at": "2026-03-20T14:30", "kind": "video"}],
}


def test_an_export_without_plans_imports_with_empty_ones(api):
    assert api.post("/import", OLD_EXPORT).status_code == 200
    [interview] = api.get("/interviews?from=2026-03-01").get_json()
    assert interview["plan"] == ""


def test_a_plan_imports_and_a_too_long_one_is_refused_naming_it(api):
    talk = {**OLD_EXPORT["interviews"][0], "plan": "p" * 501}
    with unchanged(api):
        error(api.post("/import", {**OLD_EXPORT, "interviews": [talk]}), 400, "interviews.0.plan")
    talk["plan"] = PLAN
    assert api.post("/import", {**OLD_EXPORT, "interviews": [talk]}).status_code == 200
    [interview] = api.get("/interviews?from=2026-03-01").get_json()
    assert interview["plan"] == PLAN
