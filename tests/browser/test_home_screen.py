"""On the home screen (SPEC section 9), as Chromium itself sees the installed app: the
shortcuts and the share target it reads from the manifest, a listing shared into the app and
saved, and the app badge the Today page sets.

Chromium's DevTools protocol does what a phone's launcher would: `PWA.install` installs the
app in the test's profile, `PWA.launch` with a `url` opens it there as a share does (the share
target's GET address), and `PWA.getOsAppState` reads back its `badgeCount`. Those commands
need a persistent profile, as `Page.getInstallabilityErrors` does."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.browser import flows
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, SKIP_WITHOUT_CHROMIUM, watched
from tests.browser.test_accessibility import _page, _violations
from tracker import queries
from tracker.extensions import db
from tracker.services import applications

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]
LISTING = "https://jobs.example.com/backend-42"
SHARE_TARGET = {
    "action": "/share",
    "method": "GET",
    "enctype": "application/x-www-form-urlencoded",
    "params": {"title": "title", "text": "text", "url": "url"},
}


@pytest.fixture
def installable(playwright, live_server, tmp_path):
    """A page of a persistent Chromium profile (what an install and the PWA commands need)."""
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
        viewport=PHONE,
        timezone_id="Europe/Berlin",
        locale="en-GB",
        base_url=live_server,
    )
    page = watched(context.pages[0] if context.pages else context.new_page())
    yield page
    context.close()


def _install(page) -> tuple[object, str]:
    """Install the app of the page's origin; (a CDP session, the manifest id)."""
    flows.wait_until_controlled(page)
    cdp = page.context.new_cdp_session(page)
    manifest_id = cdp.send("Page.getAppManifest")["manifest"]["id"]
    cdp.send("PWA.install", {"manifestId": manifest_id})
    return cdp, manifest_id


def _badge(cdp, manifest_id: str, wanted: int, timeout: float = 10.0) -> int:
    """The installed app's badge count once it is `wanted` (or the last seen after `timeout`)."""
    deadline = time.monotonic() + timeout
    while True:
        count = cdp.send("PWA.getOsAppState", {"manifestId": manifest_id})["badgeCount"]
        if count == wanted or time.monotonic() > deadline:
            return count
        time.sleep(0.1)


def _application_rows(app, email: str) -> list[tuple]:
    with app.app_context():
        user = queries.user_by_email(db.session, email)
        rows = [
            (a.company, a.role, a.link, a.stage)
            for a in applications.list_applications(db.session, user)
        ]
        db.session.remove()
        return rows


def test_chromium_reads_the_shortcuts_and_the_share_target_without_errors(installable):
    flows.sign_up(installable, "manifest")
    flows.wait_until_controlled(installable)
    answer = installable.context.new_cdp_session(installable).send("Page.getAppManifest")
    assert answer["errors"] == []
    origin = installable.evaluate("location.origin")
    shortcuts = [(s["name"], s["url"]) for s in answer["manifest"]["shortcuts"]]
    assert shortcuts == [
        ("I got a rejection", f"{origin}/rejections/new"),
        ("Log an application", f"{origin}/journal/applications/new"),
        ("Today’s practice", f"{origin}/journal/practice"),  # noqa: RUF001
    ]
    # Chromium's parsed `shareTarget` holds the action and the method (its `enctype` and
    # `params` come back garbled by this Chromium's CDP, so they are read from the raw text).
    assert answer["manifest"]["shareTarget"]["action"] == f"{origin}/share"
    assert answer["manifest"]["shareTarget"]["method"] == "kGet"
    assert json.loads(answer["data"])["share_target"] == SHARE_TARGET
    for shortcut in json.loads(answer["data"])["shortcuts"]:
        assert shortcut["short_name"] and shortcut["icons"]
        for path in (shortcut["url"], shortcut["icons"][0]["src"]):
            assert installable.request.get(path).ok, path


def test_a_listing_shared_into_the_installed_app_is_saved_in_one_tap(installable, app):
    email = flows.sign_up(installable, "share")
    cdp, manifest_id = _install(installable)
    origin = installable.evaluate("location.origin")
    shared = "/share?" + urlencode(
        {"title": "Backend Developer - Acme | LinkedIn", "text": f"Have a look: {LISTING}"}
    )
    with installable.context.expect_page() as launched:
        cdp.send("PWA.launch", {"manifestId": manifest_id, "url": origin + shared})
    app_window = watched(launched.value)
    app_window.wait_for_load_state()
    expect(app_window.get_by_role("heading", name="Save this listing")).to_be_visible()
    expect(app_window.get_by_label("Company")).to_have_value("Acme")
    expect(app_window.get_by_label("Role")).to_have_value("Backend Developer")
    expect(app_window.get_by_label("Link to the job ad (optional)")).to_have_value(LISTING)
    app_window.get_by_role("button", name="Save it").click()
    app_window.wait_for_url(re.compile(r"/journal/applications/\d+$"))
    expect(app_window.get_by_text("Saved for later: Acme, Backend Developer")).to_be_visible()
    assert _application_rows(app, email) == [("Acme", "Backend Developer", LISTING, "saved")]
    assert flows.script_errors(app_window) == []


