"""Push reminders in the service worker: a push shows its notification, the nudge's "done"
action checks the goal in without opening the app (or queues it offline), and the worker
keeps the subscription when the browser replaces it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.browser import flows
from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]
BERLIN = ZoneInfo("Europe/Berlin")
NO_BACKGROUND_SYNC = (
    "Object.defineProperty(ServiceWorkerRegistration.prototype, 'sync', {get: () => undefined});"
)


def _berlin_today() -> date:
    return datetime.now(UTC).astimezone(BERLIN).date()


def nudge(goal_id: int, day: date) -> dict:
    return {
        "kind": "nudge",
        "title": "Still time today",
        "body": "One small step keeps the streak going.",
        "url": "/",
        "tag": "bring-it-on-nudge",
        "actions": [{"action": "done", "title": "Mark done"}],
        "data": {"goal_id": goal_id, "date": day.isoformat(), "url": "/"},
    }


@pytest.fixture
def signed_in(phone, live_server):
    """A signed-up user on a page the worker controls, with notifications allowed."""
    phone.context.grant_permissions(["notifications"], origin=live_server)
    flows.sign_up(phone, "push")
    flows.wait_until_controlled(phone)
    phone.goto("/")
    # app.js hands the worker the session (user and CSRF token) it checks in with.
    flows.wait_for(phone, "import('/static/js/outbox.js').then((o) => o.getSession())")
    return phone


def test_a_push_shows_its_notification(signed_in, live_server):
    flows.deliver_push(signed_in, nudge(7, date(2026, 3, 18)) | {"url": "/history"})
    [shown] = flows.notifications(signed_in)
    assert shown["title"] == "Still time today"
    assert shown["body"] == "One small step keeps the streak going."
    assert shown["tag"] == "bring-it-on-nudge"
    assert shown["icon"] == f"{live_server}/static/icons/icon-192.png"
    assert shown["badge"] == f"{live_server}/static/icons/badge-96.png"
    assert shown["actions"] == [{"action": "done", "title": "Mark done"}]
    assert shown["data"]["url"] == "/history"
    assert signed_in.problems == []


def test_a_repeat_replaces_the_notification_instead_of_stacking(signed_in):
    plan = {
        "kind": "plan",
        "title": "Today: 3 goals",
        "body": "Apply, practise, reflect.",
        "url": "/",
        "tag": "bring-it-on-plan",
        "actions": [],
    }
    flows.deliver_push(signed_in, plan)
    flows.notifications(signed_in)
    flows.deliver_push(signed_in, plan | {"title": "Today: 3 goals, again"})
    [shown] = flows.notifications(signed_in)
    assert shown["title"] == "Today: 3 goals, again"


@pytest.mark.parametrize(
    ("data", "title"),
    [
        ("not json at all", "Bring It On"),
        ('{"title": 5, "url": "https://elsewhere.example/phish"}', "Bring It On"),
    ],
)
def test_an_unreadable_push_still_shows_a_plain_reminder_to_the_app(signed_in, data, title):
    flows.deliver_push(signed_in, data)
    [shown] = flows.notifications(signed_in)
    assert shown["title"] == title
    assert shown["body"] == "Your goals for today are waiting."
    assert shown["data"]["url"] == "/"  # never another site
    assert shown["actions"] == []


def test_done_checks_the_goal_in_for_the_nudges_date_without_opening_the_app(app, signed_in):
    goal_id = flows.goal_ids(signed_in)[0]
    yesterday = _berlin_today() - timedelta(days=1)  # the nudge came last night
    flows.deliver_push(signed_in, nudge(goal_id, yesterday))
    flows.notifications(signed_in)
    pages = len(signed_in.context.pages)

    result = flows.click_notification(signed_in, "bring-it-on-nudge", "done")
    assert result["outcome"] == "sent"
    assert flows.entry_on(app, goal_id, yesterday) == (1, False)
    assert flows.entry_on(app, goal_id, _berlin_today()) is None
    assert len(signed_in.context.pages) == pages  # no window was opened
    assert flows.notifications(signed_in, count=0) == []  # the nudge is gone
    assert signed_in.problems == []


def test_done_without_a_network_waits_in_the_outbox_and_is_sent_later(app, signed_in):
    signed_in.context.add_init_script(NO_BACKGROUND_SYNC)
    goal_id = flows.goal_ids(signed_in)[1]
    today = _berlin_today()
    flows.deliver_push(signed_in, nudge(goal_id, today))
    flows.notifications(signed_in)

    signed_in.context.set_offline(True)
    assert flows.click_notification(signed_in, "bring-it-on-nudge", "done")["outcome"] == "queued"
    [queued] = flows.outbox(signed_in)
    assert (queued["method"], queued["goalId"], queued["date"]) == (
        "PUT",
        str(goal_id),
        today.isoformat(),
    )
    assert flows.entry_on(app, goal_id, today) is None

    signed_in.context.set_offline(False)
    signed_in.reload()  # opening the app replays what waits
    flows.wait_for_empty_outbox(signed_in)
    assert flows.entry_on(app, goal_id, today) == (1, False)


def test_done_for_a_goal_the_server_refuses_says_so_in_a_notification(signed_in):
    flows.deliver_push(signed_in, nudge(999999, _berlin_today()))
    flows.notifications(signed_in)
    result = flows.click_notification(signed_in, "bring-it-on-nudge", "done")
    assert result["outcome"] == "refused"
    [shown] = flows.notifications(signed_in)
    assert shown["title"] == "That check-in was not saved"
    assert shown["actions"] == []
    assert flows.outbox(signed_in) == []


def test_done_after_signing_out_checks_nothing_in(app, signed_in, live_server):
    goal_id = flows.goal_ids(signed_in)[0]
    signed_in.get_by_role("button", name="Sign out").click()
    signed_in.wait_for_url("**/login**")
    flows.deliver_push(signed_in, nudge(goal_id, _berlin_today()))
    flows.notifications(signed_in)
    result = flows.click_notification(signed_in, "bring-it-on-nudge", "done")
    # Nobody is signed in here: the app opens (to its sign-in page) instead.
    assert result["outcome"] == "opened"
    assert result["windows"] == [["focus", f"{live_server}/login"]]
    assert flows.entry_on(app, goal_id, _berlin_today()) is None
    assert flows.outbox(signed_in) == []


def test_a_tap_on_the_notification_brings_the_open_app_to_its_page(signed_in, live_server):
    flows.deliver_push(signed_in, nudge(1, _berlin_today()) | {"url": "/history"})
    flows.notifications(signed_in)
    result = flows.click_notification(signed_in, "bring-it-on-nudge")
    assert result["outcome"] == "opened"
    assert result["windows"] == [["focus", f"{live_server}/"]]  # the window already open
    signed_in.wait_for_url(f"{live_server}/history")
    assert len(signed_in.context.pages) == 1
    assert flows.notifications(signed_in, count=0) == []


def test_a_tap_on_a_notification_for_the_page_already_open_only_focuses_it(signed_in, live_server):
    flows.deliver_push(signed_in, nudge(1, _berlin_today()))
    flows.notifications(signed_in)
    result = flows.click_notification(signed_in, "bring-it-on-nudge")
    assert result["windows"] == [["focus", f"{live_server}/"]]
    assert signed_in.url == f"{live_server}/"


def test_a_declarative_push_alone_makes_the_notification_and_the_badge(signed_in, live_server):
    """A push with only the declarative message (W3C Push API; what a server may send to
    Safari) still shows its notification, opens its page and sets the app badge."""
    declarative = {
        "web_push": 8030,
        "notification": {
            "title": "Tomorrow: interview at Acme",
            "body": "10:00, video call.",
            "navigate": f"{live_server}/history",
            "tag": "bring-it-on-interview_prep-7",
            "lang": "en",
        },
        "app_badge": 2,
        "mutable": True,
    }
    # What the worker asks of the badge is recorded (headless Chromium shows none).
    flows.service_worker(signed_in).evaluate(
        "() => { self.__badges = []; self.navigator.setAppBadge = async (n) =>"
        " { self.__badges.push(n); }; }"
    )
    flows.deliver_push(signed_in, declarative)
    [shown] = flows.notifications(signed_in)
    assert shown["title"] == "Tomorrow: interview at Acme"
    assert shown["body"] == "10:00, video call."
    assert shown["tag"] == "bring-it-on-interview_prep-7"
    assert shown["data"]["url"] == "/history"
    assert flows.service_worker(signed_in).evaluate("() => self.__badges") == [2]
    result = flows.click_notification(signed_in, "bring-it-on-interview_prep-7")
    assert result["outcome"] == "opened"
    signed_in.wait_for_url(f"{live_server}/history")
