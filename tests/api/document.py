"""The OpenAPI document the API serves, read at collection time to parametrize tests over
every operation (an app of its own: the document depends on no configuration)."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from tracker import create_app


class Operation(NamedTuple):
    method: str
    path: str  # the OpenAPI template, /api/v1/goals/{goal_id}
    spec: dict

    @property
    def public(self) -> bool:
        """Callable without credentials: an empty security requirement is among its own."""
        return {} in self.spec.get("security", [])

    @property
    def json_body(self) -> bool:
        return "application/json" in self.spec.get("requestBody", {}).get("content", {})

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


@functools.cache
def served() -> dict:
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x" * 32}
    )
    answer = app.test_client().get("/api/v1/openapi.json")
    assert answer.status_code == 200
    return answer.get_json()


def operations() -> list[Operation]:
    """Every documented operation, in the document's order."""
    return [
        Operation(method.upper(), path, spec)
        for path, specs in served()["paths"].items()
        for method, spec in specs.items()
    ]


def body_schema(operation: Operation) -> dict:
    """The JSON request body's schema, its $ref followed."""
    schema = operation.spec["requestBody"]["content"]["application/json"]["schema"]
    name = re.fullmatch(r"#/components/schemas/(.+)", schema.get("$ref", ""))
    return served()["components"]["schemas"][name.group(1)] if name else schema
