"""The Today page on a phone: the three goals on one screen (SPEC 8), what a tap earns shown
the moment it is earned (a complete day, a comeback, a badge), words that say what happened,
and the undo of a check-in reset to 0, with and without JavaScript."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import flows
from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM, watched

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]

SCREENS = [(390, 844), (360, 740)]


@pytest.fixture
def screen(browser, live_server, request):
    """A page of the size and colour scheme the test is parametrized with."""
    (width, height), scheme = request.param
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme=scheme,
        base_url=live_server,
        timezone_id="Europe/Berlin",
        locale="en-GB",
    )
    yield watched(context.new_page())
    context.close()


def _assert_toggles_on_first_screen(page) -> None:
    viewport = page.viewport_size
    bar = page.locator("nav.tabbar").bounding_box()
    assert bar is not None
    assert page.evaluate("scrollY") == 0
    for toggle in flows.toggles(page).all():
        box = toggle.bounding_box()
        name = toggle.inner_text().replace("\n", " ")
        assert box is not None, name
        assert box["x"] >= 0 and box["y"] >= 0, name
        assert box["x"] + box["width"] <= viewport["width"], name
        assert box["y"] + box["height"] <= bar["y"], f"{name} ends under the tab bar"


@pytest.mark.parametrize(
    "screen",
    [(size, scheme) for size in SCREENS for scheme in ("light", "dark")],
    ids=lambda value: f"{value[0][0]}x{value[0][1]}-{value[1]}",
    indirect=True,
)
def test_the_three_starter_toggles_fit_the_first_screen(screen):
    flows.open_today(screen, "screen")
    flows.screenshot(screen, f"today-{screen.viewport_size['width']}")
    _assert_toggles_on_first_screen(screen)
    # After a "no" the header says more (the shield, the debrief): the goals still fit.
    flows.log_rejection(screen)
    screen.reload()
    expect(screen.get_by_role("link", name="Write your debrief: Initech")).to_be_visible()
    _assert_toggles_on_first_screen(screen)
    assert screen.problems == []


def test_day_complete_appears_with_the_last_tap_and_goes_with_an_untick(phone):
    flows.open_today(phone, "complete")
    phone.evaluate("window.sameDocument = true")
    complete = phone.locator("[data-day-complete]")
    *first, last = flows.toggles(phone).all()
    for toggle in first:
        toggle.click()
        expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(complete).to_have_count(0)
    last.click()
    expect(complete).to_be_visible()
    expect(complete).to_contain_text("Day complete")
    expect(phone.locator("[data-status]")).to_contain_text("Day complete")
    flows.wait_for_empty_outbox(phone)

    phone.reload()
    expect(complete).to_be_visible()
    phone.evaluate("window.sameDocument = true")
    flows.toggles(phone).first.click()
    expect(complete).to_have_count(0)
    expect(phone.locator("[data-streak-message]")).to_be_visible()
    flows.toggles(phone).first.click()
    expect(complete).to_be_visible()
    assert phone.evaluate("window.sameDocument") is True, "a tap reloaded the page"
    assert phone.problems == []


def test_a_tap_on_a_shielded_day_is_a_comeback_with_its_freeze_and_badge(phone):
    flows.open_today(phone, "comeback")
    flows.log_rejection(phone)
    phone.reload()  # the rejection's own badge is celebrated by this load, and so seen
    expect(phone.locator("main [data-controller=celebrate]")).to_contain_text("First no")
    phone.evaluate("window.sameDocument = true")
    freezes = phone.locator("[data-streak-freezes]")
    expect(freezes).to_have_text("0")

    flows.toggles(phone).first.click()
    comeback = phone.locator("[data-comeback]")
    expect(comeback).to_be_visible()
    expect(comeback).to_contain_text("Comeback!")
    expect(comeback).to_contain_text("It earned you a freeze: you now hold 1 freeze.")
    badge = phone.locator("[data-news] [data-controller=celebrate]")
    expect(badge).to_be_visible()
    expect(badge).to_contain_text("First comeback")
    expect(phone.locator("[data-status]")).to_contain_text("New badge: First comeback")

    # The figures and their words: "1 freeze", "1 comeback", not "1 freezes".
    expect(freezes).to_have_text("1")
    expect(phone.locator("[data-streak-comebacks]")).to_have_text("1")
    expect(phone.locator("[data-one=freeze]")).to_have_text("freeze")
    expect(phone.locator("[data-one=comeback]")).to_have_text("comeback")
    assert phone.evaluate("window.sameDocument") is True, "the tap reloaded the page"

    badge.get_by_role("button", name="Close").click()
    expect(badge).to_have_count(0)
    comeback.get_by_role("button", name="Close").click()
    expect(comeback).to_have_count(0)
    # Seen once is enough: the next page does not celebrate the badge again.
    flows.wait_for_empty_outbox(phone)
    phone.reload()
    expect(phone.locator("[data-controller=celebrate]")).to_have_count(0)
    assert phone.problems == []


def test_counters_explain_freezes_and_comebacks(phone):
    flows.open_today(phone, "explain")
    freeze = phone.locator("details", has=phone.locator("[data-streak-freezes]"))
    freeze.locator("summary").click()
    expect(freeze).to_contain_text("A freeze saves a missed day")
    expect(freeze).to_contain_text("at most 2")
    comeback = phone.locator("details", has=phone.locator("[data-streak-comebacks]"))
    comeback.locator("summary").click()
    expect(comeback).to_contain_text("the day you log a rejection, or the day after")
    expect(freeze.locator(".fact-explain")).to_be_hidden()  # one at a time
    phone.keyboard.press("Escape")
    expect(comeback.locator(".fact-explain")).to_be_hidden()


def test_an_untick_says_so_and_can_be_undone_for_ten_seconds(phone, app):
    flows.open_today(phone, "undo")
    goal = phone.locator("[data-goal-id]").first
    goal_id = int(goal.get_attribute("data-goal-id"))
    title = goal.locator(".goal-title").inner_text()
    toggle = flows.toggles(phone).first
    toggle.click()
    expect(phone.locator("[data-status]")).to_contain_text(f"Done: {title}")
    flows.wait_for_empty_outbox(phone)
    today = date.fromisoformat(phone.locator("[data-controller=today]").get_attribute("data-date"))
    flows.api_call(phone, "PUT", f"/goals/{goal_id}/entries/{today}", {"note": "Sent to Initech"})

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(phone.locator("[data-status]")).to_have_text(f"Unticked: {title}.")
    undo = phone.locator("[data-undo]")
    expect(undo).to_be_visible()
    phone.wait_for_timeout(10_500)
    expect(undo).to_be_visible()  # still there after ten seconds
    undo.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(undo).to_have_count(0)
    expect(phone.locator("[data-status]")).to_contain_text(f"Put back: {title}.")
    flows.wait_for_empty_outbox(phone)
    assert flows.entry_on(app, goal_id, today) == (1, False)
    entry = flows.api_call(phone, "GET", f"/goals/{goal_id}/entries?from={today}&to={today}")
    assert entry[0]["note"] == "Sent to Initech"  # the note was never taken away
    assert phone.problems == []


def test_the_undo_goes_by_itself_and_with_a_new_tap(phone):
    flows.open_today(phone, "undo-goes")
    toggle = flows.toggles(phone).first
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    toggle.click()
    undo = phone.locator("[data-undo]")
    expect(undo).to_be_visible()
    toggle.click()  # ticked again by hand: nothing left to undo
    expect(undo).to_have_count(0)
    toggle.click()
    expect(undo).to_be_visible()
    expect(undo).to_have_count(0, timeout=25_000)


def test_without_javascript_an_untick_offers_a_form_that_puts_it_back(phone_without_js):
    page = phone_without_js
    flows.open_today(page, "nojs")
    toggle = flows.toggles(page).first
    with page.expect_navigation():
        toggle.click()
    expect(flows.toggles(page).first).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-undo]")).to_have_count(0)
    with page.expect_navigation():
        flows.toggles(page).first.click()
    expect(flows.toggles(page).first).to_have_attribute("aria-pressed", "false")
    undo = page.locator("[data-undo]")
    expect(undo).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Unticked")).to_be_visible()
    with page.expect_navigation():
        undo.click()
    expect(flows.toggles(page).first).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-undo]")).to_have_count(0)


AXE = Path(__file__).resolve().parents[2] / ".venv/axe/node_modules/axe-core/axe.min.js"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_what_a_tap_brings_has_no_axe_violation(browser, live_server, scheme):
    """The live parts (the comeback, a badge, the undo, day complete, an explanation open) pass
    axe-core's default rules too, in both colour schemes."""
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE}: run `make test`")
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        color_scheme=scheme,
        base_url=live_server,
        timezone_id="Europe/Berlin",
        locale="en-GB",
        bypass_csp=True,  # axe is injected as an inline script
    )
    page = context.new_page()
    flows.open_today(page, f"axe-live-{scheme}")
    flows.log_rejection(page)
    page.reload()
    for toggle in flows.toggles(page).all():
        toggle.click()
        expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-comeback]")).to_be_visible()
    expect(page.locator("[data-day-complete]")).to_be_visible()
    flows.toggles(page).last.click()
    expect(page.locator("[data-undo]")).to_be_visible()
    page.locator("details", has=page.locator("[data-streak-freezes]")).locator("summary").click()
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    context.close()
    assert not [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in found]
