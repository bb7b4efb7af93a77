"""The application pages as records (SPEC section 4): notes, contact and location, the saved
stage, editing every field, moves dated by the person, and the rejection form's pick of an
open application. Every bad input is refused beside its field, with what was typed kept."""

from __future__ import annotations

import pytest

from tests.web.conftest import TODAY
from tests.web.journal_steps import add_application, goal_done, rejections, stored
from tests.web.pages import error_beside, page, parse, post
from tests.web.refusals import bad_dates, bad_text, each_refusal
from tracker.services import applications

APPLY = "Send 1 application"
TYPED = {
    "company": "Initech",
    "role": "Analyst",
    "link": "https://jobs.example.com/1",
    "date": "2026-03-10",
    "contact": "Dana, recruiter",
    "location": "Berlin",
    "notes": "Referral from Kim.\nAsk about the team.",
}


def _records(app) -> list[dict]:
    def read(session, user):
        found = applications.list_applications(session, user)
        return [
            {
                **{name: getattr(a, name) or "" for name in TYPED},
                "date": a.date.isoformat(),
                "stage": a.stage,
                "history": [(s.stage, s.date.isoformat()) for s in a.history],
            }
            for a in found
        ]

    return stored(app, read)


def _kept(document, typed: dict) -> None:
    for name, value in typed.items():
        if name == "notes":
            assert document.one("textarea", name=name).text() == " ".join(value.split())
        else:
            assert document.one("input", name=name).attrs["value"] == value


def test_an_application_keeps_its_notes_contact_and_location(member, app):
    application = add_application(member, **{k: v for k, v in TYPED.items() if k != "company"})
    [record] = _records(app)
    assert record == {**TYPED, "company": "Initech", "stage": "applied", "history": [
        ("applied", "2026-03-10")
    ]}  # fmt: skip
    document = page(member, f"/journal/applications/{application}")
    details = document.one("dl", class_="details").text()
    assert "Dana, recruiter" in details and "Berlin" in details and "Ask about the team." in details


def test_a_saved_listing_is_not_counted_until_it_is_applied_to(member, app):
    application = add_application(member, "Globex", "Designer", stage="saved", date=TODAY)
    assert not goal_done(member, APPLY)
    listed = page(member, "/journal/applications")
    assert listed.one("section", class_="stage-saved").one("li", id=f"application-{application}")
    answer = post(member, f"/journal/applications/{application}/stage", {"stage": "applied"})
    assert answer.status_code == 302
    assert goal_done(member, APPLY)
    assert _records(app)[0]["history"] == [("saved", TODAY), ("applied", TODAY)]


def test_the_new_form_offers_saved(member):
    document = page(member, "/journal/applications/new")
    stages = [i.attrs["value"] for i in document.all("input", name="stage")]
    assert stages == ["applied", "saved"]


