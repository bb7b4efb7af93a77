"""What a write must refuse: the bad values of a kind of field, and the check that a body
with one of them is answered 400 naming the field, with nothing changed."""

from __future__ import annotations

import pytest

from tests.api.cases import case_id
from tests.api.expect import error, unchanged


def bad_text(field: str, longest: int) -> list[tuple[dict, str]]:
    """(change, field) cases for a required text of at most `longest` characters: empty, only
    spaces, one character too long, a number, null, and holding a NUL."""
    values = ["", "   ", "x" * (longest + 1), 5, None, "a\x00b"]
    return [({field: value}, field) for value in values]


def each_bad_field(cases: list[tuple[dict, str]]):
    """Parametrize a test over (change, field) cases, each named by the start of its change."""
    return pytest.mark.parametrize(("change", "field"), cases, ids=[case_id(c) for c, _ in cases])


def refused(api, path: str, good: dict, change: dict, field: str) -> None:
    """Posting `good` with `change` over it to `path` answers 400 naming `field`, and leaves
    the database and what the API reads back as they were."""
    with unchanged(api):
        error(api.post(path, {**good, **change}), 400, field)
