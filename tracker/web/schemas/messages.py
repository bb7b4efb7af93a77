"""Pydantic's validation errors as sentences a person can act on, keyed by field."""

from __future__ import annotations

from pydantic import ValidationError

_MESSAGES = {
    "missing": "This field is required.",
    "extra_forbidden": "Unknown field.",
    "int_type": "Must be a whole number.",
    "bool_type": "Must be true or false.",
    "string_type": "Must be text.",
    "list_type": "Must be a list.",
    "literal_error": None,
}


def validation_fields(error: ValidationError) -> dict[str, str]:
    """Map pydantic errors to {field: a sentence a person can act on}."""
    fields: dict[str, str] = {}
    for item in error.errors(include_url=False):
        name = ".".join(str(part) for part in item["loc"]) or "body"
        message = _MESSAGES.get(item["type"]) or item["msg"].removeprefix("Value error, ")
        fields.setdefault(name, message)
    return fields
