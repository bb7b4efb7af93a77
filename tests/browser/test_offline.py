"""Offline in a real browser: the service worker, the saved Today page, the outbox of
check-ins, replays, midnight, refusals, and updates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser import flows
from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM
from tracker import queries
from tracker.extensions import db
from tracker.services import goals as goal_service

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]
BERLIN = ZoneInfo("Europe/Berlin")
# Replays by Background Sync come on their own; hide it to see each page-side trigger work.
NO_BACKGROUND_SYNC = (
    "Object.defineProperty(ServiceWorkerRegistration.prototype, 'sync', {get: () => undefined});"
)
TRIGGERS = {
    "online": "window.dispatchEvent(new Event('online'))",
    "visible": "document.dispatchEvent(new Event('visibilitychange'))",
    "worker-message": "navigator.serviceWorker.controller.postMessage({type: 'replay'})",
}


def _berlin_today() -> date:
    return datetime.now(UTC).astimezone(BERLIN).date()


def test_the_service_worker_registers_and_controls_the_page(phone):
    flows.sign_up(phone)
    flows.wait_until_controlled(phone)
    script = phone.evaluate("navigator.serviceWorker.controller.scriptURL")
    assert script.endswith("/sw.js")
    scope = phone.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.scope)")
    assert scope.endswith("/") and scope.count("/") == 3  # the root scope
    shell = phone.evaluate(
        """caches.keys().then((names) => names.find((n) => n.startsWith('bio-shell-')))
           .then((name) => caches.open(name)).then((cache) => cache.keys())
           .then((requests) => requests.map((r) => new URL(r.url).pathname))"""
    )
    for path in ("/offline", "/static/css/app.css", "/static/js/today.js", "/static/js/outbox.js"):
        assert path in shell
    assert phone.problems == []


def test_offline_reload_shows_the_saved_today_page_marked_offline(phone):
    flows.sign_up(phone)
    flows.toggles(phone).first.click()
    expect(phone.locator("[data-streak-current]")).to_have_text("1")
    flows.save_today_for_offline(phone)
    banner = phone.locator('[data-controller="offline-banner"]')
    expect(banner).to_be_hidden()

    phone.context.set_offline(True)
    answer = phone.reload()
    assert answer.from_service_worker
    assert "script-src 'self'" in answer.headers["content-security-policy"]  # kept with the copy
    assert "content-encoding" not in answer.headers  # the copy is stored decoded
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("You\u2019re offline.")
    expect(banner.locator("time")).not_to_be_empty()
    expect(phone.locator("[data-goal-id]")).to_have_count(3)
    expect(flows.toggles(phone).first).to_have_attribute("aria-pressed", "true")
    expect(phone.locator("[data-streak-current]")).to_have_text("1")
    flows.screenshot(phone, "offline-today")

    phone.goto("/history")  # not saved: the offline page, not somebody's stale history
    expect(phone.get_by_role("heading", name="You\u2019re offline")).to_be_visible()
    flows.screenshot(phone, "offline-page")
    phone.get_by_role("link", name="Open Today").click()
    expect(banner).to_be_visible()


@pytest.mark.parametrize("trigger", [*TRIGGERS, "reload"])
def test_a_check_in_tapped_offline_waits_and_is_sent_when_the_network_is_back(app, phone, trigger):
    phone.context.add_init_script(NO_BACKGROUND_SYNC)
    flows.sign_up(phone)
    flows.save_today_for_offline(phone)
    goal = phone.locator("[data-goal-id]").first
    goal_id = flows.goal_ids(phone)[0]
    count = phone.locator("[data-waiting-count]")
    expect(count).to_be_hidden()
    flows.expect_waiting(phone, goal, False)

    phone.context.set_offline(True)
    toggle = flows.toggles(phone).first
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    flows.expect_waiting(phone, goal, True)
    expect(count).to_have_text("1 check-in waiting to be sent.")
    expect(phone.locator("[data-status]")).to_contain_text("Saved on this device")
    flows.screenshot(phone, "waiting-to-be-sent")
    [queued] = flows.outbox(phone)
    assert queued["method"] == "PUT"
    assert queued["date"] == _berlin_today().isoformat()
    assert queued["body"] == {"value": 1, "skipped": False}
    assert flows.entry_on(app, goal_id, _berlin_today()) is None  # not on the server yet
    # Back online, but the server cannot be reached yet: the automatic replays (Chromium fires
    # `online` itself here) fail and keep the check-in; then the server is back.
    phone.context.route("**/api/v1/goals/*/entries/*", lambda route: route.abort("failed"))
    phone.context.set_offline(False)
    phone.evaluate(TRIGGERS["online"])
    phone.wait_for_timeout(300)
    assert len(flows.outbox(phone)) == 1
    flows.expect_waiting(phone, goal, True)
    phone.context.unroute("**/api/v1/goals/*/entries/*")
    assert flows.entry_on(app, goal_id, _berlin_today()) is None

    if trigger == "reload":
        phone.reload()
    else:
        phone.evaluate(TRIGGERS[trigger])
    flows.wait_for_empty_outbox(phone)
    expect(count).to_be_hidden()
    flows.expect_waiting(phone, phone.locator("[data-goal-id]").first, False)
    expect(flows.toggles(phone).first).to_have_attribute("aria-pressed", "true")
    expect(phone.locator("[data-streak-current]")).to_have_text("1")
    assert flows.entry_on(app, goal_id, _berlin_today()) == (1, False)
    assert flows.script_errors(phone) == []


def test_a_tap_that_reaches_the_server_sends_what_was_waiting(app, phone):
    """today.js asks app.js (the `outbox:replay` event) to replay once a tap got through."""
    phone.context.add_init_script(NO_BACKGROUND_SYNC)
    flows.sign_up(phone)
    flows.save_today_for_offline(phone)
    first, second = flows.goal_ids(phone)[:2]
    phone.context.set_offline(True)
    flows.toggles(phone).first.click()
    flows.expect_waiting(phone, phone.locator("[data-goal-id]").first, True)
    # Back online, but the first replays (Chromium fires `online` itself) cannot get through.
    phone.context.route("**/api/v1/goals/*/entries/*", lambda route: route.abort("failed"))
    phone.context.set_offline(False)
    phone.evaluate(TRIGGERS["online"])
    phone.wait_for_timeout(300)
    assert len(flows.outbox(phone)) == 1
    phone.context.unroute("**/api/v1/goals/*/entries/*")

    flows.toggles(phone).nth(1).click()  # no other trigger fires: only this tap's success
    flows.wait_for_empty_outbox(phone)
    expect(phone.locator("[data-waiting-count]")).to_be_hidden()
    assert flows.entry_on(app, first, _berlin_today()) == (1, False)
    assert flows.entry_on(app, second, _berlin_today()) == (1, False)
    assert flows.script_errors(phone) == []


def test_background_sync_sends_what_the_page_could_not(app, phone):
    """The page's own request fails; the worker, woken by Background Sync, sends it."""
    flows.sign_up(phone)
    flows.wait_until_controlled(phone)
    assert phone.evaluate("navigator.serviceWorker.getRegistration().then((r) => 'sync' in r)")
    goal_id = flows.goal_ids(phone)[0]
    phone.route("**/api/v1/**", lambda route: route.abort("internetdisconnected"))  # page only
    flows.toggles(phone).first.click()
    flows.wait_for_empty_outbox(phone)
    expect(phone.locator("[data-status]")).to_contain_text("Sent: 1 check-in")
    expect(phone.locator("[data-waiting-count]")).to_be_hidden()
    assert flows.entry_on(app, goal_id, _berlin_today()) == (1, False)


