"""Turning reminders on in Chromium: the permission question inside the tap, the subscription
the server stores, the states a browser can be in, the devices list, the test notification
from the server through a local push service into the worker, and re-sending on app open."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import expect

from tests.browser import flows
from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM
from tracker import queries
from tracker.extensions import db
from tracker.services import push_subscriptions as subscriptions

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]
# Notification.permission as the page sees it, and a requestPermission that records whether
# it was called inside the user's gesture (iOS refuses otherwise) and gives `answer`. The
# context itself is granted notifications, so the worker can show them.
PERMISSION = """(() => {
  let state = %s;
  const answer = %s;
  window.__asked = [];
  Object.defineProperty(Notification, "permission", { get: () => state, configurable: true });
  Notification.requestPermission = function (callback) {
    window.__asked.push(navigator.userActivation.isActive);
    if (state === "default") state = answer;
    callback?.(state);
    return Promise.resolve(state);
  };
})();"""
NO_PUSH = "delete window.PushManager;"


@pytest.fixture
def made(app, push_service):
    """A subscription the local push service made for the server's key, as a browser's."""
    return push_service.subscribe(app.config["VAPID_PUBLIC_KEY"])


def _prepare(page, live_server, made, permission="default", answer="granted"):
    page.context.grant_permissions(["notifications"], origin=live_server)
    flows.stub_push_manager(page.context, made)
    page.context.add_init_script(PERMISSION % (json.dumps(permission), json.dumps(answer)))


def _devices(app, email: str) -> list[str]:
    with app.app_context():
        user = queries.user_by_email(db.session, email)
        found = [device.endpoint for device in subscriptions.devices(db.session, user)]
        db.session.remove()
        return found


def _wait_for_devices(app, email: str, wanted: list[str], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while (found := _devices(app, email)) != wanted:
        if time.monotonic() > deadline:
            raise AssertionError(f"devices {found}, expected {wanted}")
        time.sleep(0.05)


def _panel(page):
    return page.locator('[data-controller="push"]')


def _open_settings(page):
    page.goto("/settings/reminders")
    flows.wait_until_controlled(page)


def _turned_on(page, live_server, made) -> str:
    """Signed up with notifications allowed and reminders turned on here; the email."""
    _prepare(page, live_server, made, permission="granted")
    email = flows.sign_up(page, "remind")
    _open_settings(page)
    page.get_by_role("button", name="Turn on reminders").click()
    expect(_panel(page)).to_have_attribute("data-state", "on")
    return email


def test_turning_reminders_on_asks_in_the_tap_and_the_server_stores_the_device(
    app, phone, live_server, made, local_push, push_service
):
    _prepare(phone, live_server, made)
    email = flows.sign_up(phone, "remind")
    _open_settings(phone)
    panel = _panel(phone)
    expect(panel).to_have_attribute("data-state", "off")
    expect(panel.locator("[data-push-message]")).to_have_text("Reminders are off on this device.")
    flows.screenshot(phone, "reminders-off")
    assert _devices(app, email) == []

    phone.get_by_role("button", name="Turn on reminders").click()
    expect(panel).to_have_attribute("data-state", "on")
    expect(panel.locator("[data-push-message]")).to_have_text("Reminders are on for this device.")
    assert phone.evaluate("window.__asked") == [True]  # asked once, inside the tap
    assert _devices(app, email) == [made["endpoint"]]
    # The list shows the new device, marked as this one, without losing the page.
    device = phone.locator(f'[data-device-endpoint="{made["endpoint"]}"]')
    expect(device.locator("[data-this-device]")).to_be_visible()
    expect(device).to_contain_text("Chrome on Linux")
    # The switch keeps keyboard focus as one button takes the other's place.
    expect(phone.get_by_role("button", name="Turn off on this device")).to_be_focused()
    expect(phone.get_by_role("button", name="Turn on reminders")).to_be_hidden()
    flows.screenshot(phone, "reminders-on")

    # "Send a test notification": the server sends it (VAPID, aes128gcm) to the push service,
    # which hands it to this browser's worker, which shows it.
    device.get_by_role("button", name="Send a test notification").click()
    expect(phone.locator(".flash")).to_have_text(
        "Sent to Chrome on Linux. It should show in a moment."
    )
    [message] = push_service.messages_for(made["endpoint"])
    flows.deliver_push(phone, message)
    [shown] = flows.notifications(phone)
    assert (shown["title"], shown["tag"]) == ("Reminders are on", "bring-it-on-test")
    assert phone.problems == []


def test_turning_reminders_off_forgets_the_device_here_and_on_the_server(
    app, phone, live_server, made, local_push
):
    email = _turned_on(phone, live_server, made)
    assert phone.evaluate("window.__asked") == []  # already allowed: nothing to ask

    phone.get_by_role("button", name="Turn off on this device").click()
    expect(_panel(phone)).to_have_attribute("data-state", "off")
    assert _devices(app, email) == []
    assert (
        phone.evaluate("navigator.serviceWorker.ready.then((r) => r.pushManager.getSubscription())")
        is None
    )
    expect(phone.locator("#devices")).to_contain_text("No devices yet")
    phone.goto("/")  # opening the app sends nothing: there is no subscription any more
    phone.wait_for_timeout(500)
    assert _devices(app, email) == []


def test_opening_the_app_sends_the_subscription_again(app, phone, live_server, made, local_push):
    email = _turned_on(phone, live_server, made)
    with app.app_context():  # the server lost it (a restore from backup, say)
        user = queries.user_by_email(db.session, email)
        subscriptions.unsubscribe(db.session, user, made["endpoint"])
        db.session.commit()
        db.session.remove()

    phone.goto("/history")
    _wait_for_devices(app, email, [made["endpoint"]])
    phone.goto("/")  # again: still one device per endpoint
    phone.wait_for_timeout(300)
    assert _devices(app, email) == [made["endpoint"]]
    assert phone.problems == []


def test_removing_this_device_from_the_list_also_ends_its_subscription(
    app, phone, live_server, made, local_push
):
    email = _turned_on(phone, live_server, made)
    device = phone.locator(f'[data-device-endpoint="{made["endpoint"]}"]')
    expect(device.locator("[data-this-device]")).to_be_visible()

    device.get_by_role("button", name="Remove").click()
    expect(phone.locator(".flash")).to_contain_text("Chrome on Linux gets no more reminders.")
    expect(phone.locator(".undo-bar")).to_contain_text("Removed: Chrome on Linux.")
    expect(_panel(phone)).to_have_attribute("data-state", "off")
    assert _devices(app, email) == []
    phone.goto("/")  # the app does not bring it back
    phone.wait_for_timeout(500)
    assert _devices(app, email) == []


def test_signing_out_stops_reminders_here_until_signing_in_again(
    app, phone, live_server, made, local_push
):
    email = _turned_on(phone, live_server, made)
    assert _devices(app, email) == [made["endpoint"]]

    phone.get_by_role("button", name="Sign out").click()
    phone.wait_for_url("**/login**")
    assert _devices(app, email) == []  # a shared phone stops showing this person's reminders

    phone.locator("input[type=email]").fill(email)
    phone.locator("input[type=password]").fill(flows.PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url(f"{live_server}/")
    _wait_for_devices(app, email, [made["endpoint"]])  # back, with nothing to tap


def test_blocked_notifications_say_how_to_allow_them(phone, live_server, made):
    _prepare(phone, live_server, made, permission="denied")
    flows.sign_up(phone, "remind")
    _open_settings(phone)
    expect(_panel(phone)).to_have_attribute("data-state", "denied")
    expect(_panel(phone)).to_contain_text("Notifications are blocked for Bring It On.")
    expect(phone.get_by_role("button", name="Turn on reminders")).to_be_hidden()
    flows.screenshot(phone, "reminders-denied")


def test_saying_no_to_the_question_shows_the_blocked_state(app, phone, live_server, made):
    _prepare(phone, live_server, made, answer="denied")
    email = flows.sign_up(phone, "remind")
    _open_settings(phone)
    phone.get_by_role("button", name="Turn on reminders").click()
    expect(_panel(phone)).to_have_attribute("data-state", "denied")
    assert phone.evaluate("window.__subscribeCalls ?? 0") == 0
    assert _devices(app, email) == []


def test_a_refused_endpoint_is_explained_and_can_be_tried_again(app, phone, live_server, made):
    # 127.0.0.1 is not an allowed push host here: the server refuses the subscription.
    _prepare(phone, live_server, made)
    email = flows.sign_up(phone, "remind")
    _open_settings(phone)
    phone.get_by_role("button", name="Turn on reminders").click()
    expect(_panel(phone)).to_have_attribute("data-state", "error")
    expect(_panel(phone)).to_contain_text("That didn\u2019t work.")
    expect(_panel(phone)).to_contain_text("not accepted")
    expect(phone.get_by_role("button", name="Turn on reminders")).to_be_visible()
    assert _devices(app, email) == []
    flows.screenshot(phone, "reminders-error")


def test_a_browser_without_push_says_so(phone, live_server, made):
    _prepare(phone, live_server, made)
    phone.context.add_init_script(NO_PUSH)
    flows.sign_up(phone, "remind")
    _open_settings(phone)
    expect(_panel(phone)).to_have_attribute("data-state", "unsupported")
    expect(_panel(phone)).to_contain_text("This browser can\u2019t show reminders.")
    expect(phone.get_by_role("button", name="Turn on reminders")).to_be_hidden()


def test_an_iphone_in_safari_is_asked_to_add_the_app_to_the_home_screen(iphone):
    iphone.context.add_init_script(NO_PUSH)  # Safari offers push only to Home Screen apps
    flows.sign_up(iphone, "remind")
    iphone.goto("/settings/reminders")
    panel = _panel(iphone)
    expect(panel).to_have_attribute("data-state", "needs-install")
    expect(panel).to_contain_text("Add to Home Screen")
    expect(iphone.get_by_role("button", name="Turn on reminders")).to_be_hidden()
    flows.screenshot(iphone, "reminders-iphone")


def test_a_renewed_subscription_reaches_the_server_from_the_worker(
    app, phone, live_server, made, local_push, push_service
):
    """pushsubscriptionchange (Firefox fires it; Chromium never does, so the test dispatches
    it with the old and the new subscription the browser would hand over)."""
    email = _turned_on(phone, live_server, made)
    renewed = push_service.subscribe(app.config["VAPID_PUBLIC_KEY"])
    flows.wait_for(phone, "import('/static/js/outbox.js').then((o) => o.getSession())")

    flows.service_worker(phone).evaluate(
        """async ([old, renewed]) => {
          const fake = (s) => ({ endpoint: s.endpoint, toJSON: () => s });
          const event = new ExtendableEvent("pushsubscriptionchange");
          let work = Promise.resolve();
          Object.defineProperty(event, "oldSubscription", { value: fake(old) });
          Object.defineProperty(event, "newSubscription", { value: fake(renewed) });
          Object.defineProperty(event, "waitUntil", { value: (p) => { work = p; } });
          self.dispatchEvent(event);
          await work;
        }""",
        [made, renewed],
    )
    assert _devices(app, email) == [renewed["endpoint"]]
