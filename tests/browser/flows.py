"""Steps the offline and install tests share: sign up, wait for the worker, read the server."""

from __future__ import annotations

import os
import re
import time
from datetime import date
from itertools import count
from pathlib import Path

from playwright.sync_api import expect

from tracker import queries
from tracker.extensions import db

PASSWORD = "correct horse battery"
_emails = count(1)


def new_email(prefix: str) -> str:
    """An address no other test of this run signs up with."""
    return f"{prefix}{next(_emails)}@example.com"


def create_account(page, email: str) -> str:
    """Send the sign-up form open on `page` as `email` (its time zone as the form has it) and
    wait for the first onboarding step; the email."""
    page.locator("input[type=email]").fill(email)
    page.locator("input[type=password]").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/welcome")  # the one-minute onboarding (test_first_day.py walks it)
    return email


def sign_up(page, prefix: str = "offline") -> str:
    """Create an account through the sign-up page (time zone from the browser: Europe/Berlin)."""
    page.goto("/signup")
    email = create_account(page, new_email(prefix))
    page.get_by_role("button", name="Skip setup, go to Today").click()
    page.wait_for_url(re.compile(r"/(\?welcome=1)?$"))
    return email


def open_today(page, prefix: str = "today") -> str:
    """Sign up (wherever sign-up lands: Today or the first steps) and open the Today page."""
    email = new_email(prefix)
    page.goto("/signup")
    page.locator("input[type=email]").fill(email)
    page.locator("input[type=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Create account").click()
    page.goto("/")
    expect(toggles(page)).to_have_count(3)
    return email


def api_call(page, method: str, path: str, body: dict | None = None):
    """Call the app's JSON API from the page, as its scripts do (session cookie, CSRF header);
    the parsed answer, or the status when there is no body."""
    return page.evaluate(
        """async ([method, path, body]) => {
          const csrf = document.querySelector('meta[name="csrf-token"]').content;
          const answer = await fetch(`/api/v1${path}`, { method, credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
            body: body === null ? undefined : JSON.stringify(body) });
          if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status}`);
          return answer.status === 204 ? answer.status : answer.json();
        }""",
        [method, path, body],
    )


def log_rejection(page, company: str = "Initech") -> None:
    """Log a rejection dated the page's today, through the API."""
    today = page.locator("[data-controller=today]").get_attribute("data-today")
    api_call(page, "POST", "/rejections", {"date": today, "company": company})


def wait_for(page, expression: str, timeout: float = 15.0):
    """Poll `expression` (awaited) until it is truthy. page.wait_for_function would evaluate it
    with eval(), which the page's Content-Security-Policy rightly refuses."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still falsy after {timeout}s: {expression}")
        page.wait_for_timeout(50)


def wait_until_controlled(page) -> None:
    """The service worker is active and controls this page."""
    wait_for(page, "navigator.serviceWorker.controller !== null")


def save_today_for_offline(page) -> None:
    """Load Today through the worker, so it keeps a copy (the first load came before it)."""
    wait_until_controlled(page)
    page.goto("/")
    wait_for(page, "caches.open('bio-pages').then((cache) => cache.match('/')).then(Boolean)")


def toggles(page):
    return page.locator("[data-goal-id] button[aria-pressed]")


def goal_ids(page) -> list[int]:
    return [int(el.get_attribute("data-goal-id")) for el in page.locator("[data-goal-id]").all()]


def outbox(page) -> list[dict]:
    """The check-ins waiting in the page's IndexedDB outbox."""
    return page.evaluate("import('/static/js/outbox.js').then((outbox) => outbox.waiting())")


def wait_for_empty_outbox(page) -> None:
    wait_for(page, "import('/static/js/outbox.js').then((o) => o.waiting()).then((i) => !i.length)")


def entry_on(app, goal_id: int, day: date):
    """(value, skipped) of the goal's entry on `day` as the server stored it, or None."""
    with app.app_context():
        entry = queries.entry_for(db.session, goal_id, day)
        result = None if entry is None else (entry.value, entry.skipped)
        db.session.remove()
        return result


def expect_waiting(page, goal, waiting: bool) -> None:
    marker = goal.locator("[data-waiting]")
    if waiting:
        expect(marker).to_be_visible()
        expect(marker).to_have_text("Waiting to be sent")
    else:
        expect(marker).to_be_hidden()


def script_errors(page) -> list[str]:
    """Console errors and uncaught exceptions, without the browser's own notes on requests
    that failed because the test took the network away."""
    return [p for p in page.problems if not p.startswith("Failed to load resource: net::")]


