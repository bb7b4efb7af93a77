"""The Your data page (/settings/data): downloads, an export brought in, Loop's zip reviewed."""

from __future__ import annotations

import io
import json
import os

import pytest

from tests.api.expect import database_rows
from tests.fixtures.loop import daily_habits, loop_zip, members, zip_bytes
from tests.web.pages import error_beside, page, parse, token
from tracker.core import limits


def upload(client, path: str, field: str, raw: bytes, name: str, **extra):
    data = {field: (io.BytesIO(raw), name), "csrf_token": token(client), **extra}
    return client.post(path, data=data, content_type="multipart/form-data")


def test_signed_out_the_page_asks_to_sign_in(client):
    answer = client.get("/settings/data")
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_the_page_offers_both_downloads_and_both_imports(member):
    document = page(member, "/settings/data")
    links = {a.attrs["href"] for a in document.all("a", download=True)}
    assert links == {"/settings/data/export.json", "/settings/data/entries.csv"}
    assert document.one("input", name="json_file").attrs["type"] == "file"
    assert document.one("input", name="loop_file").attrs["type"] == "file"
    for form in document.all("form", enctype="multipart/form-data"):
        assert form.one("input", name="csrf_token")


def test_the_json_download_is_the_export_as_a_file(member):
    answer = member.get("/settings/data/export.json")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert 'filename="bring-it-on-2026-03-18.json"' in answer.headers["Content-Disposition"]
    document = json.loads(answer.get_data())
    assert document["format"] == "bring-it-on" and len(document["goals"]) == 3
    assert document["goals"][0]["created_on"] == "2026-03-18"


