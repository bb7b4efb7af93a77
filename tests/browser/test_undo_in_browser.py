"""Undo in Chromium: each kind of removal a page offers, then the Undo button, and the thing
is back (SPEC 8, `data-undo`)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import flows
from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]


def _today(page) -> str:
    return page.evaluate("() => document.querySelector('[data-today]').dataset.today")


def _rejection(page):
    made = flows.api_call(page, "POST", "/rejections", {"date": _today(page), "company": "Acme"})
    page.goto("/history")
    page.locator(f"a[href='/rejections/{made['id']}/delete']").click()
    with page.expect_navigation():  # the next call reads the page it lands on
        page.get_by_role("button", name="Remove it").click()
    return "/rejections", made["id"]


def _application(page):
    made = flows.api_call(page, "POST", "/applications", {"company": "Initech", "role": "Dev"})
    page.goto(f"/journal/applications/{made['id']}")
    with page.expect_navigation():
        page.get_by_role("button", name="Remove this application").click()
    return "/applications", made["id"]


def _break(page):
    made = flows.api_call(page, "POST", "/breaks", {"start": _today(page), "end": _today(page)})
    page.goto("/history")
    with page.expect_navigation():
        page.locator("#breaks").get_by_role("button", name="Remove break").click()
    return "/breaks", made["id"]


def _reflection(page):
    made = flows.api_call(page, "POST", "/reflections", {"date": _today(page), "text": "Calm."})
    page.goto("/journal/reflections")
    with page.expect_navigation():
        page.get_by_role("button", name="Remove the entry").click()
    return "/reflections", made["id"]


def _question(page):
    made = flows.api_call(page, "POST", "/practice/questions", {"text": "Why the gap?"})
    page.goto("/journal/practice")
    with page.expect_navigation():
        page.locator(f"#question-{made['id']}").get_by_role("button", name="Remove").click()
    return "/practice/questions", made["id"]


REMOVALS = {
    "rejection": _rejection,
    "application": _application,
    "break": _break,
    "reflection": _reflection,
    "question": _question,
}


@pytest.mark.parametrize("kind", list(REMOVALS))
def test_a_removal_is_undone_with_one_tap(phone, kind):
    flows.sign_up(phone, f"undo-{kind}-")
    listing, made = REMOVALS[kind](phone)
    ids = lambda: [item["id"] for item in flows.api_call(phone, "GET", listing)]  # noqa: E731
    assert made not in ids()
    undo = phone.locator("[data-undo]")
    expect(undo).to_be_visible()
    if kind == "rejection":  # the same bar for every kind: once is enough for the clock
        phone.wait_for_timeout(10_500)  # still there after ten seconds (SPEC 8)
        expect(undo).to_be_visible()
    undo.click()
    expect(phone.locator(".flash")).to_contain_text("Put back")
    assert made in ids()
    assert phone.problems == []
