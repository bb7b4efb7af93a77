"""The Today page: the markup SPEC section 8 promises, and the no-JavaScript check-in form."""

from __future__ import annotations

import pytest

from tests.web.conftest import TODAY
from tests.web.pages import page, parse, post, today_goals
from tracker.services.accounts import STARTER_GOALS

TITLES = [title for _, title in STARTER_GOALS]


def _checkin(client, goal_id: int, **fields):
    return post(client, f"/checkin/{goal_id}", {"date": TODAY, "action": "toggle", **fields})


def _goal_id(client, title: str) -> int:
    return int(today_goals(page(client, "/"))[title].attrs["data-goal-id"])


def test_each_goal_holds_one_toggle_named_after_its_title(member):
    document = page(member, "/")
    goals = document.all(data_goal_id=True)
    assert len(goals) == 3
    for goal, title in zip(goals, TITLES, strict=True):
        assert goal.attrs["data-goal-id"].isdigit()
        toggles = goal.all("button", aria_pressed=True)
        assert len(toggles) == 1, "exactly one toggle per goal"
        assert toggles[0].attrs["aria-pressed"] == "false"
        assert title in toggles[0].accessible_name(document)


def test_only_the_toggle_is_named_after_the_goal(member):
    """So "the button named <title>" finds the toggle, not rest day or the counters."""
    document = page(member, "/")
    for title in TITLES:
        named = [b for b in document.all("button") if title in b.accessible_name(document)]
        assert len(named) == 1
        assert "aria-pressed" in named[0].attrs


def test_streak_starts_at_zero_and_counts_a_check_in(member):
    assert page(member, "/").one(data_streak_current=True).text() == "0"
    answer = _checkin(member, _goal_id(member, TITLES[0]))
    assert answer.status_code == 302
    document = page(member, "/")
    assert document.one(data_streak_current=True).text() == "1"
    toggle = today_goals(document)[TITLES[0]].one("button", aria_pressed=True)
    assert toggle.attrs["aria-pressed"] == "true"


@pytest.mark.parametrize(
    ("actions", "pressed", "rest_day"),
    [
        (["toggle"], "true", "false"),
        (["toggle", "toggle"], "false", "false"),
        (["skip"], "false", "true"),
        (["skip", "skip"], "false", "false"),
        (["toggle", "skip"], "false", "true"),
        (["plus"], "true", "false"),
        (["plus", "minus"], "false", "false"),
    ],
    ids=lambda value: "-".join(value) if isinstance(value, list) else value,
)
def test_check_in_form_actions_without_javascript(member, actions, pressed, rest_day):
    goal_id = _goal_id(member, TITLES[1])
    for action in actions:
        answer = _checkin(member, goal_id, action=action)
        assert answer.status_code == 302
        assert answer.headers["Location"] == f"/#goal-{goal_id}"
    goal = today_goals(page(member, "/"))[TITLES[1]]
    assert goal.one("button", aria_pressed=True).attrs["aria-pressed"] == pressed
    assert goal.one("button", value="skip").attrs["aria-checked"] == rest_day


def test_note_is_saved_and_shown_again(member):
    goal_id = _goal_id(member, TITLES[2])
    _checkin(member, goal_id, action="toggle")
    _checkin(member, goal_id, action="note", note="Wrote about the panel interview.")
    goal = today_goals(page(member, "/"))[TITLES[2]]
    assert goal.one("textarea").text() == "Wrote about the panel interview."
    assert goal.one("button", aria_pressed=True).attrs["aria-pressed"] == "true"


def test_a_past_day_is_shown_and_checked_in_for_that_day(member):
    goal_id = _goal_id(member, TITLES[0])
    answer = _checkin(member, goal_id, date="2026-03-17")
    assert answer.headers["Location"] == f"/?date=2026-03-17#goal-{goal_id}"
    yesterday = today_goals(page(member, "/?date=2026-03-17"))[TITLES[0]]
    assert yesterday.one("button", aria_pressed=True).attrs["aria-pressed"] == "true"
    today = today_goals(page(member, "/"))[TITLES[0]]
    assert today.one("button", aria_pressed=True).attrs["aria-pressed"] == "false"


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("2026-03-19", TODAY),
        ("2030-01-01", TODAY),
        ("garbage", TODAY),
        ("2026-02-30", TODAY),
        ("0001-01-01", "2000-01-01"),
        ("1999-12-31", "2000-01-01"),
        ("2026-03-01", "2026-03-01"),
    ],
)
def test_the_page_date_is_clamped_to_what_can_be_checked_in(member, asked, shown):
    document = page(member, f"/?date={asked}")
    dates = {field.attrs["value"] for field in document.all("input", name="date")}
    assert dates == {shown}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": "2026-03-19"}, "still in the future"),
        ({"date": "2027-01-01"}, "still in the future"),
        ({"date": "1999-12-31"}, "too far in the past"),
        ({"date": "18.03.2026"}, "could not be read"),
        ({"date": "2026-02-30"}, "could not be read"),
        ({"date": ""}, "could not be read"),
        ({"action": "explode"}, "does nothing here"),
    ],
    ids=[
        "tomorrow",
        "next-year",
        "last-century",
        "not-iso",
        "no-such-day",
        "blank-date",
        "unknown-action",
    ],
)
def test_check_in_refuses_bad_input_beside_the_goal(member, fields, message):
    goal_id = _goal_id(member, TITLES[0])
    _checkin(member, goal_id)  # something saved that must survive the refused post
    answer = _checkin(member, goal_id, **fields)
    assert answer.status_code == 400
    goal = today_goals(parse(answer.get_data(as_text=True)))[TITLES[0]]
    assert message in goal.one(role="alert").text()
    saved = today_goals(page(member, "/"))[TITLES[0]]
    assert saved.one("button", aria_pressed=True).attrs["aria-pressed"] == "true"


def test_a_too_long_note_is_refused_and_kept_in_the_box(member):
    goal_id = _goal_id(member, TITLES[2])
    _checkin(member, goal_id, action="note", note="First thoughts.")
    too_long = "x" * 2001
    answer = _checkin(member, goal_id, action="note", note=too_long)
    assert answer.status_code == 400
    goal = today_goals(parse(answer.get_data(as_text=True)))[TITLES[2]]
    box = goal.one("textarea", name="note")
    assert box.text() == too_long
    assert box.attrs["aria-invalid"] == "true"
    assert "2000 characters" in goal.one(id=box.attrs["aria-describedby"]).text()
    saved = today_goals(page(member, "/"))[TITLES[2]]
    assert saved.one("textarea").text() == "First thoughts."


def test_a_note_of_exactly_2000_characters_is_fine(member):
    goal_id = _goal_id(member, TITLES[2])
    assert _checkin(member, goal_id, action="note", note="y" * 2000).status_code == 302


def test_another_users_goal_answers_404(member, stranger):
    for action in ("toggle", "note"):
        answer = _checkin(member, stranger["goal"], action=action, note="mine now")
        assert answer.status_code == 404
        assert "<html" in answer.get_data(as_text=True)


def test_an_unknown_goal_answers_404(member):
    assert _checkin(member, 999_999).status_code == 404
