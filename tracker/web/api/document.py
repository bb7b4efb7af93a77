"""/api/v1/openapi.json: flask-openapi3's document of the declared operations, as served."""

from __future__ import annotations

from flask import Response, jsonify


def _library_validation_answer(response: dict) -> bool:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return schema.get("type") == "array" and "ErrorOut" in schema.get("items", {}).get("$ref", "")


def served(document: dict) -> Response:
    """The document, less the 400 flask-openapi3 adds to every operation that declares none
    (a list of errors): this API answers one error object, and declares its 400 where a path,
    query or body is read; an operation that reads none cannot answer 400."""
    for operations in document["paths"].values():
        for operation in operations.values():
            answers = operation["responses"]
            if "400" in answers and _library_validation_answer(answers["400"]):
                del answers["400"]
    return jsonify(document)
