"""Page forms validate with the API's schemas; errors come back per field for the template."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import redirect, request, url_for
from pydantic import BaseModel, ValidationError
from werkzeug.routing import IntegerConverter

from tracker.core.limits import MAX_ID
from tracker.web.http.identity import session_user

_DATE = "Use a real date, like 2026-03-01."
_NUMBER = "Enter a whole number."
# Sentences a person can act on, by pydantic error type; None means "use the field's own".
_MESSAGES: dict[str, str | None] = {
    "missing": "This one is needed.",
    "string_type": "This one is needed.",
    "int_parsing": _NUMBER,
    "int_type": _NUMBER,
    "int_from_float": _NUMBER,
    "date_parsing": _DATE,
    "date_type": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "literal_error": "Pick one of the options.",
    "list_type": "Pick at least one.",
}
# Where a field has one clear rule, say it whole instead of the failing half.
_FIELD_MESSAGES = {
    "target": "Pick a whole number from 1 to 100.",
    "weekdays": "Pick days from Monday to Sunday.",
}


def _message(item: dict) -> str:
    kind, ctx = item["type"], item.get("ctx") or {}
    if kind == "value_error":
        return str(item["msg"]).removeprefix("Value error, ")
    if kind == "string_too_short":
        return f"Use at least {ctx.get('min_length')} characters."
    if kind == "string_too_long":
        return f"Keep it to {ctx.get('max_length')} characters or fewer."
    field = str(item["loc"][0]) if item["loc"] else ""
    if field in _FIELD_MESSAGES and kind != "missing":
        return _FIELD_MESSAGES[field]
    if kind == "greater_than_equal":
        return f"Use {ctx.get('ge')} or more."
    if kind == "less_than_equal":
        return f"Use {ctx.get('le')} or less."
    return _MESSAGES.get(kind) or str(item["msg"])


def form_errors(error: ValidationError) -> dict[str, str]:
    """{field: message} for the form's own fields (a list item's error lands on its list)."""
    fields: dict[str, str] = {}
    for item in error.errors(include_url=False):
        name = str(item["loc"][0]) if item["loc"] else "form"
        fields.setdefault(name, _message(item))
    return fields


def validate_form(model: type[BaseModel], data: dict[str, Any]):
    """(model instance, {}) when valid, else (None, {field: message})."""
    try:
        return model.model_validate(data, strict=False), {}
    except ValidationError as error:
        return None, form_errors(error)


def form_data(*names: str, lists: tuple[str, ...] = (), optional: tuple[str, ...] = ()) -> dict:
    """Pick fields from the posted form: blank optional ones are left out, lists gathered."""
    data: dict[str, Any] = {}
    for name in names:
        value = request.form.get(name)
        if value is None or (name in optional and value.strip() == ""):
            continue
        data[name] = value
    for name in lists:
        data[name] = request.form.getlist(name)
    return data


def safe_next(target: str | None, default: str | None = None) -> str:
    """A path on this site to go to next, never another host; `default` (Today) otherwise."""
    target = target or ""
    parts = urlsplit(target)
    unsafe = (
        not target.startswith("/")
        or target.startswith("//")
        or "\\" in target  # browsers read "/\\evil" as "//evil"
        or any(ord(char) < 0x20 for char in target)
        or parts.netloc
        or parts.scheme
    )
    return (default or url_for("today.index")) if unsafe else target


def login_required(view: Callable) -> Callable:
    """Pages for signed-in users; others go to the sign-in page."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any):
        user = session_user()
        if user is None:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(user, *args, **kwargs)

    return wrapper


class IdConverter(IntegerConverter):
    """`<id:…>` in a page's route: ids are INTEGER columns, so a larger number cannot name
    anything and answers 404 at routing (PostgreSQL would refuse to compare it)."""

    def __init__(self, url_map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)
