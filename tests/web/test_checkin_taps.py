"""No tap loses a check-in (SPEC section 2): a rest day keeps the value and note, a tap on a
count goal's card adds one, and taps that land at once each count."""

from __future__ import annotations

import threading

from tests.web.conftest import TODAY
from tests.web.pages import page, post, today_goals, token
from tracker.services.accounts import STARTER_GOALS

APPLY = STARTER_GOALS[0][1]


def _goal(member, title: str = APPLY) -> int:
    return int(today_goals(page(member, "/"))[title].attrs["data-goal-id"])


def _tap(member, goal_id: int, action: str, **fields):
    answer = post(member, f"/checkin/{goal_id}", {"date": TODAY, "action": action, **fields})
    assert answer.status_code == 302, answer.get_data(as_text=True)


def _entry(member, goal_id: int) -> dict | None:
    entries = member.get(f"/api/v1/goals/{goal_id}/entries?from={TODAY}&to={TODAY}").get_json()
    return entries[0] if entries else None


def _count_goal(member, target: int) -> int:
    goal_id = _goal(member)
    answer = member.patch(
        f"/api/v1/goals/{goal_id}", json={"target": target}, headers={"X-CSRFToken": token(member)}
    )
    assert answer.status_code == 200
    return goal_id


def test_a_rest_day_and_back_keeps_the_check_in_and_its_note(member):
    goal_id = _count_goal(member, 3)
    for _ in range(2):
        _tap(member, goal_id, "plus")
    _tap(member, goal_id, "note", note="Two sent before lunch")
    _tap(member, goal_id, "skip")
    assert _entry(member, goal_id) | {"done": None} == {
        "goal_id": goal_id,
        "date": TODAY,
        "value": 2,
        "skipped": True,
        "note": "Two sent before lunch",
        "done": None,
    }
    _tap(member, goal_id, "skip")
    entry = _entry(member, goal_id)
    assert (entry["value"], entry["skipped"], entry["note"]) == (2, False, "Two sent before lunch")


def test_tick_then_rest_day_twice_keeps_the_tick_and_the_best_streak(member):
    goal_id = _goal(member)
    _tap(member, goal_id, "toggle")
    best = member.get("/api/v1/streaks").get_json()["day"]["best"]
    _tap(member, goal_id, "skip")
    _tap(member, goal_id, "skip")
    assert _entry(member, goal_id)["done"] is True
    assert member.get("/api/v1/streaks").get_json()["day"]["best"] == best == 1


def test_a_rest_day_on_an_untouched_goal_records_nothing_done(member):
    goal_id = _goal(member)
    _tap(member, goal_id, "skip")
    assert (_entry(member, goal_id)["value"], _entry(member, goal_id)["skipped"]) == (0, True)
    _tap(member, goal_id, "skip")
    assert (_entry(member, goal_id)["value"], _entry(member, goal_id)["skipped"]) == (0, False)


def test_rest_day_is_offered_only_on_a_goal_not_done(member):
    goal_id = _goal(member)
    rest_day = today_goals(page(member, "/"))[APPLY].one("button", value="skip")
    assert "hidden" not in rest_day.attrs
    _tap(member, goal_id, "toggle")
    rest_day = today_goals(page(member, "/"))[APPLY].one("button", value="skip")
    assert "hidden" in rest_day.attrs


def test_a_tap_on_a_count_goals_card_adds_one_and_never_resets_it(member):
    goal_id = _count_goal(member, 3)
    for _ in range(4):
        _tap(member, goal_id, "plus")
    _tap(member, goal_id, "toggle")  # the card itself, at 4/3
    assert _entry(member, goal_id)["value"] == 5
    _tap(member, goal_id, "minus")
    assert _entry(member, goal_id)["value"] == 4


def test_a_tap_on_a_rest_day_counts_again(member):
    goal_id = _count_goal(member, 3)
    _tap(member, goal_id, "plus")
    _tap(member, goal_id, "skip")
    _tap(member, goal_id, "plus")
    entry = _entry(member, goal_id)
    assert (entry["value"], entry["skipped"]) == (2, False)


def test_one_less_stops_at_zero(member):
    goal_id = _count_goal(member, 3)
    _tap(member, goal_id, "minus")
    assert _entry(member, goal_id)["value"] == 0


def test_sixteen_taps_at_once_add_sixteen(app, member):
    goal_id = _count_goal(member, 20)
    csrf = token(member)
    cookie = member.get_cookie("bio_session").value
    start = threading.Barrier(16)
    answers: list[int] = []

    def tap() -> None:
        client = app.test_client()
        client.set_cookie("bio_session", cookie)
        start.wait()
        answer = client.post(
            f"/checkin/{goal_id}", data={"date": TODAY, "action": "plus", "csrf_token": csrf}
        )
        answers.append(answer.status_code)

    threads = [threading.Thread(target=tap) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [302] * 16
    assert _entry(member, goal_id)["value"] == 16
