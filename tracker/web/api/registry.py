"""API operations are declared once; the routes and the OpenAPI document both come from here."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import wraps
from typing import Any

from flask import Blueprint, Response, request
from pydantic import BaseModel, TypeAdapter, ValidationError

from tracker.services.errors import EARLIEST_DATE, Invalid, NotFound
from tracker.web.http.identity import api_user
from tracker.web.schemas.messages import validation_fields


@dataclass(frozen=True)
class Operation:
    method: str
    rule: str
    summary: str
    body: type[BaseModel] | None
    response: Any
    status: int
    auth: bool
    query: tuple[tuple[str, str, bool], ...]
    errors: tuple[int, ...]
    tag: str
    # The success answer's media type, and a non-JSON request body (an upload) as OpenAPI
    # `content`: the few operations that trade files rather than JSON say so here.
    content: str = "application/json"
    upload: dict | None = None


@dataclass
class Registry:
    operations: list[Operation] = field(default_factory=list)


REGISTRY = Registry()
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Ids are INTEGER columns; a larger number in a path cannot name anything (and would overflow).
_MAX_ID = 2**31 - 1


def parse_body(model: type[BaseModel]) -> BaseModel:
    """Validate the JSON body strictly; malformed JSON or wrong fields raise Invalid."""
    raw = request.get_data(cache=True) or b"{}"
    try:
        return model.model_validate_json(raw)
    except ValidationError as error:
        if any(item["type"] == "json_invalid" for item in error.errors()):
            raise Invalid("The body is not valid JSON.") from None
        fields = validation_fields(error)
        if list(fields) == ["body"]:
            raise Invalid("The body must be a JSON object.") from None
        raise Invalid("Some fields need another look.", fields) from None


def parse_date(raw: str | None, name: str, required: bool = True) -> date | None:
    """An ISO YYYY-MM-DD value from the path or query, or Invalid."""
    if raw is None or raw == "":
        if required:
            raise Invalid(f"{name} is required.", {name: "This field is required."})
        return None
    try:
        # fullmatch first: date.fromisoformat also takes week dates such as 2026-W11-3.
        if not _ISO_DATE.fullmatch(raw):
            raise ValueError
        return date.fromisoformat(raw)
    except ValueError:
        raise Invalid(
            f"{name} must be a date like 2026-03-01.", {name: "Use the form YYYY-MM-DD."}
        ) from None


DATE_RANGE = (("from", "date", False), ("to", "date", False))
# SPEC 6: a `from`/`to` range spans at most three years: 1096 days from one to the other
# (three years hold one 29 February at most).
MAX_RANGE_DAYS = 3 * 365 + 1


def _range_date(name: str, today: date, latest: date) -> date | None:
    day = parse_date(request.args.get(name), name, required=False)
    if day is not None and day < EARLIEST_DATE:
        raise Invalid(
            f"{name} cannot be before {EARLIEST_DATE.isoformat()}.",
            {name: f"Pick a date from {EARLIEST_DATE.isoformat()} on."},
        )
    if day is not None and day > latest:
        last = "today" if latest == today else "three years from today"
        raise Invalid(
            f"{name} cannot be after {last}.", {name: f"Pick a date up to {latest.isoformat()}."}
        )
    return day


def parse_range(today: date, *, recent_days: int | None = None, latest: date | None = None):
    """The `from` and `to` query dates of a listing, inclusive (SPEC 6): each a date from
    EARLIEST_DATE to `today` (to `latest` where a listing looks ahead), `from` on or before
    `to`, at most MAX_RANGE_DAYS apart; Invalid naming the parameter otherwise.

    With `recent_days`, a missing `to` is `today` and a missing `from` that many days
    before `to` (never before EARLIEST_DATE); without it, a missing bound is None (no bound).
    """
    latest = latest or today
    start = _range_date("from", today, latest)
    end = _range_date("to", today, latest)
    if recent_days is not None:
        end = end or today
        start = start or max(EARLIEST_DATE, end - timedelta(days=recent_days - 1))
    if start is not None and end is not None:
        if start > end:
            raise Invalid(
                "from must be on or before to.", {"from": "Pick a date on or before 'to'."}
            )
        if (end - start).days > MAX_RANGE_DAYS:
            raise Invalid(
                "Ask for at most three years at once.",
                {"from": f"Pick a date at most {MAX_RANGE_DAYS} days before 'to'."},
            )
    return start, end


def _serialiser(response: Any) -> Callable[[Any], bytes | None]:
    """Build (once per operation) what validates a view's value and writes it as JSON."""
    if response is None:
        return lambda value: None
    adapter = TypeAdapter(response)
    # Straight to JSON bytes: no dict of JSON-ready values for Flask to encode a second time.
    return lambda value: adapter.dump_json(adapter.validate_python(value, from_attributes=True))


def operation(
    bp: Blueprint,
    method: str,
    rule: str,
    *,
    summary: str,
    body: type[BaseModel] | None = None,
    response: Any = None,
    status: int = 200,
    auth: bool = True,
    query: tuple[tuple[str, str, bool], ...] = (),
    errors: tuple[int, ...] = (),
    content: str = "application/json",
    upload: dict | None = None,
) -> Callable:
    """Register `view` on `bp` and in the OpenAPI document.

    The view receives `user` (when `auth`), `body` (the validated model) and the path values;
    it returns a value the `response` type validates, or None for a 204.
    """

    def decorator(view: Callable) -> Callable:
        dump = _serialiser(response)

        def answer(authenticate: Callable[[], Any], kwargs: dict[str, Any]):
            if auth:
                kwargs["user"] = authenticate()
            if any(isinstance(v, int) and v > _MAX_ID for v in kwargs.values()):
                raise NotFound("There is nothing with this id.")
            if body is not None:
                kwargs["body"] = parse_body(body)
            value = view(**kwargs)
            if isinstance(value, Response):  # a file (content is not JSON), sent as it is
                return value
            if status == 204:
                return "", 204
            return Response(dump(value), status, mimetype="application/json")

        @wraps(view)
        def handler(**kwargs: Any):
            return answer(api_user, kwargs)

        endpoint = f"{view.__name__}"
        bp.add_url_rule(rule, endpoint=endpoint, view_func=handler, methods=[method])
        REGISTRY.operations.append(
            Operation(
                method,
                rule,
                summary,
                body,
                response,
                status,
                auth,
                query,
                errors,
                bp.name,
                content,
                upload,
            )
        )
        return handler

    return decorator


def _path(rule: str) -> tuple[str, list[dict]]:
    params = []
    for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", rule):
        schema = {"type": "integer"} if converter == "int" else {"type": "string"}
        if name in ("day",):
            schema = {"type": "string", "format": "date"}
        params.append({"name": name, "in": "path", "required": True, "schema": schema})
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule), params


def _schema(kind: Any, components: dict, mode: str) -> dict:
    ref = "#/components/schemas/{model}"
    schema = TypeAdapter(kind).json_schema(ref_template=ref, mode=mode)
    components.update(schema.pop("$defs", {}))
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        components[kind.__name__] = schema
        return {"$ref": ref.format(model=kind.__name__)}
    return schema
