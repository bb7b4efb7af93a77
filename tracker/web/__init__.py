"""The request side, in wings: `http` (shared plumbing, no routes), `pages` (the site) and
`api` (/api/v1); `schemas` holds the pydantic models both validate with."""

from __future__ import annotations

from flask import Flask

from tracker.web import api, http, pages


def init_app(app: Flask) -> None:
    """Register the pages, the API and the plumbing around every request."""
    http.init_app(app)
    pages.init_app(app)
    api.init_app(app)
