"""Applications: the pipeline, its history, the rejection a "no" logs, the apply goal, and
every bad value."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests import factories
from tests.api.cases import BAD_BODY_DATES, REFUSED_DATES, case_id
from tests.api.expect import error, goal_entries, unchanged
from tests.api.refusals import bad_text, each_bad_field, refused

TODAY = "2026-03-18"
YESTERDAY = "2026-03-17"
STAGES = ["saved", "applied", "screen", "interview", "offer", "rejected", "withdrawn", "ghosted"]
ACME = {"company": "Acme", "role": "Engineer"}
# What an answer holds for the fields a body left out.
BLANK = {"notes": "", "contact": "", "location": ""}
KEYS = [
    "id",
    "company",
    "role",
    "link",
    "date",
    "stage",
    "notes",
    "contact",
    "location",
    "history",
    "interviews",
]


def _at(now, day: str) -> None:
    """Set the clock to early afternoon (Berlin) of `day`."""
    now.value = datetime.fromisoformat(f"{day}T12:00:00").replace(tzinfo=UTC)


@pytest.fixture
def veteran(app, now):
    """An API client whose account (and goals) began on 1 March: dates since then count."""
    start = now.value
    _at(now, "2026-03-01")
    client = factories.api_client(app, "veteran@example.com")
    now.value = start
    return client


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            ACME,
            {**ACME, "link": None, "date": TODAY, "stage": "applied"},
        ),
        (
            {**ACME, "link": None, "date": None},
            {**ACME, "link": None, "date": TODAY, "stage": "applied"},
        ),
        (
            {
                "company": "  Acme  ",
                "role": " Engineer\n",
                "link": " https://jobs.example.com/42?ref=x#top ",
                "date": "2026-03-01",
                "stage": "interview",
            },
            {
                **ACME,
                "link": "https://jobs.example.com/42?ref=x#top",
                "date": "2026-03-01",
                "stage": "interview",
            },
        ),
        (
            {"company": "c" * 120, "role": "r" * 120, "link": "http://a.example/" + "p" * 1983},
            {
                "company": "c" * 120,
                "role": "r" * 120,
                "link": "http://a.example/" + "p" * 1983,
                "date": TODAY,
                "stage": "applied",
            },
        ),
        (
            {**ACME, "link": "HTTPS://Example.COM:8443/jobs", "date": "2000-01-01"},
            {
                **ACME,
                "link": "HTTPS://Example.COM:8443/jobs",
                "date": "2000-01-01",
                "stage": "applied",
            },
        ),
        *[
            ({**ACME, "stage": stage}, {**ACME, "link": None, "date": TODAY, "stage": stage})
            for stage in STAGES
        ],
    ],
    ids=case_id,
)
def test_log_application_answers_201_with_its_history(api, conforms, body, expected):
    answer = api.post("/applications", body)
    assert answer.status_code == 201, answer.get_json()
    application = conforms(answer)
    assert list(application) == KEYS
    assert application == {
        "id": application["id"],
        **BLANK,
        **expected,
        "history": [{"stage": expected["stage"], "date": expected["date"]}],
        "interviews": [],
    }
    assert api.get("/applications").get_json() == [application]


def test_list_applications_newest_first(api, conforms):
    for day in ("2026-03-10", YESTERDAY, "2026-03-15", YESTERDAY):
        api.post("/applications", {**ACME, "date": day})
    rows = conforms(api.get("/applications"))
    assert [r["date"] for r in rows] == [YESTERDAY, YESTERDAY, "2026-03-15", "2026-03-10"]
    assert rows[0]["id"] > rows[1]["id"], "same date: the one logged last comes first"


def test_list_applications_filters_by_current_stage(api, conforms):
    ids = {
        stage: api.post("/applications", {**ACME, "stage": stage}).get_json()["id"]
        for stage in ("applied", "screen", "interview")
    }
    api.patch(f"/applications/{ids['applied']}", {"stage": "interview"})
    rows = conforms(api.get("/applications?stage=interview"))
    assert [r["id"] for r in rows] == [ids["interview"], ids["applied"]]
    assert api.get("/applications?stage=offer").get_json() == []
    assert len(api.get("/applications?stage=").get_json()) == 3


@pytest.mark.parametrize("stage", ["Applied", "rejection", "nope", "applied,screen", "%00"])
def test_list_applications_refuses_an_unknown_stage(api, stage):
    error(api.get("/applications", query_string={"stage": stage}), 400, "stage")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, {}),
        ({"company": " Globex "}, {"company": "Globex"}),
        ({"role": "Lead"}, {"role": "Lead"}),
        ({"link": "https://globex.example"}, {"link": "https://globex.example"}),
        ({"link": None}, {"link": None}),
        ({"company": "Globex", "role": "Lead"}, {"company": "Globex", "role": "Lead"}),
    ],
    ids=case_id,
)
def test_patch_changes_only_the_fields_sent(api, conforms, change, expected):
    created = api.post("/applications", {**ACME, "link": "https://acme.example/1"}).get_json()
    answer = api.patch(f"/applications/{created['id']}", change)
    assert answer.status_code == 200
    assert conforms(answer) == {**created, **expected}
    assert api.get("/applications").get_json() == [{**created, **expected}]


def test_patch_date_moves_the_application_and_its_first_step(api, now):
    created = api.post("/applications", ACME).get_json()
    api.patch(f"/applications/{created['id']}", {"stage": "screen"})
    moved = api.patch(f"/applications/{created['id']}", {"date": "2026-03-02"}).get_json()
    assert moved["date"] == "2026-03-02"
    assert moved["history"] == [
        {"stage": "applied", "date": "2026-03-02"},
        {"stage": "screen", "date": TODAY},
    ]


def test_moving_along_the_pipeline_adds_dated_steps(api, now, conforms):
    _at(now, "2026-03-10")
    created = api.post("/applications", {**ACME, "date": "2026-03-09"}).get_json()
    for day, stage in (("2026-03-12", "screen"), ("2026-03-15", "interview"), (TODAY, "offer")):
        _at(now, day)
        answer = api.patch(f"/applications/{created['id']}", {"stage": stage})
        assert answer.status_code == 200
    body = conforms(answer)
    assert body["stage"] == "offer"
    assert body["date"] == "2026-03-09"
    assert body["history"] == [
        {"stage": "applied", "date": "2026-03-09"},
        {"stage": "screen", "date": "2026-03-12"},
        {"stage": "interview", "date": "2026-03-15"},
        {"stage": "offer", "date": TODAY},
    ]
    assert api.get("/rejections").get_json() == []


def test_moving_to_the_stage_it_is_at_changes_nothing(api):
    created = api.post("/applications", ACME).get_json()
    first = api.patch(f"/applications/{created['id']}", {"stage": "screen"}).get_json()
    with unchanged(api):
        again = api.patch(f"/applications/{created['id']}", {"stage": "screen"})
    assert again.get_json() == first
    assert len(first["history"]) == 2


@pytest.mark.parametrize(
    ("start", "moves"),
    [
        ("offer", ["applied"]),
        ("withdrawn", ["interview"]),
        ("ghosted", ["screen"]),
        ("rejected", ["offer"]),
        ("applied", ["offer", "withdrawn", "applied"]),
        ("interview", ["screen"]),
    ],
)
def test_every_move_is_allowed(api, start, moves):
    created = api.post("/applications", {**ACME, "stage": start}).get_json()
    for stage in moves:
        answer = api.patch(f"/applications/{created['id']}", {"stage": stage})
        assert answer.status_code == 200
    assert [s["stage"] for s in answer.get_json()["history"]] == [start, *moves]


@pytest.mark.parametrize(
    ("path", "outcome", "rejection_stage"),
    [
        ([], "rejected", "application"),
        ([], "ghosted", "application"),
        (["screen"], "rejected", "screen"),
        (["screen", "interview"], "ghosted", "interview"),
        (["interview", "screen"], "rejected", "interview"),
        (["screen", "interview", "offer"], "rejected", "offer"),
        (["withdrawn"], "rejected", "application"),
    ],
)
def test_a_no_logs_one_linked_rejection(api, now, conforms, path, outcome, rejection_stage):
    _at(now, "2026-03-10")
    created = api.post("/applications", {**ACME, "date": "2026-03-09"}).get_json()
    for stage in path:
        api.patch(f"/applications/{created['id']}", {"stage": stage})
    _at(now, TODAY)
    moved = api.patch(f"/applications/{created['id']}", {"stage": outcome}).get_json()
    assert moved["history"][-1] == {"stage": outcome, "date": TODAY}
    rejections = conforms(api.get("/rejections"))
    assert rejections == [
        {
            "id": rejections[0]["id"],
            "date": TODAY,
            "company": "Acme",
            "role": "Engineer",
            "stage": rejection_stage,
            "note": "",
            "application_id": created["id"],
        }
    ]


def test_a_replayed_or_reworded_no_logs_no_second_rejection(api):
    created = api.post("/applications", ACME).get_json()
    for stage in ("rejected", "rejected", "ghosted", "rejected"):
        api.patch(f"/applications/{created['id']}", {"stage": stage})
    assert len(api.get("/rejections").get_json()) == 1


def test_leaving_rejected_and_coming_back_keeps_exactly_one_rejection(api, now):
    created = api.post("/applications", ACME).get_json()
    api.patch(f"/applications/{created['id']}", {"stage": "rejected"})
    api.patch(f"/applications/{created['id']}", {"stage": "interview"})
    assert len(api.get("/rejections").get_json()) == 1
    api.patch(f"/applications/{created['id']}", {"stage": "rejected"})
    api.patch(f"/applications/{created['id']}", {"stage": "applied"})
    api.patch(f"/applications/{created['id']}", {"stage": "ghosted"})
    rejections = api.get("/rejections").get_json()
    assert [(r["stage"], r["application_id"]) for r in rejections] == [
        ("application", created["id"])
    ]


@pytest.mark.parametrize("stage", ["rejected", "ghosted"])
def test_an_application_logged_as_a_no_logs_its_rejection(api, stage):
    created = api.post("/applications", {**ACME, "date": "2026-03-02", "stage": stage}).get_json()
    [rejection] = api.get("/rejections").get_json()
    assert rejection["application_id"] == created["id"]
    assert (rejection["date"], rejection["stage"]) == (TODAY, "application")


def test_patch_company_after_a_no_leaves_the_logged_rejection_as_it_was(api):
    created = api.post("/applications", ACME).get_json()
    api.patch(f"/applications/{created['id']}", {"stage": "rejected"})
    api.patch(f"/applications/{created['id']}", {"company": "Renamed"})
    assert api.get("/rejections").get_json()[0]["company"] == "Acme"


@pytest.mark.parametrize("logged", [True, False])
def test_a_no_shields_the_day_streak(veteran, now, logged):
    api = veteran
    api.post("/applications", {**ACME, "date": "2026-03-16"})  # counts: the 16th is active
    created = api.post("/applications", {**ACME, "date": "2026-03-15"}).get_json()
    if logged:
        _at(now, YESTERDAY)
        api.patch(f"/applications/{created['id']}", {"stage": "ghosted"})
        _at(now, TODAY)
    streak = api.get("/streaks").get_json()["day"]
    day = api.get(f"/calendar?from={YESTERDAY}&to={YESTERDAY}").get_json()[0]
    if logged:
        assert streak == {"current": 2, "best": 2, "freezes": 0, "comebacks": 0}
        assert (day["state"], day["rejections"]) == ("shielded", 1)
    else:
        assert streak == {"current": 0, "best": 2, "freezes": 0, "comebacks": 0}
        assert (day["state"], day["rejections"]) == ("missed", 0)


def test_delete_application_answers_204_and_keeps_its_rejection_unlinked(api):
    keep = api.post("/applications", ACME).get_json()
    drop = api.post("/applications", {**ACME, "company": "Gone"}).get_json()
    api.patch(f"/applications/{drop['id']}", {"stage": "rejected"})
    answer = api.delete(f"/applications/{drop['id']}")
    assert answer.status_code == 204
    assert answer.get_data() == b""
    assert api.get("/applications").get_json() == [keep]
    [rejection] = api.get("/rejections").get_json()
    assert (rejection["company"], rejection["application_id"]) == ("Gone", None)
    error(api.delete(f"/applications/{drop['id']}"), 404)
    error(api.patch(f"/applications/{drop['id']}", {"stage": "screen"}), 404)


def test_deleting_the_linked_rejection_leaves_the_application(api):
    created = api.post("/applications", ACME).get_json()
    moved = api.patch(f"/applications/{created['id']}", {"stage": "rejected"}).get_json()
    [rejection] = api.get("/rejections").get_json()
    assert api.delete(f"/rejections/{rejection['id']}").status_code == 204
    assert api.get("/applications").get_json() == [moved]


# --- the apply goal ----------------------------------------------------------------------


def test_each_application_raises_the_apply_goal_of_its_date(veteran):
    api = veteran
    for _ in range(3):
        api.post("/applications", ACME)
    api.post("/applications", {**ACME, "date": YESTERDAY})
    entries = goal_entries(api, "apply")
    assert {day: e["value"] for day, e in entries.items()} == {YESTERDAY: 1, TODAY: 3}
    assert entries[TODAY]["done"] is True
    today = api.get("/today").get_json()
    assert today["streak"]["current"] == 2


def test_the_apply_goal_is_never_lowered_and_keeps_its_note(api):
    goal = api.goal_ids()["apply"]
    api.put(f"/goals/{goal}/entries/{TODAY}", {"value": 5, "note": "Five sent from the library"})
    created = api.post("/applications", ACME).get_json()
    api.delete(f"/applications/{created['id']}")
    entry = goal_entries(api, "apply")[TODAY]
    assert (entry["value"], entry["note"], entry["skipped"]) == (
        5,
        "Five sent from the library",
        False,
    )


def test_an_application_on_a_skipped_day_counts(api):
    goal = api.goal_ids()["apply"]
    api.put(f"/goals/{goal}/entries/{TODAY}", {"value": 0, "skipped": True, "note": "Rest"})
    api.post("/applications", ACME)
    entry = goal_entries(api, "apply")[TODAY]
    assert (entry["value"], entry["skipped"], entry["note"], entry["done"]) == (
        1,
        False,
        "Rest",
        True,
    )


def test_moving_an_application_raises_the_goal_of_its_new_date(veteran):
    api = veteran
    created = api.post("/applications", ACME).get_json()
    api.patch(f"/applications/{created['id']}", {"date": "2026-03-11"})
    values = {day: e["value"] for day, e in goal_entries(api, "apply").items()}
    assert values == {TODAY: 1, "2026-03-11": 1}


def test_only_the_first_active_apply_goal_counts(api):
    first = api.goal_ids()["apply"]
    second = api.post("/goals", {"category": "apply", "title": "Three a day", "target": 3})
    second = second.get_json()["id"]
    api.post("/applications", ACME)
    assert api.get(f"/goals/{second}/entries").get_json() == []
    api.patch(f"/goals/{first}", {"archived": True})
    api.post("/applications", ACME)
    [entry] = api.get(f"/goals/{second}/entries").get_json()
    assert (entry["date"], entry["value"], entry["done"]) == (TODAY, 2, False)
    assert [e["value"] for e in api.get(f"/goals/{first}/entries").get_json()] == [1]


def test_without_an_apply_goal_nothing_else_changes(api):
    api.delete(f"/goals/{api.goal_ids()['apply']}")
    assert api.post("/applications", ACME).status_code == 201
    for goal in api.get("/goals").get_json():
        assert api.get(f"/goals/{goal['id']}/entries").get_json() == []


def test_applications_earn_their_badges_by_date(api):
    for day in range(1, 12):
        api.post("/applications", {**ACME, "date": f"2026-03-{day:02d}"})
    badges = api.get("/streaks").get_json()["badges"]
    assert [b for b in badges if b["kind"] == "applications"] == [
        {
            "kind": "applications",
            "threshold": 10,
            "title": "Ten applications out there",
            "earned_on": "2026-03-10",
        }
    ]


# --- bad input ---------------------------------------------------------------------------

BAD_LINKS = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com/job",
    "mailto:jobs@example.com",
    "http://",
    "https://",
    "https:///path",
    "example.com/jobs",
    "//example.com/jobs",
    "http:example.com",
    "http://exa mple.com",
    "https://example.com/a\nb",
    "https://example.com/\x00",
    "http://[::1",
    "https://example.com:port/",
    "http:\\\\example.com",
    "",
    "   ",
    "https://example.com/" + "a" * 1981,
    5,
    True,
    ["https://example.com"],
    {"href": "https://example.com"},
]
BAD_FIELDS = [
    *[({"link": link}, "link") for link in BAD_LINKS],
    *[({"date": day}, "date") for day in BAD_BODY_DATES if day is not None],  # null is today
    *[({"date": day}, "date") for day in REFUSED_DATES],
    ({"stage": "Applied"}, "stage"),
    ({"stage": "rejection"}, "stage"),
    ({"stage": "final"}, "stage"),
    ({"stage": ""}, "stage"),
    ({"stage": 1}, "stage"),
    ({"stage": None}, "stage"),
    ({"stage": ["applied"]}, "stage"),
    *bad_text("company", 120),
    ({"role": ""}, "role"),
    ({"role": "r" * 121}, "role"),
    ({"role": ["dev"]}, "role"),
    ({"role": None}, "role"),
    *[({"notes": v}, "notes") for v in ("n" * 5001, 5, None, ["a"], "a\x00b")],
    *[({field: v}, field) for field in ("contact", "location") for v in ("x" * 201, 5, None)],
    ({"location": "a\x00b"}, "location"),
    ({"history": []}, "history"),
    ({"interviews": []}, "interviews"),
    ({"id": 7}, "id"),
    ({"user_id": 2}, "user_id"),
]


@each_bad_field(BAD_FIELDS)
def test_log_application_refuses_bad_field(api, change, field):
    api.post("/applications", {**ACME, "date": "2026-03-01"})
    refused(api, "/applications", ACME, change, field)


@pytest.mark.parametrize(
    ("body", "missing"),
    [({"role": "Dev"}, ["company"]), ({"company": "Acme"}, ["role"]), ({}, ["company", "role"])],
)
def test_log_application_refuses_missing_fields(api, body, missing):
    with unchanged(api):
        error(api.post("/applications", body), 400, *missing)


PATCH_NULLS = [
    ({"date": None}, "date"),
    ({"stage_date": "2026-03-19"}, "stage_date"),  # tomorrow
    ({"stage_date": "2026-02-28"}, "stage_date"),  # before the application's date
    ({"stage_date": "1999-12-31"}, "stage_date"),
    ({"stage_date": "18.03.2026"}, "stage_date"),
    ({"stage_date": "2026-02-30"}, "stage_date"),
    ({"stage_date": 20260318}, "stage_date"),
    ({"stage_date": None}, "stage_date"),
]


@pytest.mark.parametrize(
    ("change", "field"),
    BAD_FIELDS + PATCH_NULLS,
    ids=[case_id(c) for c, _ in BAD_FIELDS + PATCH_NULLS],
)
def test_patch_application_refuses_bad_field(api, change, field):
    created = api.post("/applications", {**ACME, "date": "2026-03-01"}).get_json()
    api.patch(f"/applications/{created['id']}", {"stage": "screen"})
    with unchanged(api):
        error(api.patch(f"/applications/{created['id']}", {"stage": "offer", **change}), 400, field)


@pytest.mark.parametrize("item_id", [0, 31337, 2**31, 2**63, 10**30])
@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_unknown_application_is_404(api, method, item_id):
    api.post("/applications", ACME)
    with unchanged(api):
        error(api.call(method, f"/applications/{item_id}", {"stage": "rejected"}), 404)


@pytest.mark.parametrize(
    ("method", "body"),
    [
        ("PATCH", {"stage": "rejected"}),
        ("PATCH", {"company": "Hijacked"}),
        ("PATCH", {}),
        ("DELETE", None),
    ],
)
def test_another_users_application_is_404_and_changes_nothing(api, other_api, method, body):
    theirs = other_api.post("/applications", {**ACME, "company": "Secret Corp"}).get_json()
    with unchanged(api, other_api):
        answer = api.call(method, f"/applications/{theirs['id']}", body)
    err = error(answer, 404, code="not_found")
    assert "Secret" not in str(err)
    assert other_api.get("/applications").get_json() == [theirs]
    assert other_api.get("/rejections").get_json() == []


def test_lists_hold_only_the_callers_own_applications(api, other_api):
    other_api.post("/applications", ACME)
    mine = api.post("/applications", ACME).get_json()
    assert api.get("/applications").get_json() == [mine]
    assert api.get("/applications?stage=applied").get_json() == [mine]
