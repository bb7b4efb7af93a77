"""Installing: the Install button where the browser offers a prompt, the iOS hint elsewhere."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import flows
from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]
# Chromium fires beforeinstallprompt only for a site it judges installable after some use;
# the test fires the same event, with the same two members, itself.
FIRE_PROMPT = """() => {
  window.prompted = 0;
  const event = new Event('beforeinstallprompt', {cancelable: true});
  event.prompt = () => { window.prompted += 1; return Promise.resolve(); };
  event.userChoice = Promise.resolve({outcome: 'accepted', platform: 'web'});
  window.dispatchEvent(event);
  return event.defaultPrevented;
}"""
STANDALONE = "Object.defineProperty(Navigator.prototype, 'standalone', {get: () => true});"


def test_the_install_button_shows_only_when_the_browser_offers_a_prompt(phone):
    flows.sign_up(phone)
    button = phone.locator('[data-controller="install"]')
    expect(button).to_be_hidden()
    expect(phone.locator('[data-controller="ios-hint"]')).to_be_hidden()
    assert phone.evaluate(FIRE_PROMPT) is True  # the browser's own mini-infobar is held back
    expect(button).to_be_visible()
    expect(button).to_have_accessible_name("Install")
    flows.screenshot(phone, "install-button")
    button.click()
    assert phone.evaluate("window.prompted") == 1
    expect(button).to_be_hidden()  # a prompt can be used once
    assert phone.problems == []


def test_iphone_gets_the_add_to_home_screen_hint_until_it_is_dismissed(iphone):
    flows.sign_up(iphone)
    hint = iphone.locator('[data-controller="ios-hint"]')
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("Share")
    expect(hint).to_contain_text("Add to Home Screen")
    expect(iphone.locator('[data-controller="install"]')).to_be_hidden()
    flows.screenshot(iphone, "ios-hint")
    hint.get_by_role("button", name="Not now").click()
    expect(hint).to_be_hidden()
    iphone.reload()
    expect(iphone.locator("[data-goal-id]")).to_have_count(3)
    expect(hint).to_be_hidden()


def test_no_hint_once_the_app_runs_from_the_home_screen(iphone):
    iphone.context.add_init_script(STANDALONE)
    flows.sign_up(iphone)
    expect(iphone.locator("[data-goal-id]")).to_have_count(3)
    expect(iphone.locator('[data-controller="ios-hint"]')).to_be_hidden()
