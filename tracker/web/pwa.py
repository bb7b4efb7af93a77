"""The web app manifest and what every page needs to be installable."""

from __future__ import annotations

from flask import Blueprint, Flask, send_from_directory

from tracker import ROOT

bp = Blueprint("pwa", __name__)


@bp.get("/manifest.webmanifest")
def manifest():
    response = send_from_directory(ROOT, "manifest.webmanifest", max_age=3600)
    response.mimetype = "application/manifest+json"
    return response


def register_template_globals(app: Flask) -> None:
    app.jinja_env.globals["asset_version"] = "1"