def test_a_check_in_queued_before_midnight_counts_for_that_day(app, phone, now):
    berlin_2358 = datetime(2026, 3, 18, 22, 58, tzinfo=UTC)  # 23:58 in Berlin, a Wednesday
    now.value = berlin_2358
    phone.clock.install(time=berlin_2358)
    phone.context.add_init_script(NO_BACKGROUND_SYNC)
    flows.sign_up(phone)
    expect(phone.locator("[data-day-date]")).to_have_text("Wednesday 18 March")
    first, second = flows.goal_ids(phone)[:2]

    phone.context.set_offline(True)
    phone.clock.fast_forward("01:00")  # 23:59
    flows.toggles(phone).first.click()
    flows.expect_waiting(phone, phone.locator("[data-goal-id]").first, True)
    assert [item["date"] for item in flows.outbox(phone)] == ["2026-03-18"]

    phone.clock.fast_forward("06:00")  # 00:05 on Thursday, in the browser and on the server
    now.value = datetime(2026, 3, 18, 23, 5, tzinfo=UTC)
    phone.context.set_offline(False)
    phone.evaluate(TRIGGERS["online"])
    flows.wait_for_empty_outbox(phone)
    assert flows.entry_on(app, first, date(2026, 3, 18)) == (1, False)
    assert flows.entry_on(app, first, date(2026, 3, 19)) is None

    # A tap now counts for Thursday, and the page moves to the new day first.
    flows.toggles(phone).nth(1).click()
    expect(phone.locator("[data-day-date]")).to_have_text("Thursday 19 March")
    expect(flows.toggles(phone).first).to_have_attribute("aria-pressed", "false")
    expect(flows.toggles(phone).nth(1)).to_have_attribute("aria-pressed", "true")
    expect(phone.locator("[data-status]")).to_contain_text("Done")
    assert flows.entry_on(app, second, date(2026, 3, 19)) == (1, False)
    assert flows.entry_on(app, second, date(2026, 3, 18)) is None


