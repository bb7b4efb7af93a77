"""Errors as JSON under /api and as friendly pages elsewhere."""

from __future__ import annotations

import sqlite3

from flask import Flask, g, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from tracker.core.days import human_date
from tracker.extensions import db
from tracker.services.errors import DATE_WORDS, ServiceError
from tracker.web.http.identity import session_user

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    503: "unavailable",
}
# Why a database refuses a write that is no fault of the request: SQLite's primary result
# codes, PostgreSQL's SQLSTATEs (a read-only transaction, a full disk).
_SQLITE_CANNOT_WRITE = {sqlite3.SQLITE_READONLY: "read-only", sqlite3.SQLITE_FULL: "full"}
_POSTGRES_CANNOT_WRITE = {"25006": "read-only", "53100": "full"}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, message: str, code: str | None = None, fields=None):
    """A JSON error body of the shape {"error": {"code", "message", "fields"?}}."""
    body = {"code": code or _CODES.get(status, "error"), "message": message}
    if fields:
        body["fields"] = fields
    return jsonify({"error": body}), status


def _page(status: int, message: str):
    user = session_user() if status < 500 else None
    return render_template("error.html", status=status, message=message, user=user), status


def handle_http(error: HTTPException):
    status = error.code or 500
    message = {
        404: "There is nothing here.",
        405: "That method is not allowed here.",
        413: "That request is too large.",
    }.get(status, error.description or "Something went wrong.")
    if wants_json():
        body, status = error_response(status, message)
        allowed = getattr(error, "valid_methods", None)
        if allowed:
            body.headers["Allow"] = ", ".join(allowed)
        return body, status
    return _page(status, message)


def handle_service(error: ServiceError):
    if wants_json():
        return error_response(error.status, error.message, error.code, error.fields)
    return _page(error.status, error.message)


def handle_csrf(error: CSRFError):
    message = "This form has expired. Reload the page and try again."
    if wants_json():
        return error_response(403, "Missing or invalid X-CSRFToken header.", "csrf")
    return _page(400, message)


def _cannot_write(error: BaseException | None) -> str | None:
    """Why the database refused a write ("read-only" or "full"), or None for any other error."""
    if not isinstance(error, DBAPIError):
        return None
    code = getattr(error.orig, "sqlite_errorcode", None)
    if code is not None:
        return _SQLITE_CANNOT_WRITE.get(code & 0xFF)  # extended codes keep the primary below
    return _POSTGRES_CANNOT_WRITE.get(getattr(error.orig, "sqlstate", None) or "")


def _unavailable(reason: str):
    """503: the database cannot take writes (read-only or full). Flask has logged the error;
    nothing of the request was saved, and trying again later is the right advice."""
    db.session.rollback()
    message = (
        "The database is full: nothing was saved. Try again later."
        if reason == "full"
        else "The database is read-only right now: nothing was saved. Try again later."
    )
    if wants_json():
        return error_response(503, message, "unavailable")
    return _page(503, f"We cannot save anything right now. {message}")


def handle_unexpected(error: Exception):
    reason = _cannot_write(getattr(error, "original_exception", None))
    if reason is not None:
        return _unavailable(reason)
    if wants_json():
        return error_response(500, "Something went wrong on our side.", "server_error")
    return _page(500, "Something went wrong on our side. Your data is safe; try again.")


def _dates_in_words() -> None:
    # A page's messages say dates as the page does ("1 March 2026"); the API keeps ISO.
    if not wants_json():
        g.date_words = DATE_WORDS.set(human_date)


def _dates_back(_error: BaseException | None) -> None:
    token = g.pop("date_words", None)
    if token is not None:
        DATE_WORDS.reset(token)


def register(app: Flask) -> None:
    app.add_template_filter(human_date, "human_date")
    app.before_request(_dates_in_words)
    app.teardown_request(_dates_back)
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(ServiceError, handle_service)
    app.register_error_handler(500, handle_unexpected)
