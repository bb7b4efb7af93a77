"""What makes the app installable and usable offline: the manifest, the service worker at
/sw.js (root scope), the offline page, and the asset version that names the worker's caches."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, Flask, current_app, render_template, send_from_directory

bp = Blueprint("pwa", __name__)

# static/sw.js carries this line; /sw.js serves it with the version and the shell's URLs filled
# in, so a new version changes the worker's bytes and the browser installs it as an update.
BUILD_MARKER = 'const BUILD = { version: "dev", shell: [] };'
# The app shell the worker precaches: what a page needs offline. Every stylesheet and script
# under static/ (but sw.js), and of the icons only the 192 px one (for notifications); pages
# carry the brand icon inline (ICON_FILE as a data: URI), and the browser fetches the other
# manifest icons only to install, which needs the network anyway.
SHELL_SUFFIXES = frozenset({".css", ".js"})
SHELL_EXTRAS = ("icons/icon-192.png", "icons/badge-96.png")
SHELL_PAGES = ("/offline", "/manifest.webmanifest")
APPLE_TOUCH_ICON = "icons/apple-touch-icon.png"
ICON_FILE = "icons/icon.svg"
FAVICON_FILE = "icons/favicon.ico"


def _project_root() -> Path:
    return Path(current_app.root_path).parent


@bp.get("/manifest.webmanifest")
def manifest():
    response = send_from_directory(_project_root(), "manifest.webmanifest", max_age=3600)
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/favicon.ico")
def favicon():
    """For browsers and tools that ask for /favicon.ico; pages link the SVG icon inline."""
    static = Path(current_app.static_folder or "")
    response = send_from_directory(static, FAVICON_FILE, max_age=86400)
    response.mimetype = "image/x-icon"
    return response


@bp.get("/sw.js")
def service_worker():
    """The worker, never from an HTTP cache: the browser compares its bytes to find updates."""
    source = (Path(current_app.static_folder or "") / "sw.js").read_text(encoding="utf-8")
    if BUILD_MARKER not in source:
        raise RuntimeError(f"static/sw.js lost its build line: {BUILD_MARKER}")
    build = {
        "version": current_app.config["ASSET_VERSION"],
        "shell": current_app.extensions["pwa_shell"],
    }
    body = source.replace(BUILD_MARKER, f"const BUILD = {json.dumps(build)};", 1)
    response = current_app.response_class(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/offline")
def offline():
    """What a page that is not cached shows without a network; the same for everyone."""
    return render_template("offline.html", user=None)


def _shell_files(static: Path) -> list[Path]:
    found = {
        path
        for path in static.rglob("*")
        if path.is_file()
        and path.suffix in SHELL_SUFFIXES
        and path.name != "sw.js"
        and not any(part.startswith(".") for part in path.relative_to(static).parts)
    }
    found.update(path for name in SHELL_EXTRAS if (path := static / name).is_file())
    return sorted(found)


def shell_urls(static: Path) -> list[str]:
    """The URLs the service worker precaches when it installs."""
    files = [f"/static/{path.relative_to(static).as_posix()}" for path in _shell_files(static)]
    return [*SHELL_PAGES, *files]


def fingerprint(root: Path, static: Path, templates: Path) -> str:
    """A short hash of everything the shell is made of (static files, templates, manifest):
    any change gives a new asset version, so nobody has to remember to bump one."""
    digest = hashlib.sha256()
    files = [root / "manifest.webmanifest"]
    files += sorted(p for p in static.rglob("*") if p.is_file())
    files += sorted(p for p in templates.rglob("*") if p.is_file())
    for path in files:
        if path.exists():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def svg_data_uri(svg: str) -> str:
    """`svg` as a URL-encoded data: URI: smaller than base64 for text, and valid in an HTML
    attribute as it is (no quotes, spaces or `#` left), so templates need not escape it."""
    text = re.sub(r">\s+<", "><", svg.strip())  # the indentation between elements
    return "data:image/svg+xml," + quote(re.sub(r"\s+", " ", text), safe="=:/;,()")


def register_template_globals(app: Flask) -> None:
    """Work out the asset version (unless ASSET_VERSION is configured) and give it to pages,
    with the brand icon inline: one request fewer per page for the logo and for the favicon."""
    root = Path(app.root_path).parent
    static = Path(app.static_folder or root / "static")
    templates = root / (app.template_folder or "templates")
    app.extensions["pwa_shell"] = shell_urls(static)
    if not app.config.get("ASSET_VERSION"):
        app.config["ASSET_VERSION"] = fingerprint(root, static, templates)
    brand = static / ICON_FILE
    icon_uri = svg_data_uri(brand.read_text(encoding="utf-8")) if brand.is_file() else None
    touch = f"/static/{APPLE_TOUCH_ICON}" if (static / APPLE_TOUCH_ICON).is_file() else None

    @app.context_processor
    def pwa_globals() -> dict:
        return {
            "asset_version": current_app.config["ASSET_VERSION"],
            "icon_uri": icon_uri,
            "apple_touch_icon": touch,
        }
