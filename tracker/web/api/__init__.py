"""The JSON API under /api/v1."""

from flask import Blueprint, jsonify

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/openapi.json")
def openapi():
    from tracker.web.api.openapi import build_document

    return jsonify(build_document(bp.url_prefix or ""))


from tracker.web.api import (  # noqa: E402, F401
    accounts,
    applications,
    goals,
    history,
    insights,
    journal,
    practice,
    push,
    reflections,
    reminders,
    transfer,
)


def init_app(app) -> None:
    """Serve /api/v1; its callers prove themselves with a token or X-CSRFToken, not a form."""
    from tracker.extensions import csrf

    app.register_blueprint(bp)
    csrf.exempt(bp)
