"""POST /api/v1/import/loop: Loop Habit Tracker's CSV export (its zip) becomes goals."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from tests.api.expect import error, unchanged
from tests.api.test_limits import fill_goals
from tests.fixtures.loop import (
    LoopHabit,
    ago,
    daily_habits,
    habit_checkmarks,
    job_search_habits,
    loop_zip,
    members,
    zip_bytes,
)
from tracker.core import limits
from tracker.services import loop_import


def send(api, raw: bytes, query: str = ""):
    return api.client.post(
        "/api/v1/import/loop" + query,
        data=raw,
        content_type="application/zip",
        headers={"Authorization": f"Bearer {api.token}"},
    )


def goals_by_title(api) -> dict[str, dict]:
    return {g["title"]: g for g in api.get("/goals").get_json()}


def entries(api, goal_id: int) -> dict[str, tuple]:
    rows = api.get(f"/goals/{goal_id}/entries").get_json()
    return {e["date"]: (e["value"], e["skipped"], e["note"]) for e in rows}


def test_every_habit_becomes_a_goal_with_its_days(api, conforms):
    result = conforms(send(api, loop_zip()))
    assert [(h["title"], h["category"]) for h in result["habits"]] == [
        ("Apply to one job", "apply"),
        ("Journal", "reflect"),
        ("Mock interview minutes", "practice"),
        ("Coffee cups", "practice"),
        ("Run 5k", "practice"),
        ('Read "Deep Work", ch. 1\u20133 \u2713', "practice"),
    ]
    goals = goals_by_title(api)
    assert len(goals) == 3 + 6
    apply = entries(api, goals["Apply to one job"]["id"])
    assert apply == {
        ago(0).isoformat(): (1, False, ""),
        ago(1).isoformat(): (1, False, "Sent to Acme, felt good"),
        ago(2).isoformat(): (0, False, ""),  # NO
        ago(3).isoformat(): (0, True, ""),  # SKIP: a rest day
        ago(4).isoformat(): (1, False, ""),
    }  # UNKNOWN (5 days ago) left no entry
    weird = goals['Read "Deep Work", ch. 1\u20133 \u2713']
    assert entries(api, weird["id"])[ago(2).isoformat()] == (0, False, 'Said "later", twice')


def test_yes_auto_is_a_rest_day_so_the_streak_loop_showed_survives(api):
    send(api, loop_zip())
    journal = goals_by_title(api)["Journal"]
    days = entries(api, journal["id"])
    assert days[ago(2).isoformat()] == (0, True, "")
    assert days[ago(3).isoformat()] == (0, True, "")
    assert days[ago(6).isoformat()] == (0, False, "Too tired, wrote a line anyway")
    streak = next(
        g for g in api.get("/streaks").get_json()["goals"] if g["goal_id"] == journal["id"]
    )
    assert streak["current"] == 2  # done 4 days ago and yesterday, the days between excused


def test_numerical_habits_keep_whether_each_day_met_the_target(api):
    send(api, loop_zip())
    goals = goals_by_title(api)
    mock = goals["Mock interview minutes"]
    assert mock["target"] == 20
    assert entries(api, mock["id"]) == {
        ago(1).isoformat(): (25, False, ""),
        ago(2).isoformat(): (12, False, ""),
        ago(3).isoformat(): (0, False, ""),
        ago(4).isoformat(): (0, True, ""),
        ago(5).isoformat(): (20, False, ""),
    }
    coffee = goals["Coffee cups"]  # at most 2 cups: done on the days that stayed within
    assert coffee["target"] == 1
    values = {day: value for day, (value, _, _) in entries(api, coffee["id"]).items()}
    assert values == {ago(1).isoformat(): 1, ago(2).isoformat(): 0, ago(3).isoformat(): 1}


def test_an_archived_habit_is_an_archived_goal_that_stopped_after_its_last_day(api):
    send(api, loop_zip())
    run = goals_by_title(api)["Run 5k"]
    assert run["archived"] is True
    exported = next(g for g in api.get("/export").get_json()["goals"] if g["title"] == "Run 5k")
    assert (exported["created_on"], exported["archived_on"]) == ("2025-06-01", "2025-06-04")


def test_without_habit_folders_the_shared_checkmarks_file_is_read(api):
    send(api, zip_bytes(members(job_search_habits(), folders=False)))
    goals = goals_by_title(api)
    apply = entries(api, goals["Apply to one job"]["id"])
    assert apply[ago(1).isoformat()] == (1, False, "")  # the shared file has no notes
    assert entries(api, goals["Mock interview minutes"]["id"])[ago(1).isoformat()][0] == 25


def test_an_export_zipped_again_inside_a_folder_is_read(api):
    result = send(api, zip_bytes(members(job_search_habits()), prefix="Loop Habits CSV/"))
    assert result.status_code == 200 and len(result.get_json()["habits"]) == 6


def test_an_older_export_without_types_and_with_numbers_is_read(api):
    files = {
        "Habits.csv": "Position,Name,Question,Description,NumRepetitions,Interval,Color\n"
        "001,Meditate,Did you meditate?,,1,1,#FF0000\n",
        "001 Meditate/Checkmarks.csv": "2026-03-17,2\n2026-03-16,1\n2026-03-15,0\n",
    }
    files["001 Meditate/Checkmarks.csv"] = "Date,Value\n" + files["001 Meditate/Checkmarks.csv"]
    result = send(api, zip_bytes(files)).get_json()
    assert result["habits"][0]["category"] == "reflect"
    days = entries(api, goals_by_title(api)["Meditate"]["id"])
    assert days == {
        "2026-03-17": (1, False, ""),
        "2026-03-16": (0, True, ""),
        "2026-03-15": (0, False, ""),
    }


def test_the_user_picks_each_habits_category(api):
    chosen = json.dumps({"Journal": "apply", "Run 5k": "reflect"})
    answer = api.client.post(
        "/api/v1/import/loop",
        data={"file": (io.BytesIO(loop_zip()), "loop.zip"), "category": "practice",
              "categories": chosen},
        headers={"Authorization": f"Bearer {api.token}"},
    )  # fmt: skip
    assert answer.status_code == 200, answer.get_json()
    categories = {h["name"]: h["category"] for h in answer.get_json()["habits"]}
    assert categories["Journal"] == "apply" and categories["Run 5k"] == "reflect"
    assert categories["Apply to one job"] == "practice"  # the default beats the guess


def test_a_habit_merges_into_the_goal_of_the_same_category_and_title(api):
    goal = api.goal_ids()["apply"]
    api.put(f"/goals/{goal}/entries/{ago(1).isoformat()}", {"value": 0, "note": "mine"})
    api.put(f"/goals/{goal}/entries/{ago(9).isoformat()}", {"value": 1, "note": "kept"})
    habit = LoopHabit("Send 1 application", {ago(1): "YES_MANUAL", ago(2): "NO"})
    result = send(api, zip_bytes(members([habit])), "?category=apply").get_json()
    assert result["habits"][0] == {**result["habits"][0], "goal_id": goal, "merged": True}
    days = entries(api, goal)
    assert days[ago(1).isoformat()] == (1, False, "")  # the imported entry wins
    assert days[ago(9).isoformat()] == (1, False, "kept")
    assert len(api.get("/goals").get_json()) == 3


def test_importing_the_same_zip_twice_changes_nothing_more(api):
    send(api, loop_zip())
    before = api.get("/export").get_json()
    again = send(api, loop_zip()).get_json()
    assert all(h["merged"] for h in again["habits"])
    assert api.get("/export").get_json() == before


def test_a_dry_run_says_what_would_happen_and_changes_nothing(api, conforms):
    with unchanged(api):
        result = conforms(send(api, loop_zip(), "?dry_run=true"))
    assert result["dry_run"] is True and result["entries"] == 23
    assert all(h["goal_id"] is None for h in result["habits"])


def _zip_with(name: str, data: bytes = b"x", **info) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members(job_search_habits()).items():
            archive.writestr(member, content)
        entry = zipfile.ZipInfo(name)
        for key, value in info.items():
            setattr(entry, key, value)
        archive.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _encrypted() -> bytes:
    """A zip whose Habits.csv says it is encrypted (zipfile cannot write one)."""
    raw = bytearray(loop_zip())
    entry = raw.index(b"PK\x01\x02")  # the first central directory entry: Habits.csv
    raw[entry + 8] |= 0x01  # general purpose flag, bit 0: encrypted
    return bytes(raw)


def _with_member(name: str, text: str) -> bytes:
    files = members(job_search_habits())
    files[name] = text
    return zip_bytes(files)


def _apply_days(*lines: str) -> bytes:
    return _with_member(
        "001 Apply to one job/Checkmarks.csv", "Date,Value,Notes\n" + "\n".join(lines)
    )


MOCK = "003 Mock interview minutes/Checkmarks.csv"
BAD = [
    (b"These are my habits", "not a zip"),
    (loop_zip()[: len(loop_zip()) // 2], "truncated zip"),
    (zip_bytes({"Notes.csv": "Date\n"}), "no Habits.csv"),
    (_with_member("Habits.csv", "Name,Colour\nRun,#fff\n"), "no Position column"),
    (_with_member("Habits.csv", "Position,Name\n001,\n"), "a habit without a name"),
    (_with_member("Habits.csv", "Position,Name,Type\n001,Run,SOMETIMES\n"), "unknown type"),
    (_apply_days("18/03/2026,YES_MANUAL,"), "a date in another form"),
    (_apply_days("2026-02-30,YES_MANUAL,"), "a date that does not exist"),
    (_apply_days("2026-03-19,YES_MANUAL,"), "a check-in after today"),
    (_apply_days("1999-12-31,NO,"), "a date before 2000"),
    (_apply_days("2026-03-10,NO,", "2026-03-10,YES_MANUAL,"), "a date twice"),
    (_apply_days("2026-03-10,MAYBE,"), "an unknown value"),
    (_with_member(MOCK, "Date,Value\n2026-03-10,lots\n"), "a bad amount"),
    (_with_member("Habits.csv", "Position,Name\n001,Caf\xe9\n".encode("latin-1")), "not UTF-8"),
    (_zip_with("../../etc/cron.d/evil.csv"), "a name climbing out"),
    (_zip_with("/etc/evil.csv"), "an absolute name"),
    (_zip_with("C:/Windows/evil.csv"), "a drive name"),
    (_zip_with("001 Run\\..\\..\\evil.csv"), "backslashes"),
    (_encrypted(), "encrypted"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "why"), BAD, ids=[why for _, why in BAD])
def test_a_bad_upload_is_400_with_a_message_and_nothing_changes(api, conforms, raw, why):
    with unchanged(api):
        answer = send(api, raw)
        message = error(answer, 400, "file")["fields"]["file"]
    assert message.endswith(".")
    conforms(answer)


def test_a_damaged_member_is_400(api):
    raw = zip_bytes(members(job_search_habits()))
    start = raw.index(b"Habits.csv") + len(b"Habits.csv")
    damaged = raw[:start] + bytes(b ^ 0x55 for b in raw[start : start + 30]) + raw[start + 30 :]
    with unchanged(api):
        error(send(api, damaged), 400, "file")


TOO_LARGE = [
    (_zip_with("big.csv", b"0" * (9 * 1024 * 1024)), "a zip bomb member"),
    (_zip_with("dense.csv", b"1," * (600 * 1024)), "a member that unpacks far beyond its size"),
    (zip_bytes({f"{n}.csv": "" for n in range(2001)} | members(job_search_habits())), "files"),
]


@pytest.mark.parametrize(("raw", "why"), TOO_LARGE, ids=[why for _, why in TOO_LARGE])
def test_an_upload_that_unpacks_too_far_is_413_and_nothing_changes(api, conforms, raw, why):
    with unchanged(api):
        answer = send(api, raw)
        error(answer, 413)
    conforms(answer)


def test_an_upload_over_the_size_limit_is_413(api, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 1024)
    with unchanged(api):
        error(send(api, loop_zip()), 413)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?category=hobby", "category"),
        ("?categories=%7Bnot%20json", "categories"),
        ("?categories=%5B%5D", "categories"),
        ("?categories=" + json.dumps({"Journal": "fun"}), "categories"),
        ("?categories=" + json.dumps({"Knitting": "practice"}), "categories"),
        ("?dry_run=maybe", "dry_run"),
    ],
)
def test_bad_choices_are_400_naming_the_field(api, query, field):
    with unchanged(api):
        error(send(api, loop_zip(), query), 400, field)


def test_an_empty_upload_or_a_form_without_the_file_is_400(api):
    with unchanged(api):
        error(send(api, b""), 400, "file")
        answer = api.client.post(
            "/api/v1/import/loop",
            data={"category": "practice"},
            headers={"Authorization": f"Bearer {api.token}"},
        )
        error(answer, 400, "file")


def test_a_habit_checkmarks_file_as_loop_writes_it(api):
    """Loop writes the newest day first and quotes a note only when it must."""
    text = habit_checkmarks(LoopHabit("x", {ago(1): ("YES_MANUAL", 'a "b", c')}))
    assert text.splitlines() == ["Date,Value,Notes", f'{ago(1)},YES_MANUAL,"a ""b"", c"']


def test_a_no_is_an_entry_of_value_0_and_stays_a_miss(api):
    """Loop's explicit "no" becomes an entry of value 0: a miss, even before the goal's
    other days (silence before a goal began is not a miss, a recorded no is)."""
    habit = LoopHabit("Apply daily", {ago(3): "NO", ago(2): "NO", ago(1): "YES_MANUAL"})
    send(api, zip_bytes(members([habit])))
    goal = goals_by_title(api)["Apply daily"]
    assert entries(api, goal["id"]) == {
        ago(3).isoformat(): (0, False, ""),
        ago(2).isoformat(): (0, False, ""),
        ago(1).isoformat(): (1, False, ""),
    }
    query = f"/calendar?from={ago(3).isoformat()}&to={ago(1).isoformat()}"
    states = [day["state"] for day in api.get(query).get_json()]
    assert states == ["missed", "missed", "active"]


# SPEC section 6, Limits: 100 habits and 100,000 checkmarks are read; one more of either is
# 422 naming the limit, a file over 5 MB is 413, and nothing is written.
STARTERS = ("Send 1 application", "Practise 1 interview answer", "Write a short reflection")


def test_as_many_habits_and_checkmarks_as_an_import_holds_are_imported(api):
    habits = daily_habits(limits.MAX_IMPORT_GOALS, 1000, STARTERS)  # three join the starters
    raw = zip_bytes(members(habits))
    assert len(raw) < limits.MAX_IMPORT_BYTES
    result = send(api, raw).get_json()
    assert result["entries"] == limits.MAX_IMPORT_ENTRIES
    assert sum(h["merged"] for h in result["habits"]) == 3
    assert len(api.get("/goals").get_json()) == limits.MAX_GOALS


PAST_A_COUNT = [
    (
        daily_habits(limits.MAX_IMPORT_GOALS + 1, 1),
        "habits",
        "at most 100 habits; this file has 101",
    ),
    (
        [*daily_habits(50, 2000), LoopHabit("One more", {ago(1): "NO"})],
        "checkmarks",
        "at most 100,000 checkmarks; this file has 100,001",
    ),
]


@pytest.mark.parametrize(("habits", "field", "said"), PAST_A_COUNT, ids=["habits", "checkmarks"])
def test_a_zip_past_a_count_is_422_naming_the_limit(api, conforms, habits, field, said):
    with unchanged(api):
        answer = send(api, zip_bytes(members(habits)))
        err = error(answer, 422, field, code="limit_reached")
    assert said in err["message"]
    conforms(answer)


def test_checkmarks_of_the_shared_file_count_for_habits_without_a_folder(api):
    # Loop's shared file has a line for every day down to today: 50,001 lines of 2 values.
    raw = zip_bytes(members(daily_habits(2, 50_000), folders=False))
    with unchanged(api):
        err = error(send(api, raw), 422, "checkmarks")
    assert "this file has 100,002" in err["message"]


def test_habits_past_the_accounts_goal_limit_are_422(api, app):
    fill_goals(app, api.user_id, limits.MAX_GOALS - 3 - 5)
    with unchanged(api):
        err = error(send(api, loop_zip()), 422, "goals")  # six new habits, room for five
    assert "An account holds at most 100 goals" in err["message"]


def test_a_zip_over_5_mb_is_413_before_it_is_read(api, conforms):
    raw = b"PK" + b"\0" * limits.MAX_IMPORT_BYTES
    with unchanged(api):
        answer = send(api, raw)
        err = error(answer, 413, "file")
    assert err["message"] == "An import file is at most 5 MB."
    conforms(answer)


def test_a_zip_promising_more_than_we_unpack_is_413(api, monkeypatch):
    monkeypatch.setattr(loop_import, "MAX_TOTAL_BYTES", 2000)
    with unchanged(api):
        err = error(send(api, loop_zip()), 413)
    assert "unpacks to more than" in err["message"]


BACKUP = (
    b"SQLite format 3\x00" + b"\0" * 4000,
    zip_bytes({"Loop Habits Backup 2026-03-18.db": b"SQLite format 3\x00" + b"\0" * 100}),
)


@pytest.mark.parametrize("raw", BACKUP, ids=["the database", "the database zipped"])
def test_loops_backup_database_is_refused_asking_for_the_csv_export(api, raw):
    with unchanged(api):
        message = error(send(api, raw), 400, "file")["fields"]["file"]
    assert "Export as CSV" in message
