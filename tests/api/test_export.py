"""GET /api/v1/export and /export/entries.csv: the user's data, theirs alone, in full."""

from __future__ import annotations

import csv
import io

from tests.api.expect import error
from tests.api.transfer_world import build_account
from tests.factories import PASSWORD

CSV_HEADER = ["date", "goal_id", "category", "goal", "target", "value", "skipped", "done", "note"]


def test_the_export_holds_the_whole_account_in_the_documented_shape(api, conforms):
    build_account(api)
    document = conforms(api.get("/export"))
    assert (document["format"], document["version"]) == ("bring-it-on", 1)
    assert document["exported_at"] == "2026-03-18T12:00:00Z"
    assert document["account"] == {"email": "me@example.com", "timezone": "Europe/Berlin"}
    assert len(document["goals"]) == 6
    apply = document["goals"][0]
    assert (apply["category"], apply["target"], apply["weekdays"]) == ("apply", 2, [1, 2, 3, 4, 5])
    assert apply["entries"] == sorted(apply["entries"], key=lambda e: e["date"])
    assert [g["archived_on"] for g in document["goals"]].count("2026-03-18") == 1
    counts = {k: len(v) for k, v in document.items() if isinstance(v, list)}
    assert counts == {
        "goals": 6,
        "breaks": 2,
        "applications": 5,
        "interviews": 2,
        "rejections": 7,
        "practice_sessions": 2,
        "reflections": 3,
        "practice_questions": 3,
        "reminders": 3,
    }
    plan = document["reminders"][0]
    assert plan == {"kind": "plan", "time": "08:30", "weekdays": [1, 2, 3, 4, 5], "enabled": True}


def test_links_use_ids_local_to_the_export(api):
    build_account(api)
    document = api.get("/export").get_json()
    applications = {a["id"]: a for a in document["applications"]}
    rejections = {r["id"]: r for r in document["rejections"]}
    assert sorted(applications) == [1, 2, 3, 4, 5] and sorted(rejections) == list(range(1, 8))
    logged = [r for r in document["rejections"] if r["application_id"] is not None]
    assert {applications[r["application_id"]]["stage"] for r in logged} == {"rejected", "ghosted"}
    debrief = [r for r in document["reflections"] if r["rejection_id"] is not None]
    assert len(debrief) == 1 and debrief[0]["rejection_id"] in rejections
    questions = document["practice_questions"]
    assert [q["text"] for q in questions] == [  # oldest first
        "Why should we pick you?",
        "Looking away when I answer",
        "Walk me through a hard week.",
    ]
    assert [q["rejection_id"] in rejections for q in questions] == [True, True, False]
    assert questions[1]["rejection_id"] == debrief[0]["rejection_id"]
    first = applications[1]
    assert first["history"][0] == {"stage": "applied", "date": first["date"]}
    assert first["history"][-1]["stage"] == first["stage"] == "rejected"
    past, planned = document["interviews"]  # by start
    assert applications[past["application_id"]]["company"] == "Initech"
    assert past == {
        "application_id": past["application_id"],
        "starts_at": "2026-02-10T14:00",
        "duration_minutes": 90,
        "kind": "onsite",
        "location": "",
        "notes": "",
        "outcome": "went_badly",
        "debrief": "Froze on the system design ✓",
        "plan": "",
    }
    assert applications[planned["application_id"]]["stage"] == "interview"
    assert (planned["starts_at"], planned["notes"]) == ("2026-03-24T09:45", "Ask\n")
    assert planned["plan"].startswith("If my mind goes blank, then I will")


def test_the_export_never_holds_secrets(api):
    build_account(api)
    feed = api.post("/calendar-feed", {}).get_json()["url"]
    raw = api.get("/export").get_data(as_text=True)
    secrets = (PASSWORD, api.token, "password", "hash", "scrypt", "pbkdf2", "token", "feed")
    for secret in (*secrets, feed.rsplit("/", 1)[-1].split(".")[0]):
        assert secret not in raw


def test_the_export_holds_only_the_callers_data(api, other_api):
    build_account(other_api)
    document = api.get("/export").get_json()
    assert document["account"]["email"] == "me@example.com"
    assert all(not g["entries"] for g in document["goals"])
    assert not any(document[k] for k in ("rejections", "applications", "reflections", "breaks"))


def test_export_needs_credentials(client):
    error(client.get("/api/v1/export"), 401)
    error(client.get("/api/v1/export/entries.csv"), 401)


def _rows(answer) -> list[list[str]]:
    assert answer.status_code == 200
    assert answer.mimetype == "text/csv"
    assert "attachment" in answer.headers["Content-Disposition"]
    return list(csv.reader(io.StringIO(answer.get_data(as_text=True), newline="")))


def test_entries_csv_has_the_documented_header_and_one_row_per_entry(api):
    build_account(api)
    rows = _rows(api.get("/export/entries.csv"))
    assert rows[0] == CSV_HEADER
    document = api.get("/export").get_json()
    assert len(rows) - 1 == sum(len(g["entries"]) for g in document["goals"])
    assert [r[0] for r in rows[1:]] == sorted(r[0] for r in rows[1:])


def test_entries_csv_quotes_what_would_break_a_line(api):
    goal = api.goal_ids()["reflect"]
    note = 'Said "yes", then\nthought again; ✓'
    api.put(f"/goals/{goal}/entries/2026-03-17", {"value": 1, "note": note})
    api.put(f"/goals/{goal}/entries/2026-03-16", {"value": 0, "skipped": True})
    rows = _rows(api.get("/export/entries.csv"))
    assert rows[1] == ["2026-03-16", str(goal), "reflect", "Write a short reflection", "1", "0",
                       "true", "false", ""]  # fmt: skip
    assert rows[2] == ["2026-03-17", str(goal), "reflect", "Write a short reflection", "1", "1",
                       "false", "true", note]  # fmt: skip


def test_entries_csv_of_an_empty_account_is_the_header_alone(api):
    assert _rows(api.get("/export/entries.csv")) == [CSV_HEADER]
