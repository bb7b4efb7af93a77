"""At 320 px wide nothing a person typed pushes the page sideways: a company name of 120
letters without a space wraps instead of widening the page and the tab bar."""

from __future__ import annotations

import pytest

from tests.browser import flows
from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]

LONG = "Aktiengesellschaft" * 6 + "GmbH" * 3  # 120 letters, no space
PAGES = [
    "/",
    "/history",
    "/journal/applications",
    "/journal/applications/{application}",
    "/journal/rejections",
    "/journal/rejections/{rejection}/debrief",
    "/rejections/{rejection}/delete",
    "/insights",
]


def test_a_long_unbroken_name_never_widens_the_page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 320, "height": 640},
        timezone_id="Europe/Berlin",
        locale="en-GB",
        base_url=live_server,
    )
    page = context.new_page()
    flows.sign_up(page, prefix="narrow")
    today = page.evaluate("() => document.querySelector('[data-today]').dataset.today")
    application = flows.api_call(page, "POST", "/applications", {"company": LONG, "role": LONG})
    rejection = flows.api_call(
        page, "POST", "/rejections", {"date": today, "company": LONG, "role": LONG}
    )
    ids = {"application": application["id"], "rejection": rejection["id"]}
    wide = {}
    for path in PAGES:
        page.goto(path.format(**ids))
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 320:
            wide[path] = width
    context.close()
    assert not wide, wide