def test_a_share_made_signed_out_is_saved_after_signing_in(installable, app):
    email = flows.sign_up(installable, "share-out")
    installable.get_by_role("button", name="Sign out").first.click()
    installable.wait_for_url("**/login")
    installable.goto("/share?" + urlencode({"title": "Senior Engineer at Acme", "url": LISTING}))
    installable.wait_for_url(re.compile(r"/login\?next="))
    installable.locator("input[type=email]").fill(email)
    installable.locator("input[type=password]").fill(flows.PASSWORD)
    installable.get_by_role("button", name="Sign in").click()
    installable.wait_for_url(re.compile(r"/share\?"))
    expect(installable.get_by_label("Company")).to_have_value("Acme")
    installable.get_by_role("button", name="Save it").click()
    installable.wait_for_url(re.compile(r"/journal/applications/\d+$"))
    assert _application_rows(app, email) == [("Acme", "Senior Engineer", LISTING, "saved")]


def test_the_app_badge_counts_todays_open_goals_and_clears_when_none_is_left(installable):
    flows.open_today(installable, "badge")
    cdp, manifest_id = _install(installable)
    installable.goto("/")  # a Today load sets the badge
    assert _badge(cdp, manifest_id, 3) == 3
    goals = installable.locator("[data-goal-id]")
    goals.nth(0).locator("button[aria-pressed]").click()  # a check-in, no page load
    assert _badge(cdp, manifest_id, 2) == 2
    goals.nth(1).get_by_role("switch", name="Rest day").click()  # a rest day is not open
    assert _badge(cdp, manifest_id, 1) == 1
    goals.nth(2).locator("button[aria-pressed]").click()
    assert _badge(cdp, manifest_id, 0) == 0  # cleared: nothing left
    expect(installable.locator("[data-controller=today]")).to_have_attribute("data-open-goals", "0")
    flows.wait_for_empty_outbox(installable)
    # Unticked elsewhere (the API), the next Today load says so again.
    goal = flows.goal_ids(installable)[2]
    today = installable.locator("[data-controller=today]").get_attribute("data-today")
    flows.api_call(installable, "PUT", f"/goals/{goal}/entries/{today}", {"value": 0})
    installable.goto("/")
    assert _badge(cdp, manifest_id, 1) == 1
    # A past day's page leaves the badge alone.
    installable.goto(installable.locator("[data-day-previous]").get_attribute("href"))
    installable.locator("[data-goal-id] button[aria-pressed]").first.click()
    installable.wait_for_timeout(500)
    assert _badge(cdp, manifest_id, 1, timeout=1) == 1
    assert flows.script_errors(installable) == []


def test_where_the_browser_has_no_badge_the_page_does_nothing_and_breaks_nothing(phone):
    phone.context.add_init_script(
        "delete Navigator.prototype.setAppBadge; delete Navigator.prototype.clearAppBadge;"
    )
    flows.open_today(phone, "no-badge")
    assert phone.evaluate("'setAppBadge' in navigator") is False
    phone.locator("[data-goal-id] button[aria-pressed]").first.click()
    expect(phone.locator("[data-goal-id] button[aria-pressed]").first).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(phone.locator("[data-controller=today]")).to_have_attribute("data-open-goals", "2")
    assert flows.script_errors(phone) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_share_form_has_no_axe_violation(browser, live_server, scheme):
    context, page = _page(browser, live_server, scheme)
    flows.sign_up(page, f"share-axe-{scheme}")
    page.goto("/share?" + urlencode({"title": "Senior Engineer at Acme", "url": LISTING}))
    flows.screenshot(page, f"share-{scheme}")
    assert _violations(page) == []
    page.get_by_label("Company").fill("")
    page.get_by_role("button", name="Save it").click()  # refused: the messages beside fields
    expect(page.locator("#f-company-error")).to_be_visible()
    flows.screenshot(page, f"share-refused-{scheme}")
    assert _violations(page) == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_share_form_fits_320_px_without_sideways_scrolling(browser, live_server, scheme):
    context = browser.new_context(
        viewport={"width": 320, "height": 640},
        timezone_id="Europe/Berlin",
        locale="en-GB",
        base_url=live_server,
        color_scheme=scheme,
    )
    page = context.new_page()
    flows.sign_up(page, f"share-narrow-{scheme}")
    long_link = "https://jobs.example.com/" + "a-very-long-path-segment/" * 20
    page.goto("/share?" + urlencode({"title": "Principal Engineer at Acme", "url": long_link}))
    flows.screenshot(page, f"share-320-{scheme}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_label("Role").fill("")
    page.get_by_role("button", name="Save it").click()
    expect(page.locator("#f-role-error")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
