"""SPEC 4: a journal record raises that date's entry of the first goal of its category, but
not on a date before that goal was created (the record stays in the journal)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

TODAY = date(2026, 3, 18)  # the frozen clock's date in Europe/Berlin; the goals' creation date
BEFORE = (TODAY - timedelta(days=20)).isoformat()

RECORDS = {
    "apply": ("/applications", lambda day: {"company": "Acme", "role": "Dev", "date": day}),
    "practice": ("/practice", lambda day: {"date": day, "rating": 4}),
    "reflect": ("/reflections", lambda day: {"date": day, "text": "Noted."}),
}


def _entries(api, category: str) -> dict[str, int]:
    goal = api.goal_ids()[category]
    return {e["date"]: e["value"] for e in api.get(f"/goals/{goal}/entries").get_json()}


@pytest.mark.parametrize("category", list(RECORDS))
def test_a_record_dated_before_the_goal_was_created_raises_no_entry(api, category):
    path, body = RECORDS[category]
    assert api.post(path, body(BEFORE)).status_code == 201
    assert _entries(api, category) == {}
    assert [r["date"] for r in api.get(path).get_json()] == [BEFORE]  # kept in the journal


@pytest.mark.parametrize("category", list(RECORDS))
def test_a_record_dated_on_the_creation_date_raises_its_entry(api, category):
    path, body = RECORDS[category]
    api.post(path, body(BEFORE))
    assert api.post(path, body(TODAY.isoformat())).status_code == 201
    assert _entries(api, category) == {TODAY.isoformat(): 1}
