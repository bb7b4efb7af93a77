"""The app's public address (BASE_URL, SPEC section 7) in what leaves the app: a feed's
address and its events' UIDs are the same however a request reached the server."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, url_for


def public_url(endpoint: str, **values) -> str:
    """The absolute address of `endpoint` under BASE_URL."""
    return current_app.config["BASE_URL"] + url_for(endpoint, **values)


def public_host() -> str:
    """The host name of BASE_URL (an iCalendar UID's right-hand side)."""
    return urlsplit(current_app.config["BASE_URL"]).hostname or "localhost"
