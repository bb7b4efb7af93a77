"""Applications as records (SPEC section 4): notes, contact and location, the saved stage,
dated stage changes, and a rejection that names the application it answers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests import factories
from tests.api.expect import error, goal_entries, unchanged

TODAY = "2026-03-18"
ACME = {"company": "Acme", "role": "Engineer"}
DETAILS = {"notes": "Line one\nLine two  ", "contact": " Dana (recruiter) ", "location": "Berlin"}


@pytest.fixture
def veteran(app, now):
    """A client whose account (and goals) began on 1 March: dates since then count."""
    start = now.value
    now.value = datetime(2026, 3, 1, 12, tzinfo=UTC)
    client = factories.api_client(app, "veteran@example.com")
    now.value = start
    return client


def _post(api, **fields):
    answer = api.post("/applications", {**ACME, **fields})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def _patch(api, application, **fields):
    answer = api.patch(f"/applications/{application['id']}", fields)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_notes_contact_and_location_are_kept_and_editable(api, conforms):
    created = _post(api, **DETAILS)
    assert (created["notes"], created["contact"], created["location"]) == (
        "Line one\nLine two  ",  # notes are kept as written
        "Dana (recruiter)",
        "Berlin",
    )
    changed = _patch(api, created, notes="", contact="Sam", location=" Remote ")
    assert (changed["notes"], changed["contact"], changed["location"]) == ("", "Sam", "Remote")
    assert conforms(api.get("/applications")) == [changed]


def test_every_field_can_be_edited_at_once(api):
    created = _post(api, date="2026-03-02")
    edits = {
        "company": "Globex",
        "role": "Lead",
        "link": "https://globex.example/jobs/1",
        "date": "2026-03-03",
        **DETAILS,
    }
    changed = _patch(api, created, **edits)
    assert changed == {
        **created,
        **edits,
        "contact": "Dana (recruiter)",
        "history": [{"stage": "applied", "date": "2026-03-03"}],
    }


def test_a_saved_listing_counts_for_nothing_until_it_is_applied_to(veteran):
    api = veteran
    saved = _post(api, stage="saved", date="2026-03-10")
    assert goal_entries(api, "apply") == {}
    assert api.get("/insights").get_json()["counters"]["applications"] == 0
    applied = _patch(api, saved, stage="applied")
    assert applied["date"] == TODAY
    assert applied["history"] == [
        {"stage": "saved", "date": "2026-03-10"},
        {"stage": "applied", "date": TODAY},
    ]
    assert {d: e["value"] for d, e in goal_entries(api, "apply").items()} == {TODAY: 1}
    assert api.get("/insights").get_json()["counters"]["applications"] == 1


def test_applying_to_a_saved_listing_takes_the_date_given(veteran):
    api = veteran
    saved = _post(api, stage="saved", date="2026-03-10")
    applied = _patch(api, saved, stage="applied", date="2026-03-12")
    assert applied["date"] == "2026-03-12"
    assert applied["history"] == [
        {"stage": "saved", "date": "2026-03-10"},
        {"stage": "applied", "date": "2026-03-12"},
    ]
    assert {d: e["value"] for d, e in goal_entries(api, "apply").items()} == {"2026-03-12": 1}


def test_saved_listings_earn_no_badge(api):
    for day in range(1, 12):
        _post(api, date=f"2026-03-{day:02d}", stage="saved")
    badges = api.get("/streaks").get_json()["badges"]
    assert [b for b in badges if b["kind"] == "applications"] == []


def test_a_back_dated_stage_change_keeps_the_history_in_date_order(api):
    created = _post(api, date="2026-03-02")
    _patch(api, created, stage="interview", stage_date="2026-03-12")
    moved = _patch(api, created, stage="screen", stage_date="2026-03-05")
    assert moved["stage"] == "interview", "a back-dated step fills in the past"
    assert api.get("/applications").get_json()[0]["history"] == [
        {"stage": "applied", "date": "2026-03-02"},
        {"stage": "screen", "date": "2026-03-05"},
        {"stage": "interview", "date": "2026-03-12"},
    ]


def test_a_no_is_dated_by_its_stage_date(api):
    created = _post(api, date="2026-03-02")
    _patch(api, created, stage="ghosted", stage_date="2026-03-09")
    [rejection] = api.get("/rejections").get_json()
    assert (rejection["date"], rejection["application_id"]) == ("2026-03-09", created["id"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"stage": "screen", "stage_date": "2026-03-01"}, "stage_date"),
        ({"stage": "screen", "stage_date": "2026-03-19"}, "stage_date"),
        ({"date": "2026-03-06"}, "date"),  # after the move to screen on the 5th
        ({"stage": "offer", "date": "2026-03-04", "stage_date": "2026-03-03"}, "stage_date"),
    ],
)
def test_dates_out_of_order_are_refused(api, change, field):
    created = _post(api, date="2026-03-02")
    _patch(api, created, stage="screen", stage_date="2026-03-05")
    with unchanged(api):
        err = error(api.patch(f"/applications/{created['id']}", change), 400, field)
    assert "date" in err["message"]


def test_a_rejection_naming_an_application_moves_it_and_logs_no_second(api, conforms):
    created = _post(api, date="2026-03-02")
    _patch(api, created, stage="interview", stage_date="2026-03-09")
    body = {"date": "2026-03-16", "company": "Acme", "stage": "interview", "note": "Too junior"}
    answer = api.post("/rejections", {**body, "application_id": created["id"]})
    assert answer.status_code == 201
    rejection = conforms(answer)
    assert rejection["application_id"] == created["id"]
    [application] = api.get("/applications").get_json()
    assert application["stage"] == "rejected"
    assert application["history"][-1] == {"stage": "rejected", "date": "2026-03-16"}
    assert api.get("/rejections").get_json() == [rejection]
    _patch(api, created, stage="applied")
    _patch(api, created, stage="rejected")
    assert api.get("/rejections").get_json() == [rejection]


def test_a_rejection_for_an_application_already_ghosted_takes_the_place_of_its_rejection(api):
    created = _post(api, date="2026-03-02")
    _patch(api, created, stage="ghosted", stage_date="2026-03-10")
    answer = api.post(
        "/rejections", {"date": "2026-03-17", "note": "They wrote", "application_id": created["id"]}
    )
    assert answer.status_code == 201
    [rejection] = api.get("/rejections").get_json()
    assert (rejection["date"], rejection["note"]) == ("2026-03-17", "They wrote")
    assert api.get("/applications").get_json()[0]["stage"] == "rejected"


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"date": "2026-03-01"}, 400, "date"),  # before the application's date
        ({"date": "2026-03-19"}, 400, "date"),
        ({"date": "2026-03-04"}, 400, "date"),  # before its move to screen on the 5th
        ({"date": TODAY, "application_id": 0}, 400, "application_id"),
        ({"date": TODAY, "application_id": "1"}, 400, "application_id"),
    ],
)
def test_a_rejection_naming_an_application_refuses_bad_values(api, body, status, field):
    created = _post(api, date="2026-03-02")
    _patch(api, created, stage="screen", stage_date="2026-03-05")
    with unchanged(api):
        error(api.post("/rejections", {"application_id": created["id"], **body}), status, field)


def test_a_rejection_naming_another_users_application_is_404(api, other_api):
    theirs = other_api.post("/applications", ACME).get_json()
    with unchanged(api, other_api):
        error(api.post("/rejections", {"date": TODAY, "application_id": theirs["id"]}), 404)
    assert other_api.get("/applications").get_json() == [theirs]


# --- export and import -------------------------------------------------------------------

SAVED_THEN_SENT = {
    "id": 1,
    **ACME,
    "date": "2026-03-04",
    "stage": "screen",
    **DETAILS,
    "history": [
        {"stage": "saved", "date": "2026-03-01"},
        {"stage": "applied", "date": "2026-03-04"},
        {"stage": "screen", "date": "2026-03-09"},
    ],
}


def _import(api, application):
    document = api.get("/export").get_json()
    return api.post("/import", {**document, "applications": [application]})


def test_an_import_keeps_the_saved_step_notes_contact_and_location(api):
    answer = _import(api, SAVED_THEN_SENT)
    assert answer.status_code == 200, answer.get_json()
    [application] = api.get("/applications").get_json()
    kept = {key: application[key] for key in ("date", "stage", "notes", "history")}
    assert kept == {key: SAVED_THEN_SENT[key] for key in kept}
    assert (application["contact"], application["location"]) == ("Dana (recruiter)", "Berlin")
    assert api.get("/export").get_json()["applications"] == [
        {**SAVED_THEN_SENT, "link": None, "contact": "Dana (recruiter)"}
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date": "2026-03-01"}, "applications.0.history.1.date"),
        ({"notes": "n" * 5001}, "applications.0.notes"),
        ({"contact": "c" * 201}, "applications.0.contact"),
        ({"location": 5}, "applications.0.location"),
        ({"stage": "sent"}, "applications.0.stage"),
    ],
)
def test_an_import_refuses_a_bad_application(api, change, field):
    with unchanged(api):
        answer = _import(api, {**SAVED_THEN_SENT, **change})
    error(answer, 400, field)