def test_a_check_in_refused_on_replay_is_dropped_and_the_user_is_told(app, phone):
    email = flows.sign_up(phone)
    flows.save_today_for_offline(phone)
    goal_id = flows.goal_ids(phone)[0]
    phone.context.set_offline(True)
    flows.toggles(phone).first.click()
    expect(phone.locator("[data-waiting-count]")).to_have_text("1 check-in waiting to be sent.")

    with app.app_context():  # meanwhile, on another device, the goal is deleted
        user = queries.user_by_email(db.session, email)
        goal_service.delete_goal(db.session, goal_service.get_goal(db.session, user, goal_id))
        db.session.commit()
        db.session.remove()

    phone.context.set_offline(False)
    phone.evaluate(TRIGGERS["online"])
    status = phone.locator("[data-status]")
    expect(status).to_contain_text("Not saved: Send 1 application for")
    expect(status).to_contain_text("No such goal.")  # the server's own words (a 404)
    flows.wait_for_empty_outbox(phone)
    expect(phone.locator("[data-waiting-count]")).to_be_hidden()
    flows.expect_waiting(phone, phone.locator("[data-goal-id]").first, False)
    expect(flows.toggles(phone).first).to_have_attribute("aria-pressed", "false")


def test_signing_out_forgets_the_saved_today_page(phone):
    flows.sign_up(phone)
    flows.save_today_for_offline(phone)
    phone.get_by_role("button", name="Sign out").click()
    phone.wait_for_url("**/login")
    assert not phone.evaluate("caches.open('bio-pages').then((c) => c.match('/')).then(Boolean)")
    assert phone.evaluate("import('/static/js/outbox.js').then((o) => o.getSession())") is None

    phone.context.set_offline(True)
    phone.goto("/")
    expect(phone.get_by_role("heading", name="You\u2019re offline")).to_be_visible()
    expect(phone.locator("[data-goal-id]")).to_have_count(0)


def test_signing_in_as_someone_else_never_shows_the_last_persons_page(phone):
    flows.sign_up(phone, "first")
    flows.save_today_for_offline(phone)
    phone.context.clear_cookies()  # the session ends without the sign-out button
    phone.goto("/")  # redirected to /login: the worker forgets the page
    phone.wait_for_url("**/login**")
    assert not phone.evaluate("caches.open('bio-pages').then((c) => c.match('/')).then(Boolean)")


def test_a_new_version_offers_an_update_and_reload_activates_it(app, phone):
    flows.sign_up(phone)
    flows.wait_until_controlled(phone)
    bar = phone.locator('[data-controller="update"]')
    expect(bar).to_be_hidden()
    old = app.config["ASSET_VERSION"]
    try:
        app.config["ASSET_VERSION"] = "test-update-2"  # a deploy: sw.js changes
        phone.reload()  # the browser checks /sw.js for a new version after a navigation
        expect(bar).to_be_visible()
        expect(bar).to_contain_text("Update available")
        flows.screenshot(phone, "update-available")
        names = phone.evaluate("caches.keys()")
        assert f"bio-shell-{old}" in names  # the old version still serves this page

        with phone.expect_navigation():
            bar.get_by_role("button", name="Reload").click()
        flows.wait_until_controlled(phone)
        expect(bar).to_be_hidden()
        names = phone.evaluate("caches.keys()")
        assert "bio-shell-test-update-2" in names
        assert f"bio-shell-{old}" not in names
        assert phone.evaluate(
            "navigator.serviceWorker.getRegistration().then((r) => r.waiting === null)"
        )
    finally:
        app.config["ASSET_VERSION"] = old


def test_a_page_the_worker_did_not_claim_asks_to_be_claimed(phone):
    # Reloading past the worker leaves the page uncontrolled, as one still loading when the
    # worker first activated is (clients.claim() skips it).
    flows.sign_up(phone)
    flows.wait_until_controlled(phone)
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Network.enable")
    cdp.send("Network.setBypassServiceWorker", {"bypass": True})
    phone.reload()
    cdp.send("Network.setBypassServiceWorker", {"bypass": False})
    cdp.detach()
    flows.wait_until_controlled(phone)
    assert phone.problems == []
