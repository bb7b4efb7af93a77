"""The OpenAPI 3 document, generated from the declared operations."""

from __future__ import annotations

from tracker.web.api.registry import REGISTRY, _path, _schema
from tracker.web.schemas import ErrorOut

_ERROR_TEXT = {
    400: "The request is malformed or breaks a rule; `fields` says which.",
    401: "Missing or unknown credentials.",
    403: "Missing or invalid X-CSRFToken with a session cookie.",
    404: "No such thing among your own data.",
    409: "Clashes with what is stored.",
    413: "The body is too large.",
    429: "Too many attempts; see Retry-After.",
}


def build_document(prefix: str) -> dict:
    """The OpenAPI 3.1 document of every registered operation under `prefix`."""
    components: dict = {}
    error_ref = _schema(ErrorOut, components, "serialization")
    paths: dict = {}
    for op in REGISTRY.operations:
        path, params = _path(op.rule)
        params += [
            {"name": name, "in": "query", "required": required, "schema": {"type": "string", "format": kind}}
            for name, kind, required in op.query
        ]
        entry: dict = {"summary": op.summary, "tags": [op.tag], "operationId": _op_id(op)}
        if params:
            entry["parameters"] = params
        if op.body is not None:
            entry["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _schema(op.body, components, "validation")}},
            }
        responses: dict = {}
        if op.status == 204:
            responses["204"] = {"description": "Done; no content."}
        else:
            responses[str(op.status)] = {
                "description": "Success.",
                "content": {"application/json": {"schema": _schema(op.response, components, "serialization")}},
            }
        statuses = set(op.errors)
        if op.body is not None or op.query or "<day>" in op.rule:
            statuses |= {400, 413}
        if op.auth:
            statuses |= {401}
            if op.method != "GET":
                statuses |= {403}
        if "<int:" in op.rule:
            statuses |= {404}
        for status in sorted(statuses):
            responses[str(status)] = {
                "description": _ERROR_TEXT[status],
                "content": {"application/json": {"schema": error_ref}},
            }
        entry["responses"] = responses
        if op.auth:
            entry["security"] = [{"bearer": []}, {"session": []}]
        else:
            entry["security"] = []
        paths.setdefault(prefix + path, {})[op.method.lower()] = entry
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


def _op_id(op) -> str:
    return f"{op.method.lower()}_{op.tag}_{op.rule.strip('/').replace('/', '_').replace('<', '').replace('>', '').replace(':', '_')}"
