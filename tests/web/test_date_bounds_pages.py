"""The pages take the same out-of-bounds dates as the API (0001-01-01, 9999-12-31, just
before 2000, tomorrow): each form says so beside its field (a 400 page, never a 500), the
Today page shows the nearest day it can, and nothing is stored."""

from __future__ import annotations

import pytest

from tests.web.pages import error_beside, page, parse, post

EDGES = ["0001-01-01", "1999-12-31", "2026-03-19", "9999-12-31"]


FORMS = {
    "rejection": ("/rejections", {"date": "{day}"}, "date"),
    "break": ("/breaks", {"start": "{day}", "end": "{day}"}, "start"),
    "application": (
        "/journal/applications",
        {"company": "A", "role": "B", "date": "{day}"},
        "date",
    ),
    "practice": ("/journal/practice", {"date": "{day}", "rating": "3"}, "date"),
    "reflection": ("/journal/reflections", {"date": "{day}", "text": "x"}, "date"),
}
# Every form with every edge; a break may be planned ahead (SPEC 2), so not tomorrow on.
CASES = [
    pytest.param(*FORMS[name], day, id=f"{day}-{name}")
    for day in EDGES
    for name in FORMS
    if not (name == "break" and day > "2026-03-18")
]


@pytest.mark.parametrize(("path", "form", "field", "day"), CASES)
def test_a_form_refuses_a_date_out_of_bounds_beside_the_field(member, path, form, field, day):
    answer = post(member, path, {k: v.format(day=day) for k, v in form.items()})
    assert answer.status_code == 400
    assert error_beside(parse(answer.get_data(as_text=True)), field)
    for shown in ("/", "/history", "/journal", "/insights"):
        assert member.get(shown).status_code == 200


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("0001-01-01", "2000-01-01"),
        ("1999-12-31", "2000-01-01"),
        ("9999-12-31", "2026-03-18"),
        ("2026-03-19", "2026-03-18"),
    ],
)
def test_the_today_page_shows_the_nearest_day_it_can(member, asked, shown):
    document = page(member, f"/?date={asked}")
    first = document.all(data_goal_id=True)[0]
    assert {i.attrs["value"] for i in first.all("input", name="date")} == {shown}


@pytest.mark.parametrize("day", EDGES)
def test_a_check_in_out_of_bounds_is_refused_beside_the_goal(member, day):
    goal = page(member, "/").all(data_goal_id=True)[0].attrs["data-goal-id"]
    answer = post(member, f"/checkin/{goal}", {"date": day, "action": "toggle"})
    assert answer.status_code == 400
    assert member.get("/").status_code == 200