@each_refusal(
    [
        pytest.param("notes", "n" * 5001, "5000 characters", id="long-notes"),
        pytest.param("notes", "a\x00b", "NUL", id="nul-notes"),
        pytest.param("contact", "c" * 201, "200 characters", id="long-contact"),
        pytest.param("location", "l" * 201, "200 characters", id="long-location"),
        pytest.param("stage", "hired", "Pick one", id="unknown-stage"),
    ]
)
def test_a_bad_new_application_is_refused_and_kept(member, app, field, value, message):
    typed = {**TYPED, field: value}
    answer = post(member, "/journal/applications", typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in document.text()
    _kept(document, {k: v for k, v in typed.items() if k not in ("stage", field)})
    assert _records(app) == []


def test_every_field_can_be_edited(member, app):
    application = add_application(member, "Initech", "Analyst", date="2026-03-02")
    changed = {**TYPED, "company": "Globex", "role": "Lead"}
    answer = post(member, f"/journal/applications/{application}/edit", changed)
    assert answer.status_code == 302
    [record] = _records(app)
    assert record == {**changed, "stage": "applied", "history": [("applied", "2026-03-10")]}
    removed = post(member, f"/journal/applications/{application}/edit", {**changed, "link": ""})
    assert removed.status_code == 302
    assert _records(app)[0]["link"] == ""


@each_refusal(
    [
        *bad_text("company", 120),
        *bad_text("role", 120),
        pytest.param("link", "javascript:alert(1)", "http://", id="javascript-link"),
        pytest.param("link", "https://" + "a" * 2000, "2000 characters", id="long-link"),
        pytest.param("notes", "n" * 5001, "5000 characters", id="long-notes"),
        pytest.param("contact", "c" * 201, "200 characters", id="long-contact"),
        pytest.param("location", "l" * 201, "200 characters", id="long-location"),
        *[case for case in bad_dates(required=False) if "future" not in case.id],
        pytest.param("date", "2026-03-19", "after today", id="date-future"),
        pytest.param("date", "2026-03-16", "on or before", id="date-after-a-later-step"),
    ]
)
def test_a_bad_edit_is_refused_beside_the_field_and_kept(member, app, field, value, message):
    application = add_application(member, "Initech", "Analyst", date="2026-03-02")
    post(
        member,
        f"/journal/applications/{application}/stage",
        {"stage": "screen", "stage_date": "2026-03-15"},
    )
    before = _records(app)
    typed = {**TYPED, "date": "2026-03-02", field: value}
    answer = post(member, f"/journal/applications/{application}/edit", typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, field)
    _kept(document, {k: v for k, v in typed.items() if "\x00" not in v})
    assert _records(app) == before


def test_a_move_takes_the_date_it_happened(member, app):
    application = add_application(member, date="2026-03-02")
    document = page(member, f"/journal/applications/{application}")
    assert document.one("input", name="stage_date").attrs["value"] == TODAY
    for stage, day in (("interview", "2026-03-12"), ("screen", "2026-03-05")):
        data = {"stage": stage, "stage_date": day, "back": "detail"}
        assert post(member, f"/journal/applications/{application}/stage", data).status_code == 302
    [record] = _records(app)
    assert (record["stage"], record["history"]) == (
        "interview",
        [("applied", "2026-03-02"), ("screen", "2026-03-05"), ("interview", "2026-03-12")],
    )


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2026-03-19", "after today"),
        ("2026-03-01", "Pick a date from"),
        ("someday", "YYYY-MM-DD"),
    ],
)
@pytest.mark.parametrize("back", ["detail", ""])
def test_a_move_on_a_bad_date_is_refused_and_nothing_moves(member, app, day, message, back):
    application = add_application(member, date="2026-03-02")
    data = {"stage": "screen", "stage_date": day, "back": back}
    answer = post(member, f"/journal/applications/{application}/stage", data)
    assert answer.status_code == 400
    assert message in parse(answer.get_data(as_text=True)).text()
    assert _records(app)[0]["history"] == [("applied", "2026-03-02")]


# --- "I got a rejection" ---------------------------------------------------------------------


def test_the_rejection_form_offers_only_open_applications(member):
    wanted = {
        stage: add_application(member, f"Co {stage}", "Role", stage=stage, date=TODAY)
        for stage in ("saved", "applied", "screen", "interview", "offer", "rejected", "withdrawn")
    }
    document = page(member, "/rejections/new")
    select = document.one("select", name="application_id")
    offered = [o.attrs["value"] for o in select.all("option")]
    assert offered[0] == ""
    open_ids = {str(wanted[s]) for s in ("applied", "screen", "interview", "offer")}
    assert set(offered[1:]) == open_ids


def test_picking_an_application_links_the_rejection_and_moves_it(member, app):
    application = add_application(member, "Globex", "Designer", date="2026-03-02")
    post(member, f"/journal/applications/{application}/stage", {"stage": "interview"})
    data = {"date": TODAY, "company": "", "role": "", "note": "", "application_id": application}
    answer = post(member, "/rejections", data)
    assert answer.status_code == 302
    assert rejections(app) == [(TODAY, "Globex", "Designer", "interview", application)]
    assert _records(app)[0]["stage"] == "rejected"
    post(member, f"/journal/applications/{application}/stage", {"stage": "applied"})
    post(member, f"/journal/applications/{application}/stage", {"stage": "rejected"})
    assert len(rejections(app)) == 1


@each_refusal(
    [
        pytest.param("date", "2026-03-01", "Pick a date from", id="before-the-application"),
        pytest.param("application_id", "x", "whole number", id="not-a-number"),
    ]
)
def test_a_bad_pick_is_refused_and_kept(member, app, field, value, message):
    application = add_application(member, "Globex", "Designer", date="2026-03-02")
    typed = {
        "date": TODAY,
        "company": "Globex",
        "role": "",
        "note": "Kept",
        "application_id": application,
    }
    answer = post(member, "/rejections", {**typed, field: value})
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in document.text()
    assert document.one("textarea", name="note").text() == "Kept"
    assert rejections(app) == []
    assert _records(app)[0]["stage"] == "applied"


def test_picking_another_accounts_application_is_404(member, app, stranger_ids):
    data = {"date": TODAY, "application_id": stranger_ids["application"]}
    assert post(member, "/rejections", data).status_code == 404
    assert rejections(app) == []
