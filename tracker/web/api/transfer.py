"""Your data: export, import, Loop Habit Tracker's export, and entries as CSV."""

from __future__ import annotations

import json

from flask import request
from flask_openapi3 import RawModel
from werkzeug.exceptions import RequestEntityTooLarge

from tracker import clock
from tracker.extensions import db
from tracker.models import CATEGORIES
from tracker.services import loop_import, transfer, transfer_import
from tracker.services.errors import Invalid, TooLarge
from tracker.web.api import bp
from tracker.web.api.answers import BODY, LIMITED, QUERY, SIGNED_IN, WRITE, json_answer
from tracker.web.api.bodies import json_upload
from tracker.web.api.hooks import caller
from tracker.web.http.downloads import entries_csv
from tracker.web.http.errors import handle_http, handle_service
from tracker.web.http.identity import today_for
from tracker.web.http.uploads import give_back_memory, import_limit, too_large_message
from tracker.web.schemas.queries import LoopQuery
from tracker.web.schemas.transfer import (
    ExportFile,
    ImportSummary,
    LoopImportOut,
    import_document,
)

IMPORTS = ("api.import_account", "api.import_loop")
CSV = {
    "description": "Every check-in, a row each.",
    "content": {"text/csv": {"schema": {"type": "string"}}},
}


class LoopUpload(RawModel):
    """The zip Loop Habit Tracker exports: the raw body, or the `file` field of a form (with
    `category` and `categories` fields)."""

    mimetypes = ["application/zip", "multipart/form-data"]


def allow_larger_uploads():
    """An import may send up to import_limit(); a larger Content-Length is refused before a
    byte of the body is read (a body without one stops being read at the limit)."""
    if request.endpoint in IMPORTS:
        request.max_content_length = import_limit()
        if (request.content_length or 0) > import_limit():
            raise TooLarge(too_large_message(), {"file": too_large_message()})


@bp.teardown_request
def _after_import(_error):
    if request.endpoint in IMPORTS:
        give_back_memory()


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error: RequestEntityTooLarge):
    if request.endpoint in IMPORTS:
        return handle_service(TooLarge(too_large_message(), {"file": too_large_message()}))
    return handle_http(error)


@bp.get("/export", responses={200: ExportFile, **SIGNED_IN})
def export_account():
    """The whole account as one document (format: docs/export.md)"""
    return json_answer(ExportFile, transfer.export_account(db.session, caller(), clock.now_utc()))


# The export file is read by the view (bodies.json_upload); the document names its model.
EXPORT_FILE = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ExportFile"}}},
    }
}


@bp.post(
    "/import",
    responses={200: ImportSummary, **WRITE, **BODY, **LIMITED},
    openapi_extensions=EXPORT_FILE,
)
def import_account():
    """Add an export to the account: all of it, or nothing on any error"""
    body = json_upload(ExportFile)
    user = caller()
    summary = transfer_import.import_account(
        db.session, user, today_for(user), clock.now_utc(), import_document(body)
    )
    db.session.commit()
    return json_answer(ImportSummary, summary)


@bp.get("/export/entries.csv", responses={200: CSV, **SIGNED_IN})
def export_entries():
    """Every check-in as CSV (columns: docs/export.md)"""
    return entries_csv(caller())


def _choice(raw: str | None) -> str | None:
    if raw in (None, ""):
        return None
    if raw not in CATEGORIES:
        raise Invalid("Unknown category.", {"category": f"Use one of: {', '.join(CATEGORIES)}."})
    return raw


def _dry_run(raw: str | None) -> bool:
    if raw not in (None, "", "true", "false"):
        raise Invalid("dry_run is true or false.", {"dry_run": "Use true or false."})
    return raw == "true"


def loop_choices(raw: str | None) -> dict[str, str]:
    """The `categories` field: a JSON object {habit name: category}; Invalid otherwise."""
    if raw in (None, ""):
        return {}
    message = 'Send a JSON object such as {"Run": "practice"}, with apply, practice or reflect.'
    try:
        chosen = json.loads(raw)
    except ValueError:
        raise Invalid("categories is not valid JSON.", {"categories": message}) from None
    if not isinstance(chosen, dict) or not all(
        isinstance(v, str) and v in CATEGORIES for v in chosen.values()
    ):
        raise Invalid("categories needs another look.", {"categories": message})
    return chosen


def _upload() -> tuple[bytes, dict]:
    """The zip and the fields sent with it (multipart form, or the query with a raw body)."""
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        return (upload.read() if upload else b""), request.form
    return request.get_data(cache=False), request.args


@bp.post("/import/loop", responses={200: LoopImportOut, **WRITE, **BODY, **QUERY, **LIMITED})
def import_loop(query: LoopQuery, raw: LoopUpload):
    """Import Loop Habit Tracker's CSV export (its zip): each habit becomes a goal"""
    # `query` and `raw` are declared for the library (the query checked, both documented);
    # the choices are read from wherever the zip came with them, a form or the query.
    data, fields = _upload()
    if not data:
        message = "Send the zip Loop Habit Tracker exported."
        raise Invalid(message, {"file": message})
    user = caller()
    result = loop_import.import_loop(
        db.session,
        user,
        today_for(user),
        clock.now_utc(),
        data,
        default=_choice(fields.get("category")),
        chosen=loop_choices(fields.get("categories")),
        dry_run=_dry_run(fields.get("dry_run")),
    )
    db.session.commit()
    return json_answer(LoopImportOut, result)
