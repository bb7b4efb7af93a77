"""The first day in Chromium: the onboarding after sign-up, once and only once, with and
without JavaScript, on a phone and on an iPhone; and the time zone list, chosen from the
device with JavaScript and picked by hand without it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import flows
from tests.browser.conftest import PHONE, SKIP_WITHOUT_CHROMIUM

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)
TODAY = re.compile(r"/(\?welcome=1)?$")


@pytest.fixture
def context_for(browser, live_server):
    """New browser contexts (closed after the test): context_for(timezone_id=..., ...)."""
    made = []

    def make(**options):
        settings = {"viewport": PHONE, "timezone_id": "Europe/Berlin", "locale": "en-GB"}
        context = browser.new_context(base_url=live_server, **{**settings, **options})
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def _create_account(page, prefix: str) -> str:
    page.goto("/signup")
    return flows.create_account(page, flows.new_email(prefix))


def _me(page) -> dict:
    return page.request.get("/api/v1/me").json()


def _goals(page) -> dict[str, dict]:
    return {goal["category"]: goal for goal in page.request.get("/api/v1/goals").json()}


def _walk_onboarding(page) -> None:
    """Every step: the ideas, three goals set (apply 2 a day; practice on weekdays), reminders."""
    expect(page.get_by_role("heading", level=1)).to_contain_text("how it works")
    expect(page.get_by_text("A “no” shields your streak")).to_be_visible()
    expect(page.get_by_text("Come back after one and earn a freeze")).to_be_visible()
    page.get_by_role("link", name="Next: your goals").click()
    page.wait_for_url("**/welcome/goals")
    goals = page.locator(".welcome-goal")
    expect(goals).to_have_count(3)
    goals.nth(0).get_by_label("How many a day").fill("2")
    for day in ("Sat", "Sun"):
        goals.nth(1).get_by_label(day).uncheck()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/welcome/reminders")
    expect(page.get_by_role("heading", name="Reminders on this device")).to_be_visible()
    page.get_by_role("button", name="Go to Today").click()
    page.wait_for_url(TODAY)


def test_onboarding_is_shown_once_and_ends_on_today(phone):
    email = _create_account(phone, "first")
    _walk_onboarding(phone)
    expect(phone.locator("[data-goal-id]")).to_have_count(3)
    expect(phone.locator("[data-goal-id]").first).to_contain_text("Send 2 applications")
    goals = _goals(phone)
    assert (goals["apply"]["target"], goals["practice"]["weekdays"]) == (2, [1, 2, 3, 4, 5])

    phone.reload()
    expect(phone.locator("[data-goal-id]")).to_have_count(3)
    phone.goto("/welcome")
    phone.wait_for_url(TODAY)  # finished: the onboarding's address leads to Today

    phone.get_by_role("button", name="Sign out").click()
    phone.wait_for_url("**/login")
    phone.locator("input[type=email]").fill(email)
    phone.locator("input[type=password]").fill(flows.PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url(TODAY)
    phone.goto("/welcome/goals")
    phone.wait_for_url(TODAY)
    expect(phone.locator("[data-goal-id]")).to_have_count(3)
    assert flows.script_errors(phone) == []


def test_skipping_the_onboarding_goes_straight_to_today(phone):
    _create_account(phone, "skip")
    phone.get_by_role("button", name="Skip setup, go to Today").click()
    phone.wait_for_url(TODAY)
    expect(phone.locator("[data-goal-id] button[aria-pressed]")).to_have_count(3)
    phone.go_back()
    phone.wait_for_url(TODAY)  # the step seen before is not offered again


def test_onboarding_works_without_javascript(context_for):
    page = context_for(java_script_enabled=False).new_page()
    _create_account(page, "nojs")
    _walk_onboarding(page)
    expect(page.locator("[data-goal-id]")).to_have_count(3)
    assert _goals(page)["apply"]["target"] == 2


def test_an_iphone_is_shown_the_add_to_home_screen_steps(context_for):
    context = context_for(user_agent=IPHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    _create_account(page, "iphone")
    page.goto("/welcome/reminders")
    steps = page.locator('[data-controller="ios-install"]')
    expect(steps).to_be_visible()
    expect(steps).to_contain_text("Add to Home Screen")
    expect(page.locator('[data-controller="push"]')).to_be_hidden()
    expect(page.locator('[data-controller="ios-hint"]')).to_be_hidden()  # said once, not twice


def test_a_phone_without_ios_gets_the_switch_not_the_steps(phone):
    _create_account(phone, "android")
    phone.goto("/welcome/reminders")
    expect(phone.locator('[data-controller="push"]')).to_be_visible()
    expect(phone.locator('[data-controller="ios-install"]')).to_be_hidden()


# --- the time zone list -------------------------------------------------------------------------


def test_the_zone_is_chosen_from_the_device_and_can_be_searched(context_for):
    page = context_for(timezone_id="America/New_York").new_page()
    page.goto("/signup")
    zone = page.get_by_label("Time zone", exact=True)
    expect(zone).to_have_value("America/New_York")
    expect(page.get_by_text("Filled in from this device")).to_be_visible()

    search = page.get_by_label("Search by city or region")
    search.fill("lisbon")
    expect(zone).to_have_value("Europe/Lisbon")
    expect(page.locator("[data-zone-found]")).to_contain_text("1 zone matches")
    search.fill("no such place")
    expect(page.locator("[data-zone-found]")).to_contain_text("No zone matches")
    expect(zone).to_have_value("Europe/Lisbon")  # nothing found: the choice stays
    search.press("Enter")  # goes to the list; never sends the form half filled
    expect(zone).to_be_focused()

    flows.create_account(page, flows.new_email("zone"))
    assert _me(page)["timezone"] == "Europe/Lisbon"


def test_without_javascript_the_zone_is_picked_from_the_list(context_for):
    page = context_for(java_script_enabled=False, timezone_id="America/New_York").new_page()
    page.goto("/signup")
    assert "from this device" not in page.locator("main").inner_text()
    expect(page.get_by_label("Search by city or region")).to_be_hidden()
    zone = page.get_by_label("Time zone", exact=True)
    expect(zone).to_have_value("UTC")
    expect(page.get_by_text("UTC is only a starting point")).to_be_visible()
    zone.select_option("Asia/Tokyo")
    flows.create_account(page, flows.new_email("nojszone"))
    assert _me(page)["timezone"] == "Asia/Tokyo"


def test_the_settings_page_offers_the_same_searchable_list(phone):
    flows.sign_up(phone, "settingszone")
    phone.goto("/settings")
    zone = phone.get_by_label("Your days start and end in")
    expect(zone).to_have_value("Europe/Berlin")
    phone.get_by_label("Search by city or region").fill("Tokyo")
    expect(zone).to_have_value("Asia/Tokyo")
    phone.get_by_role("button", name="Save time zone").click()
    expect(phone.get_by_text("Your days now follow Asia/Tokyo.")).to_be_visible()
    assert _me(phone)["timezone"] == "Asia/Tokyo"
