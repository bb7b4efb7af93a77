"""The OpenAPI 3 document, generated from the declared operations."""

from __future__ import annotations

import re

from tracker.web.api.registry import REGISTRY, Operation, _path, _schema
from tracker.web.schemas import ErrorOut

_ERROR_TEXT = {
    400: "The request is malformed or breaks a rule; `fields` says which.",
    401: "Missing or unknown credentials.",
    403: "Missing or invalid X-CSRFToken with a session cookie.",
    404: "No such thing among your own data.",
    409: "Clashes with what is stored.",
    413: "The body is too large.",
    422: "One more would pass a limit of the account or of an import; the message says which.",
    429: "Too many attempts; see Retry-After.",
}


def build_document(prefix: str) -> dict:
    """The OpenAPI 3.1 document of every registered operation under `prefix`."""
    components: dict = {}
    error_ref = _schema(ErrorOut, components, "serialization")
    paths: dict = {}
    for op in REGISTRY.operations:
        path, _ = _path(op.rule)
        paths.setdefault(prefix + path, {})[op.method.lower()] = _operation(
            op, components, error_ref
        )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Bring It On API",
            "version": "1",
            "description": "Three small goals a day and a streak that a rejection never breaks.",
        },
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "bio_session"},
            },
        },
    }


def _json(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


def _operation(op: Operation, components: dict, error_ref: dict) -> dict:
    _, params = _path(op.rule)
    params += [
        {
            "name": name,
            "in": "query",
            "required": required,
            "schema": _query_schema(kind),
        }
        for name, kind, required in op.query
    ]
    entry: dict = {"summary": op.summary, "tags": [op.tag], "operationId": _op_id(op)}
    if params:
        entry["parameters"] = params
    if op.body is not None:
        body = _schema(op.body, components, "validation")
        entry["requestBody"] = {"required": True, "content": _json(body)}
    elif op.upload is not None:
        entry["requestBody"] = {"required": True, "content": op.upload}
    if op.status == 204:
        responses: dict = {"204": {"description": "Done; no content."}}
    elif op.content != "application/json":
        content = {op.content: {"schema": {"type": "string"}}}
        responses = {str(op.status): {"description": "Success.", "content": content}}
    else:
        answer = _schema(op.response, components, "serialization")
        responses = {str(op.status): {"description": "Success.", "content": _json(answer)}}
    for status in _error_statuses(op):
        responses[str(status)] = {"description": _ERROR_TEXT[status], "content": _json(error_ref)}
    entry["responses"] = responses
    entry["security"] = [{"bearer": []}, {"session": []}] if op.auth else []
    return entry


def _query_schema(kind: str) -> dict:
    """A query value's schema from its declared kind: "string", "integer" or a string format.

    An empty value (`?from=&to=`) counts as left out, as the views read it, so the document
    allows it beside a number or a formatted string.
    """
    if kind == "string":
        return {"type": kind}
    empty = {"type": "string", "maxLength": 0}
    if kind == "integer":
        return {"anyOf": [{"type": "integer"}, empty]}
    return {"anyOf": [{"type": "string", "format": kind}, empty]}


# The operations that add goals or journal records, which a limit may refuse (SPEC 6, Limits);
# moving an application to rejected logs a rejection.
_LIMITED = {
    ("POST", rule)
    for rule in (
        "/goals",
        "/applications",
        "/rejections",
        "/breaks",
        "/practice",
        "/practice/questions",
        "/reflections",
        "/import",
        "/import/loop",
    )
} | {("PATCH", "/applications/<int:application_id>")}


def _error_statuses(op: Operation) -> list[int]:
    """The error answers an operation can give, from what it takes and who may call it."""
    statuses = set(op.errors)
    # Only a body that is read can be too large: a GET with a query never answers 413.
    if op.body is not None or op.upload is not None:
        statuses |= {400, 413}
    if op.query or "<day>" in op.rule:
        statuses |= {400}
    if op.auth:
        statuses |= {401} if op.method == "GET" else {401, 403}
    if "<int:" in op.rule:
        statuses |= {404}
    if (op.method, op.rule) in _LIMITED:
        statuses |= {422}
    return sorted(statuses)


def _op_id(op: Operation) -> str:
    words = re.sub(r"<(?:\w+:)?(\w+)>", r"\1", op.rule).strip("/").replace("/", "_")
    return f"{op.method.lower()}_{words}"