def test_the_csv_download(member):
    answer = member.get("/settings/data/entries.csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert answer.get_data(as_text=True).startswith("date,goal_id,category,goal,")


def test_an_export_brought_in_through_the_page(member, app):
    exported = member.get("/settings/data/export.json").get_data()
    document = json.loads(exported)
    document["goals"][0]["entries"] = [{"date": "2026-03-17", "value": 1, "note": "from before"}]
    document["practice_questions"] = [{"text": "Why should we pick you?"}]
    answer = upload(
        member, "/settings/data/import", "json_file", json.dumps(document).encode(), "a.json"
    )
    assert answer.status_code == 302
    # To the top, where the summary is: the form's #import would scroll past it.
    assert answer.headers["Location"] == "/settings/data#main"
    follow = parse(member.get("/settings/data").get_data(as_text=True))
    said = "Your history is in: 0 new goals, 3 joined; 1 check-in, 1 practice question."
    assert said in follow.text()


BAD_JSON = [
    (b"", "Choose the file first."),
    (b"PK\x03\x04 not json", "it isn't JSON"),
    (b'{"format": "bring-it-on", "version": 7}', "a version of Bring It On this server can't read"),
    (b'{"format": "loop", "version": 1}', "isn't a Bring It On export"),
    (b'{"habits": []}', "isn't a Bring It On export"),
    (
        json.dumps({"format": "bring-it-on", "version": 1, "goals": [{"category": "apply",
                    "title": "x", "entries": [{"date": "2026-03-19", "value": 1}]}]}).encode(),
        "Goal 1, entry 1, date: 2026-03-19 is after today",
    ),
    (
        json.dumps({"format": "bring-it-on", "version": 1, "goals": [{"category": "cook",
                    "title": "x"}]}).encode(),
        "Goal 1, category: It should be",
    ),
]  # fmt: skip


BAD_LOOP = [
    (b"", "Choose the zip first."),
    (b"My habits, as text", "This is not a zip file."),
    (loop_zip()[:200], "damaged"),
]
# (form address, file field, file name): the export's form, then Loop's.
JSON_FORM = ("/settings/data/import", "json_file", "export.json")
LOOP_FORM = ("/settings/data/loop", "loop_file", "Loop.zip")


@pytest.mark.parametrize(
    ("form", "raw", "said"),
    [(JSON_FORM, raw, said) for raw, said in BAD_JSON]
    + [(LOOP_FORM, raw, said) for raw, said in BAD_LOOP],
)
def test_a_bad_file_is_named_beside_its_field_and_nothing_changes(member, app, form, raw, said):
    url, field, name = form
    before = database_rows(app)
    answer = upload(member, url, field, raw, name)
    assert answer.status_code == 400
    assert said in error_beside(parse(answer.get_data(as_text=True)), field)
    assert database_rows(app) == before


def test_a_file_over_the_limit_is_413_beside_the_field(member, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 2048)
    before = database_rows(app)
    answer = upload(
        member, "/settings/data/import", "json_file", b"{" + b" " * 5000 + b"}", "a.json"
    )
    assert answer.status_code == 413
    assert "at most 2 KB" in error_beside(parse(answer.get_data(as_text=True)), "json_file")
    assert database_rows(app) == before


def test_an_upload_without_the_forms_token_is_refused(member, app):
    before = database_rows(app)
    answer = member.post(
        "/settings/data/import",
        data={"json_file": (io.BytesIO(b"{}"), "a.json")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 400
    assert database_rows(app) == before


def test_a_loop_zip_is_reviewed_then_imported_with_the_kinds_picked(member, app):
    before = database_rows(app)
    review = upload(member, "/settings/data/loop", "loop_file", loop_zip(), "Loop.zip", kind="")
    assert review.status_code == 200
    assert database_rows(app) == before  # nothing yet
    document = parse(review.get_data(as_text=True))
    selects = document.all("select", name=True)
    assert len(selects) == 6
    assert selects[1].one("option", selected=True).attrs["value"] == "reflect"  # Journal
    archive = document.one("input", name="archive").attrs["value"]
    picked = {"habit-0": "practice", "habit-1": "apply"}
    answer = member.post(
        "/settings/data/loop/import",
        data={"archive": archive, "csrf_token": token(member), **picked},
    )
    assert answer.status_code == 302
    said = parse(member.get("/settings/data").get_data(as_text=True)).text()
    assert "Loop’s history is in: 6 habits became goals, with 23 days of history." in said  # noqa: RUF001
    goals = {g.title: g.category for g in _goals(app)}
    assert goals["Apply to one job"] == "practice" and goals["Journal"] == "apply"
    assert goals["Mock interview minutes"] == "practice"


def _goals(app):
    from tracker.extensions import db
    from tracker.models import Goal

    with app.app_context():
        rows = list(db.session.scalars(db.select(Goal)))
        db.session.remove()
    return rows


def test_a_lost_review_is_asked_for_again(member, app):
    before = database_rows(app)
    answer = member.post(
        "/settings/data/loop/import", data={"archive": "not base64!", "csrf_token": token(member)}
    )
    assert answer.status_code == 400
    assert "Choose it again" in error_beside(parse(answer.get_data(as_text=True)), "loop_file")
    assert database_rows(app) == before


# SPEC section 6, Limits, on the page: the file is named beside its field with the limit it
# passed, and nothing is written.


def _past_a_count(kind: str) -> tuple[str, str, bytes, str]:
    """(path, field, file, message) of an import with one more goal or habit than allowed."""
    if kind == "export":
        goals = [{"category": "practice", "title": f"Goal {n}"} for n in range(101)]
        raw = json.dumps({"format": "bring-it-on", "version": 1, "goals": goals}).encode()
        return "/settings/data/import", "json_file", raw, "at most 100 goals; this file has 101."
    raw = zip_bytes(members(daily_habits(101, 1)))
    return "/settings/data/loop", "loop_file", raw, "at most 100 habits; this file has 101."


@pytest.mark.parametrize("kind", ["export", "loop"])
def test_an_import_past_a_count_is_422_beside_the_field(member, app, kind):
    path, field, raw, message = _past_a_count(kind)
    before = database_rows(app)
    answer = upload(member, path, field, raw, "Loop.zip" if kind == "loop" else "a.json")
    assert answer.status_code == 422
    said = error_beside(parse(answer.get_data(as_text=True)), field)
    assert f"An import holds {message}" in said
    assert database_rows(app) == before


def test_a_file_over_5_mb_is_413_beside_the_field(member, app):
    before = database_rows(app)
    raw = b"{" + b" " * limits.MAX_IMPORT_BYTES + b"}"
    answer = upload(member, "/settings/data/import", "json_file", raw, "a.json")
    # The test client spools a large body to a temporary file, left open when the answer
    # comes before the body is read.
    answer.request.environ["wsgi.input"].close()
    assert answer.status_code == 413
    said = error_beside(parse(answer.get_data(as_text=True)), "json_file")
    assert said == "An import file is at most 5 MB."
    assert database_rows(app) == before


def test_the_page_says_the_limits(member):
    text = page(member, "/settings/data").text()
    assert "Up to 5 MB, 100 goals and 100,000 check-ins." in text
    assert "Up to 5 MB and 100 habits." in text


def test_a_loop_zip_near_the_size_limit_is_reviewed_and_imported(member, app):
    """The review sends the zip back in base64, a third larger than the upload."""
    files = {
        **members(daily_habits(3, 10)),
        "photo.jpg": os.urandom(limits.MAX_IMPORT_BYTES - 4096),
    }
    raw = zip_bytes(files)
    assert 4 * 1024 * 1024 < len(raw) <= limits.MAX_IMPORT_BYTES
    review = upload(member, "/settings/data/loop", "loop_file", raw, "Loop.zip")
    assert review.status_code == 200
    archive = parse(review.get_data(as_text=True)).one("input", name="archive").attrs["value"]
    answer = member.post(
        "/settings/data/loop/import", data={"archive": archive, "csrf_token": token(member)}
    )
    assert answer.status_code == 302
    assert {"Habit 1", "Habit 2", "Habit 3"} <= {g.title for g in _goals(app)}
    review.request.environ["wsgi.input"].close()
