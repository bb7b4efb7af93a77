"""Chromium itself says the app is installable, and the manifest holds what an install needs."""

from __future__ import annotations

import json
import struct
import time

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, SKIP_WITHOUT_CHROMIUM
from tests.browser.flows import sign_up, wait_until_controlled
from tracker import ROOT

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]
MANIFEST = json.loads((ROOT / "manifest.webmanifest").read_text())


def _installability_errors(cdp) -> list:
    # Chromium settles its verdict asynchronously once the worker runs; ask until clean.
    deadline = time.monotonic() + 10
    while True:
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        if not errors or time.monotonic() > deadline:
            return errors
        time.sleep(0.25)


def test_chromium_reports_no_installability_errors(playwright, live_server, tmp_path):
    # Page.getInstallabilityErrors only answers in a persistent profile, not an incognito one.
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
        viewport=PHONE,
        timezone_id="Europe/Berlin",
        base_url=live_server,
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        sign_up(page, "install")
        wait_until_controlled(page)
        cdp = context.new_cdp_session(page)
        assert _installability_errors(cdp) == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"].endswith("/manifest.webmanifest")
        assert manifest["errors"] == []
    finally:
        context.close()


def test_the_manifest_has_what_an_installed_app_needs():
    for field in ("id", "name", "short_name", "start_url", "scope", "theme_color"):
        assert MANIFEST[field], field
    assert MANIFEST["display"] == "standalone"
    assert MANIFEST["background_color"].startswith("#")
    assert MANIFEST["start_url"].startswith(MANIFEST["scope"])


def _png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize(("size", "purpose"), [(192, "any"), (512, "any"), (512, "maskable")])
def test_the_manifest_lists_each_icon_an_install_needs_at_its_real_size(size, purpose):
    matches = [
        icon
        for icon in MANIFEST["icons"]
        if icon["sizes"] == f"{size}x{size}" and purpose in icon.get("purpose", "any").split()
    ]
    assert matches, f"no {purpose} icon of {size} px"
    for icon in matches:
        assert icon["type"] == "image/png"
        assert _png_size(ROOT / icon["src"].lstrip("/")) == (size, size)


def test_the_apple_touch_icon_is_180_px():
    assert _png_size(ROOT / "static/icons/apple-touch-icon.png") == (180, 180)
