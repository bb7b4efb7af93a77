"""The real app on a local port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tools import chromium

# Launched as the dev tools launch it (tools/chromium.py): one set of options for both.
CHROMIUM = Path(chromium.CHROMIUM)
CHROMIUM_ARGS = chromium.CHROMIUM_ARGS
PHONE = {"width": 390, "height": 844}
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)
SKIP_WITHOUT_CHROMIUM = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (`make test` installs it)"
)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:  # one line per request only adds noise
        pass


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The app (tables created by the `app` fixture) served on 127.0.0.1 and a free port."""
    # Threaded: Chromium opens sockets ahead of need (and a service worker fetches the app
    # shell in parallel); one idle socket would stall a single-threaded server.
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright):
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield chromium
    chromium.close()


def _context(browser, **options):
    return browser.new_context(
        viewport=PHONE, timezone_id="Europe/Berlin", locale="en-GB", **options
    )


def watched(page):
    """The page, collecting every console error and uncaught exception in `page.problems`."""
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.problems = problems
    return page


@pytest.fixture
def phone(browser, live_server):
    """A fresh phone-sized page (its own cookies) that fails the test on any console error."""
    context = _context(browser, base_url=live_server)
    yield watched(context.new_page())
    context.close()


@pytest.fixture
def iphone(browser, live_server):
    """A fresh page as Safari on an iPhone shows it (touch, its user agent)."""
    context = _context(
        browser, base_url=live_server, user_agent=IPHONE, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_js(browser, live_server):
    context = _context(browser, base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()
