"""The Today page: the markup SPEC section 8 promises, and the no-JavaScript check-in form."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests import factories
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
        pytest.param({"date": "2026-03-19"}, "still in the future", id="tomorrow"),
        pytest.param({"date": "2027-01-01"}, "still in the future", id="next-year"),
        pytest.param({"date": "1999-12-31"}, "too far in the past", id="last-century"),
        pytest.param({"date": "18.03.2026"}, "could not be read", id="not-iso"),
        pytest.param({"date": "2026-02-30"}, "could not be read", id="no-such-day"),
        pytest.param({"date": ""}, "could not be read", id="blank-date"),
        pytest.param({"action": "explode"}, "does nothing here", id="unknown-action"),
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


# --- a complete day, yesterday still open, the undo of a reset (SPEC 8) ------------------------


def _complete(document):
    return document.all(data_day_complete=True)


def test_a_day_with_every_goal_done_is_marked_complete(member):
    ids = [_goal_id(member, title) for title in TITLES]
    for goal_id in ids[:-1]:
        _checkin(member, goal_id)
    assert _complete(page(member, "/")) == []
    _checkin(member, ids[-1])
    complete = _complete(page(member, "/"))
    assert len(complete) == 1
    assert "Day complete" in complete[0].text()
    assert "hidden" not in complete[0].attrs
    _checkin(member, ids[0])  # unticked
    assert _complete(page(member, "/")) == []


def test_a_rest_day_is_not_a_complete_day(member):
    ids = [_goal_id(member, title) for title in TITLES]
    for goal_id in ids[:-1]:
        _checkin(member, goal_id)
    _checkin(member, ids[-1], action="skip")
    assert _complete(page(member, "/")) == []


def test_a_past_day_done_in_full_is_complete_too(member):
    day = "2026-03-18"
    for title in TITLES:
        _checkin(member, _goal_id(member, title), date=day)
    assert len(_complete(page(member, f"/?date={day}"))) == 1


def _yesterday_hint(client):
    return page(client, "/").all(data_yesterday_open=True)


@pytest.fixture
def returning(client, now):
    """Signed up two days before the frozen clock's date, and back today."""
    real = now.value
    now.value = real - timedelta(days=2)
    assert factories.sign_up_page(client, "back@example.com").status_code == 302
    now.value = real
    return client


def test_after_a_missed_day_today_offers_to_log_yesterday(returning):
    hints = _yesterday_hint(returning)
    assert len(hints) == 1
    assert hints[0].text() == "Yesterday is still open: log it?"
    assert hints[0].attrs["href"] == "/?date=2026-03-17"


def test_a_day_with_something_done_is_not_open(returning):
    _checkin(returning, _goal_id(returning, TITLES[0]), date="2026-03-17")
    assert _yesterday_hint(returning) == []


def test_a_rejection_shields_yesterday_so_it_is_not_open(returning):
    post(returning, "/rejections", {"date": "2026-03-17"})
    assert _yesterday_hint(returning) == []


def test_a_rest_day_yesterday_is_not_open(returning):
    for title in TITLES:
        _checkin(returning, _goal_id(returning, title), date="2026-03-17", action="skip")
    assert _yesterday_hint(returning) == []


def test_a_new_account_has_no_yesterday_to_log(member):
    assert _yesterday_hint(member) == []


def test_a_past_day_does_not_offer_yesterday(returning):
    assert page(returning, "/?date=2026-03-17").all(data_yesterday_open=True) == []


def _undo_form(document):
    buttons = document.all("button", data_undo=True)
    assert len(buttons) == 1, "one undo button"
    form = buttons[0].parent
    while form.tag != "form":
        form = form.parent
    return form, buttons[0]


def _restore(client, form, button):
    fields = {i.attrs["name"]: i.attrs["value"] for i in form.all("input") if "name" in i.attrs}
    fields[button.attrs["name"]] = button.attrs["value"]
    fields.pop("csrf_token")
    return post(client, form.attrs["action"], fields)


def test_an_untick_without_javascript_offers_its_undo_once(member):
    goal_id = _goal_id(member, TITLES[0])
    _checkin(member, goal_id)
    _checkin(member, goal_id, action="note", note="Sent to Initech.")
    assert page(member, "/").all(data_undo=True) == []
    _checkin(member, goal_id)  # unticked: reset to 0
    document = page(member, "/")
    form, button = _undo_form(document)
    assert form.attrs["method"] == "post"
    assert form.attrs["action"] == f"/checkin/{goal_id}"
    assert f"Unticked: {TITLES[0]}." in form.text()
    assert page(member, "/").all(data_undo=True) == []  # offered on the next page only

    answer = _restore(member, form, button)
    assert answer.status_code == 302
    goal = today_goals(page(member, "/"))[TITLES[0]]
    assert goal.one("button", aria_pressed=True).attrs["aria-pressed"] == "true"
    assert goal.one("textarea").text() == "Sent to Initech."


def test_one_less_down_to_zero_puts_back_the_count_and_the_rest_day(member):
    goal_id = _goal_id(member, TITLES[1])
    for action in ("plus", "plus", "minus"):  # 2, then 1: nothing was reset
        _checkin(member, goal_id, action=action)
    assert page(member, "/").all(data_undo=True) == []
    _checkin(member, goal_id, action="skip")  # a rest day keeps the 1
    _checkin(member, goal_id, action="minus")  # down to 0, and no longer a rest day
    document = page(member, "/")
    goal = today_goals(document)[TITLES[1]]
    assert (goal.attrs["data-value"], goal.attrs["data-skipped"]) == ("0", "false")
    form, button = _undo_form(document)
    assert _restore(member, form, button).status_code == 302
    goal = today_goals(page(member, "/"))[TITLES[1]]
    assert (goal.attrs["data-value"], goal.attrs["data-skipped"]) == ("1", "true")


def test_the_undo_form_cannot_write_on_another_users_goal(member, stranger):
    answer = _checkin(member, stranger["goal"], action="restore", value="1", skipped="false")
    assert answer.status_code == 404


@pytest.mark.parametrize("value", ["", "-1", "1001", "x", "\uff11"])
def test_a_restore_without_a_readable_value_is_refused(member, value):
    goal_id = _goal_id(member, TITLES[0])
    answer = _checkin(member, goal_id, action="restore", value=value)
    assert answer.status_code == 400
    goal = today_goals(parse(answer.get_data(as_text=True)))[TITLES[0]]
    assert "undo could not be read" in goal.one(role="alert").text()


def test_badge_news_is_a_card_once_then_nothing(member):
    goal_id = _goal_id(member, TITLES[0])
    page(member, "/")  # this browser has seen what it had
    post(member, "/rejections", {"date": TODAY})
    _checkin(member, goal_id)
    answer = member.get("/today/badges")
    assert answer.status_code == 200
    card = parse(answer.get_data(as_text=True)).one(data_controller="celebrate")
    assert {li.text() for li in card.all("li")} >= {"First comeback"}
    assert member.get("/today/badges").status_code == 204
    assert page(member, "/").all(data_controller="celebrate") == []
