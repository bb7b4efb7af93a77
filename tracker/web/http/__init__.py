"""Shared request plumbing, no routes: who is calling, forms, errors, limits, headers, logs."""

from __future__ import annotations

from flask import Flask

from tracker.web.http import (
    checkpoints,
    compression,
    errors,
    forms,
    ratelimit,
    requestlog,
    security,
)


def init_app(app: Flask) -> None:
    """Hooks and handlers around every request, and the <id:…> converter the routes use."""
    app.url_map.converters["id"] = forms.IdConverter  # <id:…>: a page's id, at most 2**31 - 1
    requestlog.register(app)
    errors.register(app)
    ratelimit.init_app(app)
    security.register(app)
    compression.register(app)
    checkpoints.register(app)
