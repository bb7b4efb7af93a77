"""POST /api/v1/import: an export brought into an account, merged, all of it or nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests.api.expect import error, unchanged
from tests.api.test_limits import fill
from tests.api.transfer_world import build_account, readable
from tests.factories import api_client, sign_up_page
from tracker.core import limits
from tracker.queries import imports

MINIMAL = {"format": "bring-it-on", "version": 1}


def _export(api) -> dict:
    answer = api.get("/export")
    assert answer.status_code == 200
    return answer.get_json()


def _without_stamp(document: dict) -> dict:
    return {k: v for k, v in document.items() if k not in ("exported_at", "account")}


def test_an_export_imported_into_a_new_account_reads_back_the_same(api, other_api, conforms):
    build_account(api)
    document = _export(api)
    answer = other_api.post("/import", document)
    summary = conforms(answer)
    assert summary["goals_merged"] == 3 and summary["goals_created"] == 3
    assert summary["rejections"] == 7 and summary["duplicates_skipped"] == 0
    assert summary["practice_questions"] == 3 and summary["interviews"] == 2
    assert readable(other_api) == readable(api)
    assert _without_stamp(_export(other_api)) == _without_stamp(document)


def test_the_new_account_keeps_its_own_email_and_timezone(api, app, now):
    build_account(api)
    tokyo = api_client(app, "tokyo@example.com", "Asia/Tokyo")
    assert tokyo.post("/import", _export(api)).status_code == 200
    assert tokyo.get("/me").get_json()["timezone"] == "Asia/Tokyo"
    assert tokyo.get("/me").get_json()["email"] == "tokyo@example.com"


def test_importing_the_same_file_twice_adds_nothing_the_second_time(api, other_api):
    build_account(api)
    document = _export(api)
    other_api.post("/import", document)
    before = readable(other_api)
    summary = other_api.post("/import", document).get_json()
    assert summary["goals_created"] == 0 and summary["goals_merged"] == 6
    assert summary["rejections"] == summary["applications"] == summary["reflections"] == 0
    assert summary["practice_questions"] == summary["interviews"] == 0
    assert summary["duplicates_skipped"] == 7 + 5 + 2 + 2 + 3 + 3 + 2
    assert readable(other_api) == before


def test_own_export_imported_back_changes_nothing(api):
    build_account(api)
    before = readable(api)
    assert api.post("/import", _export(api)).status_code == 200
    assert readable(api) == before


def test_a_goal_merges_by_category_and_title_and_the_imported_entry_wins(api):
    apply = api.goal_ids()["apply"]
    api.put(f"/goals/{apply}/entries/2026-03-10", {"value": 1, "note": "mine"})
    api.put(f"/goals/{apply}/entries/2026-03-11", {"value": 1, "note": "kept"})
    goal = {
        "category": "apply",
        "title": "Send 1 application",
        "target": 3,
        "weekdays": [1, 3, 5],
        "created_on": "2026-01-05",
        "entries": [
            {"date": "2026-03-10", "value": 3, "note": "theirs"},
            {"date": "2026-03-12", "value": 0, "skipped": True},
        ],
    }
    summary = api.post("/import", {**MINIMAL, "goals": [goal]}).get_json()
    assert summary["goals_merged"] == 1 and summary["entries"] == 2
    merged = next(g for g in api.get("/goals").get_json() if g["id"] == apply)
    assert (merged["target"], merged["weekdays"]) == (3, [1, 3, 5])
    entries = {e["date"]: e for e in api.get(f"/goals/{apply}/entries").get_json()}
    assert (entries["2026-03-10"]["value"], entries["2026-03-10"]["note"]) == (3, "theirs")
    assert entries["2026-03-11"]["note"] == "kept"
    assert entries["2026-03-12"]["skipped"] is True
    assert len(api.get("/goals").get_json()) == 3
    assert _export(api)["goals"][0]["created_on"] == "2026-01-05"


def test_a_goal_of_another_title_or_category_is_added(api):
    goals = [
        {"category": "apply", "title": "send 1 application"},
        {"category": "practice", "title": "Send 1 application"},
    ]
    summary = api.post("/import", {**MINIMAL, "goals": goals}).get_json()
    assert summary["goals_created"] == 2 and summary["goals_merged"] == 0
    assert len(api.get("/goals").get_json()) == 5


def test_a_minimal_file_imports_nothing(api, conforms):
    with unchanged(api):
        summary = conforms(api.post("/import", MINIMAL))
    assert set(summary.values()) == {0}


def test_reminders_in_the_file_replace_the_accounts_and_a_file_without_keeps_them(api):
    api.put("/reminders", [{"kind": "nudge", "time": "20:15"}])
    api.post("/import", doc(reminders=[PLAN]))
    rules = {r["kind"]: r for r in api.get("/reminders").get_json()}
    assert (rules["plan"]["time"], rules["plan"]["weekdays"]) == ("07:45", [1, 2, 3])
    assert rules["nudge"]["time"] == "20:15" and rules["comeback"]["time"] == "07:45"
    api.post("/import", MINIMAL)
    assert {r["kind"]: r for r in api.get("/reminders").get_json()} == rules


def test_links_follow_records_already_stored(api):
    """A reflection debriefing a rejection the account already has links to that one."""
    api.post("/rejections", {"date": "2026-03-01", "company": "Acme"})
    document = {
        **MINIMAL,
        "rejections": [{"id": 9, "date": "2026-03-01", "company": "Acme"}],
        "reflections": [{"date": "2026-03-02", "text": "On it.", "rejection_id": 9}],
    }
    summary = api.post("/import", document).get_json()
    assert (summary["rejections"], summary["reflections"]) == (0, 1)
    (rejection,) = api.get("/rejections").get_json()
    (reflection,) = api.get("/reflections").get_json()
    assert reflection["rejection_id"] == rejection["id"]


def test_own_questions_link_to_stored_rejections_and_keep_each_text_once(api):
    api.post("/rejections", {"date": "2026-03-01", "company": "Acme"})
    api.post("/practice/questions", {"text": "Why us?"})
    document = {
        **MINIMAL,
        "rejections": [{"id": 4, "date": "2026-03-01", "company": "Acme"}],
        "practice_questions": [
            {"text": "Why us?", "rejection_id": 4},
            {"text": "Rushing my answers", "rejection_id": 4},
        ],
    }
    summary = api.post("/import", document).get_json()
    assert (summary["practice_questions"], summary["duplicates_skipped"]) == (1, 2)
    (rejection,) = api.get("/rejections").get_json()
    listed = api.get("/practice/questions").get_json()
    assert [(q["text"], q["rejection_id"]) for q in listed] == [
        ("Rushing my answers", rejection["id"]),
        ("Why us?", None),
    ]
    assert api.get("/reflections").get_json() == []


GOAL = {"category": "apply", "title": "Send 1 application"}
PLAN = {"kind": "plan", "time": "07:45", "weekdays": [1, 2, 3], "enabled": True}
APPLICATION = {"id": 1, "company": "Acme", "role": "Dev", "date": "2026-03-01", "stage": "applied"}


def doc(**lists) -> dict:
    return {**MINIMAL, **lists}


def goal(**fields) -> dict:
    return doc(goals=[{**GOAL, **fields}])


def entries(*changes: dict) -> dict:
    return goal(entries=[{"date": "2026-03-01", "value": 1, **change} for change in changes])


def application(**fields) -> dict:
    return doc(applications=[{**APPLICATION, **fields}])


def interview(**fields) -> dict:
    talk = {"application_id": 1, "starts_at": "2026-03-20T14:30", "kind": "video", **fields}
    return doc(applications=[APPLICATION], interviews=[talk])


def one(name: str, **fields) -> dict:
    return doc(**{name: [{"date": "2026-03-01", **fields}]})


BAD = [
    ({"version": 1}, "format"),
    (doc(version=2), "version"),
    (doc(extra=1), "extra"),
    (goal(category="job"), "goals.0.category"),
    (goal(title="x" * 81), "goals.0.title"),
    (goal(target=0), "goals.0.target"),
    (goal(weekdays=[]), "goals.0.weekdays"),
    (goal(archived_on="2026-03-19"), "goals.0.archived_on"),
    (entries({"date": "2026-03-19"}), "goals.0.entries.0.date"),
    (entries({"date": "1999-12-31"}), "goals.0.entries.0.date"),
    (entries({"date": "2026-02-30"}), "goals.0.entries.0.date"),
    (entries({"value": 1001}), "goals.0.entries.0.value"),
    (entries({"value": "1"}), "goals.0.entries.0.value"),
    (entries({}, {"value": 0}), "goals.0.entries.1.date"),
    (entries({"note": "\x00"}), "goals.0.entries.0.note"),
    (one("rejections", application_id=4), "rejections.0.application_id"),
    (one("rejections", stage="lunch"), "rejections.0.stage"),
    (doc(rejections=[{"id": 1, "date": "2026-03-01"}] * 2), "rejections.1.id"),
    (one("reflections", text="x", rejection_id=3), "reflections.0.rejection_id"),
    (one("reflections", text="   "), "reflections.0.text"),
    (
        doc(practice_questions=[{"text": "Why?", "rejection_id": 3}]),
        "practice_questions.0.rejection_id",
    ),
    (doc(practice_questions=[{"text": "  "}]), "practice_questions.0.text"),
    (doc(practice_questions=[{"text": "q" * 501}]), "practice_questions.0.text"),
    (doc(practice_questions=[{"text": "Why?", "date": "2026-03-01"}]), "practice_questions.0.date"),
    (doc(practice_questions=[{}]), "practice_questions.0.text"),
    (doc(breaks=[{"start": "2026-03-02", "end": "2026-03-01"}]), "breaks.0.end"),
    (doc(breaks=[{"start": "2025-01-01", "end": "2026-03-01"}]), "breaks.0.end"),
    (one("practice_sessions", rating=6), "practice_sessions.0.rating"),
    (one("practice_sessions", rating=3, item_id="nope"), "practice_sessions.0.item_id"),
    (application(link="javascript:alert(1)"), "applications.0.link"),
    (
        application(history=[{"stage": "applied", "date": "2026-03-02"}]),
        "applications.0.history.0.date",
    ),
    (application(history=[{"stage": "screen", "date": "2026-03-01"}]), "applications.0.history"),
    (interview(starts_at="2026-03-20 14:30"), "interviews.0.starts_at"),
    (interview(starts_at="2026-03-20T14:30:00"), "interviews.0.starts_at"),
    (interview(starts_at="2026-03-20T14:30+01:00"), "interviews.0.starts_at"),
    (interview(starts_at="2026-02-30T14:30"), "interviews.0.starts_at"),
    (interview(starts_at="1999-12-31T14:30"), "interviews.0.starts_at"),
    (interview(starts_at="2029-03-19T09:00"), "interviews.0.starts_at"),  # over 3 years ahead
    (interview(application_id=2), "interviews.0.application_id"),
    (interview(application_id=None), "interviews.0.application_id"),
    (
        doc(interviews=[{"starts_at": "2026-03-20T14:30", "kind": "video"}]),
        "interviews.0.application_id",
    ),
    (interview(kind="lunch"), "interviews.0.kind"),
    (interview(duration_minutes=4), "interviews.0.duration_minutes"),
    (interview(duration_minutes=601), "interviews.0.duration_minutes"),
    (interview(outcome="great"), "interviews.0.outcome"),
    (interview(debrief="\x00"), "interviews.0.debrief"),
    (doc(reminders=[{**PLAN, "time": "9:00"}]), "reminders.0.time"),
    (doc(reminders=[{**PLAN, "time": "24:00"}]), "reminders.0.time"),
    (doc(reminders=[PLAN, {**PLAN, "time": "10:00"}]), "reminders.1.kind"),
    (doc(reminders=[{**PLAN, "kind": "lunch"}]), "reminders.0.kind"),
]


@pytest.mark.parametrize(("bad", "field"), BAD, ids=[field for _, field in BAD])
def test_a_bad_file_is_refused_naming_the_field_and_nothing_changes(api, conforms, bad, field):
    api.put(f"/goals/{api.goal_ids()['apply']}/entries/2026-03-01", {"note": "stays"})
    with unchanged(api):
        answer = api.post("/import", bad)
        error(answer, 400, field)
    conforms(answer)


@pytest.mark.parametrize(
    "raw", [b"{", b"[]", b'"export"', b"null", b'{"format": "bring-it-on"\x00}']
)
def test_a_body_that_is_not_an_export_object_is_400(api, raw):
    with unchanged(api):
        error(api.post("/import", data=raw, content_type="application/json"), 400)


def test_one_bad_record_among_many_good_ones_changes_nothing(api):
    entries = [{"date": f"2026-02-{d:02d}", "value": 1} for d in range(1, 29)]
    goals = [
        {"category": "practice", "title": "New", "entries": entries},
        {**GOAL, "entries": [*entries, {"date": "2026-03-20", "value": 1}]},
    ]
    document = {**MINIMAL, "goals": goals, "rejections": [{"date": "2026-03-01"}]}
    with unchanged(api):
        error(api.post("/import", document), 400, "goals.1.entries.28.date")


def test_a_failure_while_writing_leaves_the_account_as_it_was(api, monkeypatch):
    """The import runs in one transaction: a write that fails after others rolls them back."""

    def fail(*_args):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(imports, "put_entries", fail)
    document = entries({})
    document["rejections"] = [{"date": "2026-03-01"}]
    with unchanged(api), pytest.raises(RuntimeError):
        api.post("/import", document)


def test_a_file_over_the_size_limit_is_413(api, app, monkeypatch, conforms):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 4096)
    note = "x" * 2000
    entries = [{"date": f"2026-02-{d:02d}", "value": 1, "note": note} for d in range(1, 4)]
    with unchanged(api):
        answer = api.post("/import", {**MINIMAL, "goals": [{**GOAL, "entries": entries}]})
        error(answer, 413)
    conforms(answer)


def test_an_import_may_be_larger_than_other_requests(api, app):
    """Years of journal text outgrow the 2 MB of other requests: an import takes up to 5 MB."""
    text = "A long reflection. " * 500
    reflections = [{"date": "2026-03-01", "text": f"{n} {text}"} for n in range(300)]
    raw = json.dumps({**MINIMAL, "reflections": reflections})
    assert len(raw) > app.config["MAX_CONTENT_LENGTH"]
    answer = api.post("/import", data=raw, content_type="application/json")
    assert answer.status_code == 200
    assert answer.get_json()["reflections"] == 300


def test_import_needs_credentials_and_csrf_with_a_session(client, api):
    error(client.post("/api/v1/import", json=MINIMAL), 401)
    sign_up_page(client, "page@example.com")
    error(client.post("/api/v1/import", json=MINIMAL), 403)


# SPEC section 6, Limits: the largest file inside them is read, one past any is refused with
# 413 (size) or 422 (a count) naming the limit, before anything is written.


def many_goals(count: int, per_goal: int = 0, title: str = "Habit") -> list[dict]:
    """`count` practice goals, each with `per_goal` entries on the days before today."""
    days = [(date(2026, 3, 17) - timedelta(days=n)).isoformat() for n in range(per_goal)]
    return [
        {"category": "practice", "title": f"{title} {g}", "entries": [
            {"date": day, "value": 1} for day in days
        ]}
        for g in range(count)
    ]  # fmt: skip


def test_a_file_of_as_many_entries_as_an_import_holds_is_imported(api):
    goals = many_goals(50, limits.MAX_IMPORT_ENTRIES // 50)
    summary = api.post("/import", doc(goals=goals)).get_json()
    assert summary["entries"] == limits.MAX_IMPORT_ENTRIES
    assert summary["goals_created"] == 50


def test_a_file_of_as_many_goals_as_an_account_holds_is_imported(api):
    starters = [{**g, "entries": []} for g in api.get("/goals").get_json()]
    starters = [{k: g[k] for k in ("category", "title")} for g in starters]
    goals = starters + many_goals(limits.MAX_IMPORT_GOALS - len(starters))
    summary = api.post("/import", doc(goals=goals)).get_json()
    assert (summary["goals_created"], summary["goals_merged"]) == (97, 3)
    assert len(api.get("/goals").get_json()) == limits.MAX_GOALS


PAST_A_FILES_LIMIT = [
    (many_goals(limits.MAX_IMPORT_GOALS + 1), "goals", "at most 100 goals; this file has 101"),
    (
        many_goals(50, limits.MAX_IMPORT_ENTRIES // 50) + many_goals(1, 1, "One more"),
        "entries",
        "at most 100,000 entries; this file has 100,001",
    ),
]


@pytest.mark.parametrize(("goals", "field", "said"), PAST_A_FILES_LIMIT, ids=["goals", "entries"])
def test_a_file_past_a_count_is_422_naming_the_limit(api, conforms, goals, field, said):
    api.put(f"/goals/{api.goal_ids()['apply']}/entries/2026-03-01", {"note": "stays"})
    with unchanged(api):
        answer = api.post("/import", doc(goals=goals, rejections=[{"date": "2026-03-01"}]))
        err = error(answer, 422, field, code="limit_reached")
    assert said in err["message"]
    conforms(answer)


def test_new_goals_past_the_accounts_limit_are_422(api):
    with unchanged(api):
        err = error(api.post("/import", doc(goals=many_goals(98))), 422, "goals")
    assert "An account holds at most 100 goals" in err["message"]


def test_records_count_with_what_the_account_holds_and_twins_do_not(api, app):
    fill(app, api.user_id, "reflections", limits.MAX_RECORDS - 10)
    ten = [{"date": "2026-03-02", "text": f"Imported {n}"} for n in range(10)]
    assert api.post("/import", doc(reflections=ten)).get_json()["reflections"] == 10
    again = api.post("/import", doc(reflections=ten)).get_json()  # twins: nothing new
    assert (again["reflections"], again["duplicates_skipped"]) == (0, 10)
    with unchanged(api):
        extra = [*ten, {"date": "2026-03-02", "text": "One too many"}]
        err = error(api.post("/import", doc(reflections=extra)), 422, "reflections")
    assert "at most 20,000 reflections" in err["message"]


def test_a_file_of_exactly_the_size_limit_is_read_and_one_byte_more_is_413(api, conforms):
    raw = json.dumps(MINIMAL).encode()
    exact = raw[:-1] + b" " * (limits.MAX_IMPORT_BYTES - len(raw)) + b"}"
    assert len(exact) == limits.MAX_IMPORT_BYTES
    answer = api.post("/import", data=exact, content_type="application/json")
    assert answer.status_code == 200, answer.get_json()
    with unchanged(api):
        answer = api.post("/import", data=exact + b" ", content_type="application/json")
        err = error(answer, 413, "file", code="too_large")
    assert err["message"] == "An import file is at most 5 MB."
    conforms(answer)


def test_interviews_count_with_what_the_account_holds(api, monkeypatch):
    stored = api.post("/applications", {"company": "Acme", "role": "Dev"}).get_json()
    api.post(
        f"/applications/{stored['id']}/interviews",
        {"starts_at": "2026-03-20T10:00", "kind": "phone"},
    )
    monkeypatch.setattr(limits, "MAX_RECORDS", 2)
    talks = [
        {"application_id": 1, "starts_at": f"2026-03-2{n}T14:30", "kind": "video"} for n in (1, 2)
    ]
    with unchanged(api):
        err = error(
            api.post("/import", doc(applications=[APPLICATION], interviews=talks)),
            422,
            "interviews",
        )
    assert "at most 2 interviews" in err["message"]
    summary = api.post("/import", doc(applications=[APPLICATION], interviews=talks[:1])).get_json()
    assert summary["interviews"] == 1
    starts = [i["starts_at"] for i in api.get("/interviews").get_json()]
    assert starts == ["2026-03-20T10:00", "2026-03-21T14:30"]
