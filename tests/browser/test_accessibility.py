"""axe-core (its default rules) finds no violation on any page, signed in and out, at 390x844,
in the light and the dark colour scheme (SPEC section 8). `make test` installs axe-core from
npm into .venv/axe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import flows
from tests.browser.conftest import PHONE, SKIP_WITHOUT_CHROMIUM

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]

AXE = (
    Path(__file__).resolve().parents[2]
    / ".venv"
    / "axe"
    / "node_modules"
    / "axe-core"
    / "axe.min.js"
)
SIGNED_OUT = ["/login", "/signup", "/offline", "/forgot", "/reset/not-a-real-link"]
SIGNED_IN = [
    "/",
    "/?date=2000-01-01",
    "/goals",
    "/history",
    "/history?view=year",
    "/insights",
    "/rejections/new",
    "/rejections/{rejection}/delete",
    "/journal",
    "/journal/applications",
    "/journal/applications/new",
    "/journal/applications/{application}",
    "/journal/practice",
    "/journal/reflections",
    "/journal/rejections",
    "/journal/rejections/{rejection}/debrief",
    "/settings",
    "/settings/reminders",
    "/settings/data",
    "/settings/tokens",
    "/settings/calendar",
    "/settings/password",
    "/settings/delete",
]


def _violations(page) -> list[str]:
    assert AXE.exists(), f"axe-core is not installed at {AXE}: run `make test`"
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        for v in found
    ]


@pytest.fixture(params=["light", "dark"])
def scheme(request):
    return request.param


def _page(browser, live_server, scheme):
    context = browser.new_context(
        viewport=PHONE,
        timezone_id="Europe/Berlin",
        locale="en-GB",
        base_url=live_server,
        color_scheme=scheme,
        reduced_motion="reduce",
        bypass_csp=True,  # axe is injected as an inline script; the pages allow none
    )
    return context, context.new_page()


def _audit(page, url: str, problems: dict) -> None:
    """Open `url` and note its axe violations, if any, in `problems` under the url."""
    page.goto(url)
    found = _violations(page)
    if found:
        problems[url] = found


def test_no_page_has_an_axe_violation_signed_out(browser, live_server, scheme):
    context, page = _page(browser, live_server, scheme)
    problems = {}
    for path in SIGNED_OUT:
        _audit(page, path, problems)
    context.close()
    assert not problems, problems


ONBOARDING = ["/welcome", "/welcome/goals", "/welcome/reminders"]


def test_no_page_has_an_axe_violation_signed_in(browser, live_server, scheme):
    context, page = _page(browser, live_server, scheme)
    problems = {}
    # Sign up, and audit the onboarding steps it leads to before leaving them.
    page.goto("/signup")
    flows.create_account(page, f"axe-{scheme}@example.com")
    for path in ONBOARDING:
        _audit(page, path, problems)
        assert page.url.endswith(path), f"{path} sent the page to {page.url}"
    page.get_by_role("button", name="Go to Today").click()
    page.wait_for_url(re.compile(r"/(\?welcome=1)?$"))
    rejection = flows.api_call(
        page, "POST", "/rejections", {"date": _today(page), "company": "Acme"}
    )
    application = flows.api_call(
        page, "POST", "/applications", {"company": "Initech", "role": "Data analyst"}
    )
    ids = {"rejection": rejection["id"], "application": application["id"]}
    for path in SIGNED_IN:
        _audit(page, path.format(**ids), problems)
    context.close()
    assert not problems, problems


def _today(page) -> str:
    value = page.evaluate("() => document.querySelector('[data-today]')?.dataset.today")
    assert value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    return value


def test_the_audit_itself_sees_a_violation(browser, live_server):
    """The check above can fail: a field without a label is reported."""
    context, page = _page(browser, live_server, "light")
    page.goto("/login")
    page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')"
    )
    assert any(v.startswith("label ") for v in _violations(page))
    context.close()
