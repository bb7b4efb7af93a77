"""Before the interview in a real browser: Today's line about the next interview opens its
prep page, the plan written there is kept, the page fits a 320 px phone with targets of
48 px, and (as shown, and with a refused plan) has no axe-core violation in the light or the
dark colour scheme."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser import flows
from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM, _context
from tests.browser.test_accessibility import _page, _violations
from tests.browser.test_journal_journey import TARGETS

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]
PLAN = "If my mind goes blank, then I will say “Let me think for a moment” and breathe out."


def _today(page) -> date:
    value = page.evaluate("() => document.querySelector('[data-today]')?.dataset.today")
    return date.fromisoformat(value)


def _technical_interview(page, company: str = "Northwind") -> int:
    """An application at `company` with a technical interview in three days, at 10:00."""
    application = flows.api_call(page, "POST", "/applications", {"company": company, "role": "QA"})
    day = (_today(page) + timedelta(days=3)).isoformat()
    body = {"starts_at": f"{day}T10:00", "kind": "technical", "location": "Room 4"}
    return flows.api_call(page, "POST", f"/applications/{application['id']}/interviews", body)["id"]


def test_today_opens_the_prep_page_and_the_plan_written_there_is_kept(phone):
    flows.sign_up(phone, "prep")
    interview = _technical_interview(phone)
    phone.goto("/")
    phone.get_by_role("link", name=re.compile(r"^Interview at Northwind")).click()
    phone.wait_for_url(re.compile(rf"/journal/applications/interviews/{interview}/prep$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Before the interview")
    expect(phone.locator(".prep-countdown")).to_have_text("In 3 days")
    expect(phone.locator(".prep-pick")).to_have_count(3)

    plan = phone.get_by_label("Your plan")
    expect(plan).to_have_value("")  # the examples are hints, not filled in
    plan.fill(PLAN)
    phone.get_by_role("button", name="Keep my plan").click()
    phone.wait_for_url(re.compile(r"/prep#plan$"))
    expect(phone.get_by_role("status").first).to_contain_text("Your plan is kept")
    expect(phone.get_by_label("Your plan")).to_have_value(PLAN)
    phone.reload()
    expect(phone.get_by_label("Your plan")).to_have_value(PLAN)
    flows.screenshot(phone, "interview-prep")

    # Each pick leads to the practice form on that very item.
    first = phone.locator(".prep-pick").first
    item = first.get_attribute("data-item-id")
    first.get_by_role("link").click()
    phone.wait_for_url(re.compile(rf"/journal/practice\?item={item}$"))
    expect(phone.locator("#pick-heading")).to_have_attribute("data-item-id", item)
    assert phone.problems == []


@pytest.fixture(params=["light", "dark"])
def scheme(request):
    return request.param


def test_the_prep_page_has_no_axe_violation(browser, live_server, scheme):
    context, page = _page(browser, live_server, scheme)
    page.goto("/signup")
    flows.create_account(page, flows.new_email(f"prep-axe-{scheme}"))
    page.goto("/")
    interview = _technical_interview(page)
    problems = {}
    page.goto(f"/journal/applications/interviews/{interview}/prep")
    problems["shown"] = _violations(page)
    # A refused plan: its message beside the field, the field marked invalid.
    page.evaluate("() => document.querySelector('#prep-plan').removeAttribute('maxlength')")
    page.locator("#prep-plan").fill("p" * 501)
    page.get_by_role("button", name="Keep my plan").click()
    expect(page.locator("#prep-plan-error")).to_contain_text("500 characters")
    problems["refused"] = _violations(page)
    context.close()
    assert problems == {"shown": [], "refused": []}


def test_the_prep_page_fits_a_small_phone(browser, live_server):
    context = _context(browser, base_url=live_server)
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    flows.sign_up(page, "prep-fit")
    interview = _technical_interview(page, "A company with a rather long name, Incorporated")
    page.goto(f"/journal/applications/interviews/{interview}/prep")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    small = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.offsetParent !== null)
            .filter((el) => el.getBoundingClientRect().height < 47.5)
            .map((el) => el.outerHTML.slice(0, 80))""",
        TARGETS,
    )
    assert small == []
    context.close()
