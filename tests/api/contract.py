"""Answers checked against the OpenAPI document with a JSON Schema validator (jsonschema_rs).

The document is OpenAPI 3.1, whose schemas are JSON Schema 2020-12, and its `$ref`s point into
`#/components`; each check compiles the schema with those components beside it. Formats are
asserted (`date` must be a real YYYY-MM-DD day). Objects with declared properties must not
carry others: the SPEC fixes the exact shape of every answer, so every such object schema that
says nothing about extra properties is checked as if it had `unevaluatedProperties: false`.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import jsonschema_rs
from flask import Flask


def resolve(schema: dict, document: dict) -> dict:
    """The schema a `$ref` points to (only local `#/...` ones), followed until it has none."""
    while "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), f"non-local $ref {ref}"
        target: Any = document
        for part in ref[2:].split("/"):
            assert part in target, f"$ref {ref} does not resolve"
            target = target[part]
        schema = target
    return schema


def problems(value: Any, schema: dict, document: dict) -> list[str]:
    """Every way `value` fails `schema` (empty when it conforms), each as `$.path: message`."""
    validator = _validator(json.dumps(schema), json.dumps(document.get("components", {})))
    return [
        f"{_where(error.instance_path)}: {error.message}" for error in validator.iter_errors(value)
    ]


@functools.cache
def _validator(schema: str, components: str) -> jsonschema_rs.Validator:
    root = _exact({**json.loads(schema), "components": json.loads(components)})
    return jsonschema_rs.Draft202012Validator(root, validate_formats=True)


def _exact(node: Any) -> Any:
    """`node` with every object schema that declares properties closed to undeclared ones."""
    if isinstance(node, list):
        return [_exact(item) for item in node]
    if not isinstance(node, dict):
        return node
    closed = {key: _exact(item) for key, item in node.items()}
    if isinstance(node.get("properties"), dict) and not (
        {"additionalProperties", "unevaluatedProperties"} & node.keys()
    ):
        closed["unevaluatedProperties"] = False
    return closed


def _where(path: list[str | int]) -> str:
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


def openapi_path(app: Flask, method: str, path: str) -> str:
    """The OpenAPI path template of the route that serves `method path` in `app`."""
    adapter = app.url_map.bind("localhost")
    rule, _ = adapter.match(path.split("?", 1)[0], method=method, return_rule=True)
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)


def operation(document: dict, app: Flask, method: str, path: str) -> dict:
    """The OpenAPI operation object documenting `method path`."""
    template = openapi_path(app, method, path)
    assert template in document["paths"], f"{template} is not documented"
    operations = document["paths"][template]
    assert method.lower() in operations, f"{method} {template} is not documented"
    return operations[method.lower()]


def response_problems(document: dict, app: Flask, response) -> list[str]:
    """How an answer of the test client departs from what the document declares for it."""
    request = response.request
    op = operation(document, app, request.method, request.path)
    declared = op["responses"].get(str(response.status_code))
    if declared is None:
        return [
            f"status {response.status_code} is not declared for {request.method} {request.path}"
        ]
    content = declared.get("content")
    if content is None:
        return [] if not response.get_data() else ["a body where the document declares none"]
    if response.mimetype not in content:
        return [f"mimetype {response.mimetype}, not one of {sorted(content)}"]
    if response.mimetype != "application/json":
        return []  # a file (text/csv): its columns are tested where it is made
    schema = content["application/json"]["schema"]
    return problems(response.get_json(), schema, document)
