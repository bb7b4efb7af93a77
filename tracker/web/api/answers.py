"""What API views answer: a response model written as JSON, or no content; and the error
answers operations declare, by what they read and do (SPEC 6)."""

from __future__ import annotations

import re
from typing import Any

from flask import Response
from pydantic import BaseModel

from tracker.web.schemas import ErrorOut


def json_answer(model: type[BaseModel], value: Any, status: int = 200) -> Response:
    """`value` (rows, dataclasses, dicts) validated by `model`, written straight to JSON."""
    answer = model.model_validate(value, from_attributes=True)
    return Response(answer.model_dump_json(), status, mimetype="application/json")


def no_content() -> Response:
    return Response(status=204)


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """Error answers in the one error shape (`{"error": {"code", "message", "fields"?}}`)."""
    return dict.fromkeys(statuses, ErrorOut)


SIGNED_IN = errors(401)  # no credentials, or unknown ones
WRITE = errors(401, 403)  # and a session cookie without a valid X-CSRFToken
BODY = errors(400, 413)  # a body that breaks its model, or is too large
QUERY = errors(400)  # a path or query value that breaks its model
NAMES_ID = errors(404)  # an id that is not among your own things
LIMITED = errors(422)  # one more would pass a limit of the account or of an import


def operation_id(*, name: str, path: str, method: str) -> str:
    """`get_goals_goal_id_entries` for GET /goals/<int:goal_id>/entries."""
    words = re.sub(r"<(?:\w+:)?(\w+)>", r"\1", path).strip("/").replace("/", "_")
    return f"{method.lower()}_{words}"
