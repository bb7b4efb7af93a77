"""flask-openapi3's validation-error hook: a path, query or body that breaks its model answers
400 in our error shape, with the sentences the pages use."""

from __future__ import annotations

from flask_openapi3 import Info
from pydantic import ValidationError

from tracker.services.errors import Invalid
from tracker.web.http.errors import error_response
from tracker.web.schemas import ErrorOut
from tracker.web.schemas.messages import validation_fields


def _message(fields: dict[str, str]) -> str:
    # Malformed JSON never gets here: api.bodies refuses it before the view.
    if list(fields) == ["body"]:
        return "The body must be a JSON object."
    if len(fields) == 1:
        return next(iter(fields.values()))
    return "Some fields need another look."


def refuse(error: ValidationError):
    """The 400 for a request that breaks a model declared on its route."""
    fields = validation_fields(error)
    message = _message(fields)
    body, status = error_response(400, message, Invalid.code, fields if fields else None)
    body.status_code = status
    return body


# What create_app passes to flask_openapi3.OpenAPI: the document's head, the two ways to
# prove who you are, and the hook above; no Swagger pages (nothing under /api/v1 but the API).
APP_OPTIONS = {
    "info": Info(
        title="Bring It On API",
        version="1",
        description="Three small goals a day and a streak that a rejection never breaks.",
    ),
    "security_schemes": {
        "bearer": {"type": "http", "scheme": "bearer"},
        "session": {"type": "apiKey", "in": "cookie", "name": "bio_session"},
    },
    "validation_error_status": 400,
    "validation_error_model": ErrorOut,
    "validation_error_callback": refuse,
    "doc_ui": False,
}
