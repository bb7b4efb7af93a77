"""Practice: the bank, the item of the day, sessions, the practice goal, and every bad value."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.api.cases import BAD_BODY_DATES, REFUSED_DATES, case_id
from tests.api.expect import error, goal_entries, unchanged
from tests.factories import api_client
from tracker.core.practice_bank import KINDS, daily_pick, items_for

TODAY = "2026-03-18"
YESTERDAY = "2026-03-17"


def test_items_are_the_bank_of_at_least_60(api, conforms):
    items = conforms(api.get("/practice/items"))
    assert len(items) >= 60
    assert all(list(item) == ["id", "kind", "text"] for item in items)
    assert len({item["id"] for item in items}) == len(items)
    assert {item["kind"] for item in items} == set(KINDS)
    assert all(item["text"].strip() for item in items)


def test_items_are_the_same_for_everyone(api, other_api):
    assert api.get("/practice/items").get_json() == other_api.get("/practice/items").get_json()


def test_today_answers_the_local_date_and_an_item_of_the_bank(api, conforms):
    body = conforms(api.get("/practice/today"))
    assert list(body) == ["date", "item"]
    assert body["date"] == TODAY
    assert body["item"] in api.get("/practice/items").get_json()


def test_the_item_of_the_day_holds_all_day_and_changes_the_next(api, now):
    picks = []
    for hour in (-1, 0, 8, 12, 22):  # 00:00 to 23:00 in Berlin (UTC+1 in March)
        now.value = datetime(2026, 3, 18, tzinfo=UTC) + timedelta(hours=hour)
        body = api.get("/practice/today").get_json()
        assert body["date"] == TODAY
        picks.append(body["item"]["id"])
    assert len(set(picks)) == 1
    now.value = datetime(2026, 3, 18, 23, 30, tzinfo=UTC)  # already the 19th in Berlin
    tomorrow = api.get("/practice/today").get_json()
    assert tomorrow["date"] == "2026-03-19"
    assert tomorrow["item"]["id"] != picks[0]


def test_no_item_comes_back_before_the_bank_is_exhausted(api, now):
    size = len(api.get("/practice/items").get_json())
    seen = []
    for day in range(size):
        now.value = datetime(2026, 3, 18, 12, tzinfo=UTC) + timedelta(days=day)
        seen.append(api.get("/practice/today").get_json()["item"]["id"])
    assert len(set(seen)) == size
    now.value += timedelta(days=1)
    assert api.get("/practice/today").get_json()["item"]["id"] == seen[0]


def test_users_get_their_own_rotation(app, api, now):
    others = [api_client(app, f"user{n}@example.com") for n in range(5)]
    today = {client.get("/practice/today").get_json()["item"]["id"] for client in [api, *others]}
    assert len(today) >= 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"date": TODAY, "rating": 3}, {"item_id": None, "rating": 3, "note": ""}),
        (
            {"date": YESTERDAY, "rating": 1, "item_id": "posture-reset", "note": "Slumped twice."},
            {"item_id": "posture-reset", "rating": 1, "note": "Slumped twice."},
        ),
        (
            {"date": "2000-01-01", "rating": 5, "item_id": None, "note": "n" * 2000},
            {"item_id": None, "rating": 5, "note": "n" * 2000},
        ),
    ],
    ids=case_id,
)
def test_log_practice_answers_201_with_the_session(api, conforms, body, expected):
    answer = api.post("/practice", body)
    assert answer.status_code == 201, answer.get_json()
    session = conforms(answer)
    assert session == {"id": session["id"], "date": body["date"], **expected}
    assert list(session) == ["id", "date", "item_id", "rating", "note"]
    assert api.get("/practice").get_json() == [session]


def test_every_item_of_the_bank_can_be_practised(api):
    for item in api.get("/practice/items").get_json()[:5]:
        body = {"date": TODAY, "rating": 4, "item_id": item["id"]}
        assert api.post("/practice", body).status_code == 201


def test_list_practice_newest_first(api, conforms):
    for day in ("2026-03-10", YESTERDAY, "2026-03-15", YESTERDAY):
        api.post("/practice", {"date": day, "rating": 3})
    rows = conforms(api.get("/practice"))
    assert [r["date"] for r in rows] == [YESTERDAY, YESTERDAY, "2026-03-15", "2026-03-10"]
    assert rows[0]["id"] > rows[1]["id"]


def test_practice_raises_the_practice_goal_and_never_lowers_it(api):
    goal = api.goal_ids()["practice"]
    api.put(f"/goals/{goal}/entries/{YESTERDAY}", {"value": 4, "note": "Mock interview"})
    for day in (TODAY, TODAY, YESTERDAY):
        api.post("/practice", {"date": day, "rating": 4})
    entries = goal_entries(api, "practice")
    assert {day: (e["value"], e["note"]) for day, e in entries.items()} == {
        YESTERDAY: (4, "Mock interview"),
        TODAY: (2, ""),
    }
    assert entries[TODAY]["done"] is True
    assert api.get("/today").get_json()["streak"]["current"] == 2


def test_practice_without_a_practice_goal_changes_no_entry(api):
    api.delete(f"/goals/{api.goal_ids()['practice']}")
    assert api.post("/practice", {"date": TODAY, "rating": 2}).status_code == 201
    for goal in api.get("/goals").get_json():
        assert api.get(f"/goals/{goal['id']}/entries").get_json() == []


BAD_PRACTICE = [
    *[({"date": day}, "date") for day in [*BAD_BODY_DATES, *REFUSED_DATES]],
    ({"rating": 0}, "rating"),
    ({"rating": 6}, "rating"),
    ({"rating": -1}, "rating"),
    ({"rating": "3"}, "rating"),
    ({"rating": 3.5}, "rating"),
    ({"rating": 3.0}, "rating"),
    ({"rating": True}, "rating"),
    ({"rating": None}, "rating"),
    ({"item_id": "no-such-item"}, "item_id"),
    ({"item_id": ""}, "item_id"),
    ({"item_id": "POSTURE-RESET"}, "item_id"),
    ({"item_id": "x" * 65}, "item_id"),
    ({"item_id": 1}, "item_id"),
    ({"item_id": "\x00"}, "item_id"),
    ({"note": "n" * 2001}, "note"),
    ({"note": None}, "note"),
    ({"note": 5}, "note"),
    ({"note": "a\x00b"}, "note"),
    ({"kind": "behavioural"}, "kind"),
    ({"id": 1}, "id"),
]


@pytest.mark.parametrize(
    ("change", "field"), BAD_PRACTICE, ids=[case_id(c) for c, _ in BAD_PRACTICE]
)
def test_log_practice_refuses_bad_field(api, change, field):
    api.post("/practice", {"date": "2026-03-01", "rating": 2})
    with unchanged(api):
        error(api.post("/practice", {"date": TODAY, "rating": 3, **change}), 400, field)


@pytest.mark.parametrize(
    ("body", "missing"),
    [({"date": TODAY}, ["rating"]), ({"rating": 3}, ["date"]), ({}, ["date", "rating"])],
)
def test_log_practice_refuses_missing_fields(api, body, missing):
    with unchanged(api):
        error(api.post("/practice", body), 400, *missing)


def test_lists_hold_only_the_callers_own_sessions(api, other_api):
    other_api.post("/practice", {"date": TODAY, "rating": 5, "note": "theirs"})
    mine = api.post("/practice", {"date": TODAY, "rating": 2}).get_json()
    assert api.get("/practice").get_json() == [mine]


# While an interview lies in the next 7 days, the pick fits its kind (SPEC section 4).


def _interview_in(api, days: int, kind: str) -> int:
    application = api.post("/applications", {"company": "Acme", "role": "Engineer"}).get_json()
    day = (date.fromisoformat(TODAY) + timedelta(days=days)).isoformat()
    body = {"starts_at": f"{day}T10:00", "kind": kind}
    answer = api.post(f"/applications/{application['id']}/interviews", body)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["id"]


def _pick(api) -> dict:
    return api.get("/practice/today").get_json()["item"]


def _whole_bank_pick(api) -> dict:
    user_id = api.get("/me").get_json()["id"]
    item = daily_pick(user_id, date.fromisoformat(TODAY))
    return {"id": item.id, "kind": item.kind, "text": item.text}


def test_a_technical_interview_in_3_days_picks_a_fitting_item_all_day(api, now, conforms):
    _interview_in(api, 3, "technical")
    user_id = api.get("/me").get_json()["id"]
    fitting = items_for("technical")
    expected = daily_pick(user_id, date.fromisoformat(TODAY), fitting)
    picks = []
    for hour in (-1, 0, 12, 22):  # 00:00 to 23:00 in Berlin
        now.value = datetime(2026, 3, 18, tzinfo=UTC) + timedelta(hours=hour)
        picks.append(conforms(api.get("/practice/today"))["item"])
    assert all(pick == picks[0] for pick in picks)
    assert picks[0]["id"] == expected.id
    assert picks[0]["kind"] in {"technical", "body_language", "confidence"}


def test_a_pick_that_fits_comes_from_the_fitting_items_across_days(api, now):
    _interview_in(api, 7, "behavioural")
    seen = set()
    for day in range(8):  # from the 18th to the 25th, the interview's day
        now.value = datetime(2026, 3, 18, 12, tzinfo=UTC) + timedelta(days=day)
        seen.add(_pick(api)["kind"])
    assert seen <= {"behavioural", "body_language", "confidence"}


@pytest.mark.parametrize("kind", ["phone", "video", "onsite", "panel", "final", "other"])
def test_other_kinds_pick_a_body_language_or_nerves_drill(api, kind):
    _interview_in(api, 1, kind)
    assert _pick(api)["kind"] in {"body_language", "confidence"}


def test_an_interview_8_days_away_leaves_the_whole_bank(api):
    _interview_in(api, 8, "technical")
    assert _pick(api) == _whole_bank_pick(api)


def test_a_cancelled_interview_no_longer_decides(api):
    interview = _interview_in(api, 2, "technical")
    assert api.delete(f"/interviews/{interview}").status_code == 204
    assert _pick(api) == _whole_bank_pick(api)


def test_another_users_interview_does_not_change_the_pick(api, other_api):
    _interview_in(other_api, 2, "technical")
    assert _pick(api) == _whole_bank_pick(api)