def screenshot(page, name: str) -> None:
    """Save a screenshot when BIO_SCREENSHOTS names a folder (to look at the pages by eye)."""
    folder = os.environ.get("BIO_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


# --- push reminders ---------------------------------------------------------------------------
# Chromium here cannot reach a real push service, and no browser API clicks a notification or
# its action. So a page's PushManager is replaced by a stand-in holding a subscription the test
# made (stub_push_manager), pushes reach the real worker through CDP, and a click is a
# NotificationEvent the test dispatches inside the worker (click_notification).

PUSH_STUB = """(() => {
  const made = %s;  // {endpoint, keys: {p256dh, auth}} from the test
  const KEY = "test-push-subscription";
  const bytes = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")
    + "=".repeat((4 - text.length %% 4) %% 4)), (c) => c.charCodeAt(0));
  const stored = () => {
    try { return JSON.parse(localStorage.getItem(KEY)); } catch { return null; }
  };
  const wrap = (state) => state && {
    endpoint: state.endpoint, expirationTime: null,
    options: { userVisibleOnly: true, applicationServerKey: bytes(state.serverKey).buffer },
    toJSON: () => ({ endpoint: state.endpoint, expirationTime: null, keys: made.keys }),
    getKey: () => null,
    unsubscribe: async () => { localStorage.removeItem(KEY); return true; },
  };
  PushManager.prototype.getSubscription = async function () { return wrap(stored()); };
  PushManager.prototype.subscribe = async function (options) {
    const key = btoa(String.fromCharCode(...new Uint8Array(options.applicationServerKey)))
      .replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
    localStorage.setItem(KEY, JSON.stringify({ endpoint: made.endpoint, serverKey: key }));
    window.__subscribeCalls = (window.__subscribeCalls ?? 0) + 1;
    return wrap(stored());
  };
})();"""


def stub_push_manager(context, subscription: dict) -> None:
    """Every page of `context` subscribes to `subscription` ({endpoint, keys}) instead."""
    import json

    context.add_init_script(PUSH_STUB % json.dumps(subscription))


def service_worker(page):
    """The app's service worker, as Playwright sees it (to evaluate code inside it)."""
    wait_until_controlled(page)
    deadline = time.monotonic() + 10
    while not page.context.service_workers:
        if time.monotonic() > deadline:
            raise AssertionError("no service worker in this context")
        page.wait_for_timeout(50)
    return page.context.service_workers[0]


def deliver_push(page, payload: dict | str, attempts: int = 3, wait: float = 10.0) -> None:
    """Hand `payload` to the worker as a push message, as the push service would (CDP), and
    wait until the worker shows it: a notification titled as the payload says (or any, for a
    payload without a readable title).

    A push service delivers again what the browser did not take; so does this, because on a
    loaded machine Chromium has been seen to drop a delivery made through CDP (no push event,
    no notification). The fixed tag of each kind makes a second delivery replace the first."""
    import json

    wait_until_controlled(page)
    title = payload.get("title") if isinstance(payload, dict) else None
    worker = service_worker(page)
    for _ in range(attempts):
        _send_push(page, payload if isinstance(payload, str) else json.dumps(payload))
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            shown = worker.evaluate(NOTIFICATIONS)
            if any(title is None or n["title"] == title for n in shown):
                return
            page.wait_for_timeout(50)
    raise AssertionError(f"the worker showed no notification for {payload!r}")


def _send_push(page, data: str) -> None:
    cdp = page.context.new_cdp_session(page)
    registrations: list[dict] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    origin = page.evaluate("location.origin")
    deadline = time.monotonic() + 10
    while not (ours := [r for r in registrations if r["scopeURL"] == origin + "/"]):
        if time.monotonic() > deadline:
            raise AssertionError("CDP reported no service worker registration")
        page.wait_for_timeout(50)
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": origin, "registrationId": ours[-1]["registrationId"], "data": data},
    )
    cdp.detach()


NOTIFICATIONS = """self.registration.getNotifications().then((list) => list.map((n) => ({
  title: n.title, body: n.body, tag: n.tag, icon: n.icon, badge: n.badge, data: n.data,
  actions: n.actions.map(({action, title}) => ({action, title}))})))"""


def notifications(page, count: int = 1, timeout: float = 30.0) -> list[dict]:
    """The notifications the worker shows, once there are `count` of them (generous: on a
    busy machine the worker may first be started, and fetch the icon and badge, to show it)."""
    worker = service_worker(page)
    deadline = time.monotonic() + timeout
    while len(shown := worker.evaluate(NOTIFICATIONS)) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{len(shown)} notifications shown, expected {count}: {shown}")
        page.wait_for_timeout(50)
    return shown


CLICK = """async ([tag, action]) => {
  // Focusing or opening a window needs the user's real tap, which a test cannot give: those
  // two calls are recorded instead (navigating a window the worker controls is real).
  const windows = [];
  self.clients.openWindow = async (url) => { windows.push(["open", url]); return null; };
  WindowClient.prototype.focus = async function () {
    windows.push(["focus", this.url]);
    return this;
  };
  const [notification] = await self.registration.getNotifications({ tag });
  const event = new NotificationEvent("notificationclick", { notification, action });
  let work = Promise.resolve();
  // A dispatched event cannot be extended; keep the promise the listener hands over instead.
  Object.defineProperty(event, "waitUntil", { value: (promise) => { work = promise; } });
  self.dispatchEvent(event);
  const result = await work;
  return { ...(result ?? {}), windows };
}"""


def click_notification(page, tag: str, action: str = "") -> dict | None:
    """Tap the notification tagged `tag` (or its `action` button) in the worker: what the
    worker did ({outcome, ...}) and the windows it focused or opened ([["focus", url], ...])."""
    return service_worker(page).evaluate(CLICK, [tag, action])
