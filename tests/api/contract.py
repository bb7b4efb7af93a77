"""A small JSON Schema check (the subset pydantic emits) for answers against the OpenAPI document.

jsonschema is not installed here, so this resolves `$ref` itself and checks types, required and
known properties, enums, ranges, lengths and `format: date`. Objects with declared properties
must not carry others: the SPEC fixes the exact shape of every answer.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask import Flask

_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def resolve(schema: dict, document: dict) -> dict:
    """Follow `$ref` (only local `#/...` ones) until a schema without one."""
    while "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), f"non-local $ref {ref}"
        target: Any = document
        for part in ref[2:].split("/"):
            assert part in target, f"$ref {ref} does not resolve"
            target = target[part]
        schema = target
    return schema


def problems(value: Any, schema: dict, document: dict, where: str = "$") -> list[str]:
    """Every way `value` fails `schema` (empty when it conforms)."""
    schema = resolve(schema, document)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            passing = [s for s in schema[key] if not problems(value, s, document, where)]
            if (key == "anyOf" and not passing) or (key == "oneOf" and len(passing) != 1):
                return [f"{where}: {value!r} matches {len(passing)} of {key}"]
    found = [p for sub in schema.get("allOf", ()) for p in problems(value, sub, document, where)]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        found.append(f"{where}: {value!r} is not {schema['const']!r}")
    kind = schema.get("type")
    if kind is not None:
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(_is(value, k) for k in kinds):
            return [*found, f"{where}: {value!r} is not {kind}"]
    if isinstance(value, dict):
        found += _object_problems(value, schema, document, where)
    elif isinstance(value, list):
        found += [
            p
            for index, item in enumerate(value)
            for p in problems(item, schema.get("items", {}), document, f"{where}[{index}]")
        ]
    elif isinstance(value, str):
        found += _string_problems(value, schema, where)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            found.append(f"{where}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            found.append(f"{where}: {value} > {schema['maximum']}")
    return found


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, _TYPES[kind])


def _object_problems(value: dict, schema: dict, document: dict, where: str) -> list[str]:
    properties = schema.get("properties", {})
    found = [
        f"{where}: missing {name!r}" for name in schema.get("required", ()) if name not in value
    ]
    extra = schema.get("additionalProperties", not properties)
    for name, item in value.items():
        if name in properties:
            found += problems(item, properties[name], document, f"{where}.{name}")
        elif extra is False:
            found.append(f"{where}: undeclared property {name!r}")
        elif isinstance(extra, dict):
            found += problems(item, extra, document, f"{where}.{name}")
    return found


def _string_problems(value: str, schema: dict, where: str) -> list[str]:
    found = []
    if "minLength" in schema and len(value) < schema["minLength"]:
        found.append(f"{where}: shorter than {schema['minLength']}")
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        found.append(f"{where}: longer than {schema['maxLength']}")
    if schema.get("format") == "date":
        try:
            assert _ISO_DATE.fullmatch(value)
            date.fromisoformat(value)
        except (AssertionError, ValueError):
            found.append(f"{where}: {value!r} is not a YYYY-MM-DD date")
    return found


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
