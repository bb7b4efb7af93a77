"""What a cold load of the Today page asks the server for: few requests (docs/audit.md), each
module once, and the brand icon from the page itself."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser import flows
from tests.browser.conftest import PHONE, SKIP_WITHOUT_CHROMIUM

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]


@pytest.fixture
def cold_phone(browser, live_server, phone):
    """A second phone with the first one's session, an empty cache and no service worker (as
    Lighthouse loads a page), recording what the page asks for."""
    flows.sign_up(phone, "cold")
    context = browser.new_context(
        viewport=PHONE,
        base_url=live_server,
        timezone_id="Europe/Berlin",
        locale="en-GB",
        service_workers="block",
    )
    context.add_cookies(phone.context.cookies())
    page = context.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(request))
    page.problems = []
    page.on("console", lambda msg: page.problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    context.close()


def _path(request) -> str:
    parts = urlsplit(request.url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def test_a_cold_today_page_loads_in_five_requests_of_its_own(cold_phone, app):
    page = cold_phone
    page.goto("/", wait_until="networkidle")
    expect(page.locator("[data-goal-id]")).to_have_count(3)
    version = app.config["ASSET_VERSION"]
    mine = [r for r in page.requested if r.resource_type not in ("manifest", "other")]
    assert sorted(_path(r) for r in mine) == sorted(
        [
            "/",
            f"/static/css/app.css?v={version}",
            f"/static/js/app.js?v={version}",
            f"/static/js/today.js?v={version}",
            "/static/js/outbox.js",  # preloaded, imported by today.js and app.js: fetched once
        ]
    )
    assert not [r.url for r in page.requested if "/icons/" in r.url or "favicon" in r.url]
    # The inline icon draws, in the top bar and as the favicon.
    assert page.evaluate("document.querySelector('.brand img').naturalWidth") > 0
    assert page.locator("link[rel=icon]").get_attribute("href").startswith("data:image/svg+xml,")
    assert page.problems == []


def test_the_sign_in_page_does_not_load_the_outbox(browser, live_server):
    context = browser.new_context(viewport=PHONE, base_url=live_server, service_workers="block")
    try:
        page = context.new_page()
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto("/login", wait_until="networkidle")
        scripts = [url for url in requested if "/static/js/" in url]
        assert [url.split("/static/js/")[1].split("?")[0] for url in scripts] == ["app.js"]
    finally:
        context.close()
