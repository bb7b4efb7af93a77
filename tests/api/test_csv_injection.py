"""The entries CSV opens in a spreadsheet: a cell that would start a formula there is written
with a leading single quote (OWASP's advice against CSV injection); other cells as they are."""

from __future__ import annotations

import csv
import io

import pytest

DAY = "2026-03-17"


def _cells(api) -> list[str]:
    answer = api.get("/export/entries.csv")
    assert answer.status_code == 200
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True), newline="")))
    return rows[1]


@pytest.mark.parametrize(
    "note",
    ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=", "-"],
    ids=["equals", "plus", "minus", "at", "tab", "carriage-return", "bare-equals", "bare-minus"],
)
def test_a_note_that_would_start_a_formula_is_quoted(api, note):
    goal = api.goal_ids()["reflect"]
    api.put(f"/goals/{goal}/entries/{DAY}", {"value": 1, "note": note})
    assert _cells(api)[-1] == "'" + note


def test_a_goal_title_that_would_start_a_formula_is_quoted(api):
    goal = api.goal_ids()["apply"]
    api.patch(f"/goals/{goal}", {"title": "=cmd|' /C calc'!A0"})
    api.put(f"/goals/{goal}/entries/{DAY}", {"value": 1})
    assert _cells(api)[3] == "'=cmd|' /C calc'!A0"


@pytest.mark.parametrize("note", ["", "Fine = good", "a-ok", "'quoted already", "1+1"])
def test_other_cells_are_written_as_they_are(api, note):
    goal = api.goal_ids()["reflect"]
    api.put(f"/goals/{goal}/entries/{DAY}", {"value": 1, "note": note})
    cells = _cells(api)
    assert cells[0] == DAY and cells[-1] == note
    assert cells[4:8] == ["1", "1", "false", "true"]
