"""Pydantic's validation errors as sentences a person can act on, keyed by field.

The wording lives here once, one table per audience: API clients read terse sentences keyed by
the whole location ("entries.0.value"); a page's form says it as a person would, on the
form's own field.
"""

from __future__ import annotations

from pydantic import ValidationError

from tracker.core.limits import MAX_TARGET, MIN_TARGET

# The API's sentences by pydantic error type; None means "use pydantic's own".
API_MESSAGES: dict[str, str | None] = {
    "missing": "This field is required.",
    "extra_forbidden": "Unknown field.",
    "int_type": "Must be a whole number.",
    "bool_type": "Must be true or false.",
    "string_type": "Must be text.",
    "list_type": "Must be a list.",
    "literal_error": None,
}

_DATE = "Use a real date, like 2026-03-01."
_NUMBER = "Enter a whole number."
# A page's sentences by pydantic error type; None means "use the field's own".
PAGE_MESSAGES: dict[str, str | None] = {
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
# Where a page's field has one clear rule, say it whole instead of the failing half.
PAGE_FIELD_MESSAGES = {
    "target": f"Pick a whole number from {MIN_TARGET} to {MAX_TARGET}.",
    "weekdays": "Pick days from Monday to Sunday.",
}


def _own_message(item: dict) -> str:
    """What the schema's own validator said, without pydantic's prefix."""
    return str(item["msg"]).removeprefix("Value error, ")


def validation_fields(error: ValidationError) -> dict[str, str]:
    """Map pydantic errors to {field: a sentence a person can act on}."""
    fields: dict[str, str] = {}
    for item in error.errors(include_url=False):
        name = ".".join(str(part) for part in item["loc"]) or "body"
        fields.setdefault(name, API_MESSAGES.get(item["type"]) or _own_message(item))
    return fields


def _page_message(item: dict) -> str:
    kind, ctx = item["type"], item.get("ctx") or {}
    if kind == "value_error":
        return _own_message(item)
    if kind == "string_too_short":
        return f"Use at least {ctx.get('min_length')} characters."
    if kind == "string_too_long":
        return f"Keep it to {ctx.get('max_length')} characters or fewer."
    field = str(item["loc"][0]) if item["loc"] else ""
    if field in PAGE_FIELD_MESSAGES and kind != "missing":
        return PAGE_FIELD_MESSAGES[field]
    if kind == "greater_than_equal":
        return f"Use {ctx.get('ge')} or more."
    if kind == "less_than_equal":
        return f"Use {ctx.get('le')} or less."
    return PAGE_MESSAGES.get(kind) or str(item["msg"])


def form_fields(error: ValidationError) -> dict[str, str]:
    """{field: message} for a page form's own fields (a list item's error lands on its list)."""
    fields: dict[str, str] = {}
    for item in error.errors(include_url=False):
        name = str(item["loc"][0]) if item["loc"] else "form"
        fields.setdefault(name, _page_message(item))
    return fields
