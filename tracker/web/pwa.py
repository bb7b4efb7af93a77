"""The web app manifest and what every page needs to be installable."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, current_app, send_from_directory

bp = Blueprint("pwa", __name__)


@bp.get("/manifest.webmanifest")
def manifest():
    response = send_from_directory(
        Path(current_app.root_path).parent, "manifest.webmanifest", max_age=3600
    )
    response.mimetype = "application/manifest+json"
    return response


def register_template_globals(app: Flask) -> None:
    app.jinja_env.globals["asset_version"] = "1"
