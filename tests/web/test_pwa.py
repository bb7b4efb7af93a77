"""What the browser needs to install the app and use it offline: /sw.js, /offline, the
manifest, and the hooks the Today page's script reads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.web.conftest import TODAY
from tests.web.pages import page, parse
from tracker.web.pages import pwa

ROOT = Path(__file__).resolve().parents[2]
BUILD = re.compile(r"^const BUILD = (\{.*\});$", re.M)


def _build(answer) -> dict:
    found = BUILD.search(answer.get_data(as_text=True))
    assert found, "the served worker has no filled-in build line"
    return json.loads(found.group(1))


def test_the_service_worker_is_served_at_the_root_uncached_as_javascript(client):
    answer = client.get("/sw.js")
    assert answer.status_code == 200
    assert answer.mimetype == "text/javascript"
    assert answer.headers["Cache-Control"] == "no-cache"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "Service-Worker-Allowed" not in answer.headers  # /sw.js has the root scope already


def test_the_service_worker_carries_the_asset_version_and_the_shell(app, client):
    answer = client.get("/sw.js")
    assert pwa.BUILD_MARKER not in answer.get_data(as_text=True)
    build = _build(answer)
    assert build["version"] == app.config["ASSET_VERSION"]
    assert build["version"] != "dev"
    shell = build["shell"]
    for url in ("/offline", "/manifest.webmanifest", "/static/css/app.css"):
        assert url in shell
    for module in ("app", "today", "outbox"):
        assert f"/static/js/{module}.js" in shell
    assert "/static/sw.js" not in shell
    # Of the icons, only the two notifications use: pages carry the brand icon inline.
    assert [url for url in shell if url.startswith("/static/icons/")] == [
        "/static/icons/badge-96.png",
        "/static/icons/icon-192.png",
    ]
    for url in shell:  # everything precached exists, or installing the worker would fail
        if url.startswith("/static/"):
            assert (ROOT / url.lstrip("/")).is_file(), url


def test_a_new_asset_version_is_a_new_service_worker(app, client):
    before = client.get("/sw.js").get_data()
    old = app.config["ASSET_VERSION"]
    app.config["ASSET_VERSION"] = "next-release"
    try:
        answer = client.get("/sw.js")
        assert answer.get_data() != before  # what the browser compares to find an update
        assert _build(answer)["version"] == "next-release"
        assert "v=next-release" in client.get("/login").get_data(as_text=True)
    finally:
        app.config["ASSET_VERSION"] = old


def test_the_asset_version_follows_every_file_of_the_shell(tmp_path):
    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "templates").mkdir()
    (tmp_path / "manifest.webmanifest").write_text("{}")
    script = tmp_path / "static" / "js" / "a.js"
    script.write_text("one")
    (tmp_path / "templates" / "base.html").write_text("<html>")
    args = (tmp_path, tmp_path / "static", tmp_path / "templates")
    first = pwa.fingerprint(*args)
    assert pwa.fingerprint(*args) == first
    script.write_text("two")
    second = pwa.fingerprint(*args)
    (tmp_path / "templates" / "base.html").write_text("<html lang=en>")
    third = pwa.fingerprint(*args)
    assert len({first, second, third}) == 3


def test_the_shell_is_the_styles_and_scripts_and_the_notification_icons(tmp_path):
    names = (
        "css/app.css",
        "js/app.js",
        "icons/icon.svg",
        "icons/icon-192.png",
        "icons/badge-96.png",
        "icons/icon-512.png",
        "icons/favicon.ico",
        "icons/render_icons.py",
        "sw.js",
        ".hidden/x.js",
        "x.py",
    )
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    assert pwa.shell_urls(tmp_path) == [
        "/offline",
        "/manifest.webmanifest",
        "/static/css/app.css",
        "/static/icons/badge-96.png",
        "/static/icons/icon-192.png",
        "/static/js/app.js",
    ]


def test_the_shell_leaves_out_an_extra_that_is_not_there(tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "app.js").write_text("")
    assert pwa.shell_urls(tmp_path) == ["/offline", "/manifest.webmanifest", "/static/js/app.js"]


def test_the_offline_page_is_the_same_for_everyone(member):
    answer = member.get("/offline")  # signed in, yet nothing personal: every visitor shares it
    assert answer.status_code == 200
    assert "script-src 'self'" in answer.headers["Content-Security-Policy"]
    document = parse(answer.get_data(as_text=True))
    assert document.one("h1").text() == "You\u2019re offline"
    assert [a.attrs["href"] for a in document.all("a") if a.text() == "Open Today"] == ["/"]
    assert document.all("meta", name="csrf-token") == []
    assert document.all("nav", class_="tabbar") == []
    assert document.all("form") == []
    assert "data-user-id" not in document.one("body").attrs


@pytest.mark.parametrize("path", ["/login", "/signup", "/offline"])
def test_every_page_links_the_manifest_and_loads_the_app_script(client, app, path):
    document = page(client, path)
    assert document.one("link", rel="manifest").attrs["href"] == "/manifest.webmanifest"
    version = app.config["ASSET_VERSION"]
    scripts = [s.attrs["src"] for s in document.all("script")]
    assert f"/static/js/app.js?v={version}" in scripts
    assert all(s.attrs.get("type") == "module" for s in document.all("script"))
    assert document.one("html").attrs["data-page-source"] == "network"  # the worker's mark


@pytest.mark.parametrize("path", ["/login", "/signup", "/offline"])
def test_the_brand_icon_is_inline_for_the_tab_and_the_top_bar(client, path):
    document = page(client, path)
    uri = pwa.svg_data_uri((ROOT / "static" / pwa.ICON_FILE).read_text(encoding="utf-8"))
    assert uri.startswith("data:image/svg+xml,%3Csvg")
    assert document.one("link", rel="icon").attrs["href"] == uri
    assert document.one("link", rel="icon").attrs["type"] == "image/svg+xml"
    assert document.one("a", class_="brand").one("img").attrs["src"] == uri
    assert "/static/icons/icon.svg" not in client.get(path).get_data(as_text=True)


def test_the_icon_data_uri_needs_no_escaping_and_keeps_the_drawing():
    svg = '<svg xmlns="http://www.w3.org/2000/svg">\n  <style>#a{fill:red}</style>\n</svg>\n'
    uri = pwa.svg_data_uri(svg)
    assert uri == (
        "data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%3E"
        "%3Cstyle%3E%23a%7Bfill:red%7D%3C/style%3E%3C/svg%3E"
    )
    assert not set(uri) & set(" \"'<>&#\n")
    assert unquote(uri.split(",", 1)[1]) == svg.strip().replace("\n  ", "").replace("\n", "")


def test_favicon_ico_is_served_for_browsers_that_ask_for_it(client):
    with client.get("/favicon.ico") as answer:
        assert answer.status_code == 200
        assert answer.mimetype == "image/x-icon"
        assert answer.data == (ROOT / "static" / pwa.FAVICON_FILE).read_bytes()
        assert answer.data[:4] == b"\0\0\1\0"  # an ICO header
        assert "max-age" in answer.headers["Cache-Control"]


@pytest.mark.parametrize(("path", "preloads"), [("/", 1), ("/goals", 1), ("/offline", 0)])
def test_signed_in_pages_preload_the_outbox(member, path, preloads):
    # The URL app.js, today.js and the worker import; /offline is nobody's page.
    links = [link.attrs["href"] for link in page(member, path).all("link", rel="modulepreload")]
    assert links == ["/static/js/outbox.js"] * preloads


def test_pages_for_visitors_do_not_load_the_outbox(client):
    assert page(client, "/login").all("link", rel="modulepreload") == []


def test_the_manifest_is_served_as_a_web_app_manifest(client):
    with client.get("/manifest.webmanifest") as answer:  # a file: close it
        assert answer.status_code == 200
        assert answer.mimetype == "application/manifest+json"
        assert answer.get_json(force=True)["start_url"] == "/"


def test_the_apple_touch_icon_is_linked_when_it_exists(client):
    icon = ROOT / "static" / pwa.APPLE_TOUCH_ICON
    links = page(client, "/login").all("link", rel="apple-touch-icon")
    if icon.exists():
        assert [link.attrs["href"] for link in links] == ["/static/icons/apple-touch-icon.png"]
    else:
        assert links == []


def test_the_today_page_gives_its_script_the_time_zone_and_the_dates(member):
    document = page(member, "/")
    goals = document.one("ul", data_controller="today")
    assert goals.attrs["data-timezone"] == "Europe/Berlin"
    assert goals.attrs["data-today"] == TODAY
    assert goals.attrs["data-date"] == TODAY
    assert document.one("body").attrs["data-user-id"].isdigit()
    for goal in document.all(data_goal_id=True):
        marker = goal.one(data_waiting=True)
        assert "hidden" in marker.attrs
        assert marker.text() == "Waiting to be sent"
    assert "hidden" in document.one(data_waiting_count=True).attrs


def test_a_past_day_keeps_its_own_date(member):
    goals = page(member, "/?date=2026-03-10").one("ul", data_controller="today")
    assert goals.attrs["data-date"] == "2026-03-10"
    assert goals.attrs["data-today"] == TODAY


def test_offline_install_and_update_controls_start_hidden(member):
    document = page(member, "/")
    for controller in ("offline-banner", "install", "ios-hint", "update"):
        assert "hidden" in document.one(data_controller=controller).attrs
