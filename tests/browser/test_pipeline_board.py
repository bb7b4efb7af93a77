"""The applications board in Chromium: one tap to the next stage (and another day) without
JavaScript, search, columns that swipe sideways at 390 px while the page never does, a plain
list at 320 px, no axe violation in either colour scheme, and undo after a removal."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser import flows
from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM, _context
from tests.browser.test_accessibility import _violations

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]


def _log(page, company: str, sent_days_ago: int = 0) -> None:
    """Log an application through the form (it works without JavaScript)."""
    page.goto("/journal/applications/new")
    page.get_by_label("Company").fill(company)
    page.get_by_label("Role").fill("Analyst")
    sent = page.get_by_label("Sent on")
    day = date.fromisoformat(sent.input_value()) - timedelta(days=sent_days_ago)
    sent.fill(day.isoformat())
    page.get_by_role("button", name="Log it").click()
    page.wait_for_url(re.compile(r"/journal/applications#application-\d+$"))


def _column(page, key: str):
    return page.locator(f"#column-{key}")


def _seed(page) -> str:
    """Sign up and log applications across the stages through the API; the local today."""
    flows.sign_up(page, "board")
    today = page.evaluate("() => document.querySelector('[data-today]').dataset.today")
    quiet = (date.fromisoformat(today) - timedelta(days=20)).isoformat()
    for i, (company, stage) in enumerate(
        [("Acme", "saved"), ("Initech", "applied"), ("Globex", "screen"), ("Hooli", "interview"),
         ("Stark", "offer"), ("Wayne", "ghosted"), ("Umbrella", "applied")]
    ):  # fmt: skip
        body = {"company": company, "role": f"Role {i}", "stage": stage}
        if company == "Umbrella":
            body["date"] = quiet  # 20 days without news: the follow-up prompt
        flows.api_call(page, "POST", "/applications", body)
    return today


def test_one_tap_and_another_day_move_a_card_without_javascript(phone_without_js):
    page = phone_without_js
    flows.sign_up(page, "board-nojs")
    _log(page, "Initech")
    _log(page, "Globex Corporation", sent_days_ago=3)
    page.goto("/journal/applications")
    page.get_by_role("button", name="Move Initech to Screening call").click()
    page.wait_for_url(re.compile(r"#application-\d+$"))
    expect(_column(page, "screen")).to_contain_text("Initech")
    expect(page.get_by_role("status").filter(has_text="Initech: Screening call")).to_be_visible()

    # Another day: Globex was sent three days ago and called back yesterday.
    card = _column(page, "applied").locator("li", has_text="Globex")
    card.get_by_text("Another day").click()
    day = card.get_by_label("Moved on")
    expect(day).to_be_visible()
    yesterday = (date.fromisoformat(day.input_value()) - timedelta(days=1)).isoformat()
    day.fill(yesterday)
    card.get_by_role("button", name="Move Globex Corporation to Screening call").click()
    moved = _column(page, "screen").locator("li", has_text="Globex")
    expect(moved.locator("time")).to_have_attribute("datetime", yesterday)

    page.get_by_text("Search and filter").click()
    page.get_by_label("Company or role").fill("globex")
    page.get_by_role("button", name="Find").click()
    expect(page.locator(".result-count")).to_contain_text("1 application with “globex”.")
    expect(page.locator(".board-card")).to_contain_text("Globex Corporation")
    expect(page.locator(".board-card")).to_have_count(1)


def test_columns_swipe_sideways_and_the_page_never_does(phone):
    _seed(phone)
    phone.goto("/journal/applications")
    board = phone.locator(".board")
    expect(board.locator("section")).to_have_count(6)
    sizes = board.evaluate("(el) => [el.scrollWidth, el.clientWidth]")
    assert sizes[0] > sizes[1] * 3  # six columns side by side, in a box that scrolls
    assert board.evaluate("(el) => getComputedStyle(el).scrollSnapType") == "x mandatory"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    # The stage links jump to a column: it snaps into view beside the left edge.
    phone.locator(".board-jump").get_by_role("link", name=re.compile("^Offers")).click()
    phone.wait_for_timeout(400)
    left = _column(phone, "offer").evaluate("(el) => el.getBoundingClientRect().left")
    assert 0 <= left <= 24
    quiet = _column(phone, "applied").locator("li", has_text="Umbrella")
    expect(quiet).to_contain_text("No news for 20 days. Follow up, or close it as ghosted?")
    expect(quiet.get_by_role("button", name="I followed up with Umbrella")).to_be_visible()
    flows.screenshot(phone, "applications-board")
    assert phone.problems == []


def test_at_320_px_the_stages_stack_as_a_list(browser, live_server):
    context = _context(browser, base_url=live_server)
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    _seed(page)
    page.goto("/journal/applications")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    saved, applied = (_column(page, key).bounding_box() for key in ("saved", "applied"))
    assert applied["y"] > saved["y"] + saved["height"] - 1  # one under the other
    assert saved["width"] >= 290
    small = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.offsetParent !== null)
            .filter((el) => el.getBoundingClientRect().height < 47.5)
            .map((el) => el.outerHTML.slice(0, 80))""",
        "main .button, main summary, main select, main input:not([type=hidden]), .board-jump a",
    )
    assert small == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_board_has_no_axe_violation(browser, live_server, scheme):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        timezone_id="Europe/Berlin",
        locale="en-GB",
        base_url=live_server,
        color_scheme=scheme,
        reduced_motion="reduce",
        bypass_csp=True,  # axe is injected as an inline script; the pages allow none
    )
    page = context.new_page()
    _seed(page)
    problems = {}
    for path in (
        "/journal/applications",
        "/journal/applications?q=o&stage=all",
        "/journal/applications?stage=hired&q=" + "x" * 121,
    ):
        page.goto(path)
        page.evaluate(
            "() => document.querySelectorAll('main details').forEach((d) => d.open = true)"
        )
        found = _violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems


def test_a_removed_application_comes_back_with_undo(phone):
    _seed(phone)
    phone.goto("/journal/applications")
    _column(phone, "screen").get_by_role("link", name="Globex").click()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Remove this application").click()
    expect(phone.locator(".board-card", has_text="Globex")).to_have_count(0)
    phone.locator("[data-undo]").click()
    expect(_column(phone, "screen")).to_contain_text("Globex")
    assert phone.problems == []
