"""A new user's first day in a real browser: sign up, three taps, a rejection, a reload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import flows
from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]


def test_first_day_three_taps_a_rejection_and_the_streak_holds(phone):
    flows.sign_up(phone, "journey")
    expect(phone.locator("[data-goal-id]")).to_have_count(3)
    expect(phone.locator("[data-streak-current]")).to_have_text("0")
    phone.evaluate("window.sameDocument = true")  # gone if anything reloads the page

    for goal in phone.locator("[data-goal-id]").all():
        title = goal.locator(".goal-title").inner_text()
        toggle = goal.get_by_role("button", name=title)
        toggle.click()
        expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(phone.locator("[data-streak-current]")).to_have_text("1")
    expect(phone.locator("[data-status]")).to_contain_text("Done")
    assert phone.evaluate("window.sameDocument") is True, "the taps reloaded the page"

    phone.get_by_role("link", name="I got a rejection").click()
    phone.wait_for_url("**/rejections/new")
    phone.get_by_label("Company (optional)").fill("Initech")
    phone.get_by_label("How far did you get?").select_option("interview")
    phone.get_by_role("button", name=re.compile("^Log it")).click()
    phone.wait_for_url(re.compile(r"/journal/rejections/[0-9]+/debrief$"))
    expect(phone.get_by_role("status").first).to_contain_text("your streak is safe")
    phone.get_by_role("link", name=re.compile("Back to your three goals")).click()
    phone.wait_for_url(re.compile(r"/$"))
    expect(phone.locator("[data-streak-current]")).to_have_text("1")

    phone.reload()
    expect(flows.toggles(phone)).to_have_count(3)
    for toggle in flows.toggles(phone).all():
        expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(phone.locator("[data-streak-current]")).to_have_text("1")
    assert phone.problems == []


def test_a_tap_shows_before_the_server_answers(phone):
    flows.sign_up(phone, "journey")
    held = []
    # The context's routes, not the page's: with a service worker in between, Chromium does not
    # always show a page's requests to page.route (Playwright's documented limitation).
    phone.context.route("**/api/v1/goals/*/entries/*", lambda route: held.append(route))
    toggle = flows.toggles(phone).first
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")  # while the PUT is held back
    expect(phone.locator("[data-streak-current]")).to_have_text("0")
    for _ in range(200):  # the request is on its way: wait for the route to hold it
        if held:
            break
        phone.wait_for_timeout(50)
    sent = held[0].request
    assert sent.method == "PUT"
    token = phone.locator("meta[name=csrf-token]").get_attribute("content")
    assert sent.headers["x-csrftoken"] == token
    assert len(held) == 1
    held[0].continue_()
    expect(phone.locator("[data-streak-current]")).to_have_text("1")


@pytest.mark.parametrize(
    ("status", "said"),
    [(400, "Not saved: Dates in the future are refused."), (404, "Not saved: There is nothing")],
)
def test_a_refused_tap_is_undone_and_said_so(phone, status, said):
    """The server said no: nothing to retry, so the tap is undone. (A tap that finds no network
    or a failing server waits on the device instead: tests/browser/test_offline.py.)"""
    flows.sign_up(phone, "journey")
    message = said.removeprefix("Not saved: ")
    body = {"error": {"code": "bad_request" if status == 400 else "not_found", "message": message}}
    phone.context.route(
        "**/api/v1/goals/*/entries/*", lambda route: route.fulfill(status=status, json=body)
    )
    toggle = flows.toggles(phone).first
    toggle.click()
    expect(phone.locator("[data-status]")).to_contain_text(said)
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(phone.locator("[data-streak-current]")).to_have_text("0")
    expect(phone.locator("[data-waiting-count]")).to_be_hidden()
    phone.context.unroute("**/api/v1/goals/*/entries/*")
    phone.reload()
    expect(flows.toggles(phone).first).to_have_attribute("aria-pressed", "false")


def test_counting_goal_goes_up_and_down_with_plus_and_minus(phone):
    flows.sign_up(phone, "journey")
    phone.goto("/goals")
    phone.get_by_label("Title").last.fill("Send 3 applications")
    phone.get_by_label("Daily target").last.fill("3")
    phone.get_by_role("button", name="Add goal").click()
    phone.goto("/")
    goal = phone.locator("[data-goal-id]").filter(has_text="Send 3 applications")
    plus = goal.get_by_role("button", name="One more")
    for expected in ("1", "2", "3"):
        plus.click()
        expect(goal.locator("[data-value]")).to_have_text(expected)
    expect(goal.locator("button[aria-pressed]")).to_have_attribute("aria-pressed", "true")
    goal.get_by_role("button", name="One less").click()
    expect(goal.locator("button[aria-pressed]")).to_have_attribute("aria-pressed", "false")
    expect(phone.locator("[data-streak-current]")).to_have_text("0")
    phone.reload()
    expect(goal.locator("[data-value]")).to_have_text("2")


def test_without_javascript_a_check_in_is_a_plain_form_post(phone_without_js):
    page = phone_without_js
    flows.sign_up(page, "journey")
    toggle = flows.toggles(page).first
    expect(toggle).to_have_attribute("aria-pressed", "false")
    with page.expect_navigation():
        toggle.click()
    expect(flows.toggles(page).first).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-streak-current]")).to_have_text("1")
    page.locator("[data-goal-id]").first.locator("summary").click()
    page.locator("[data-goal-id]").first.locator("textarea").fill("Sent it to Initech.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save note").first.click()
    expect(page.locator("[data-goal-id]").first.locator("textarea")).to_have_value(
        "Sent it to Initech."
    )
