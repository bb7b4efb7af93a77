"""How the API reads a request body: as JSON, whatever the Content-Type says, and an empty
body as `{}` (a check-in without a body takes the defaults). flask-openapi3 reads the body a
route declares with `request.get_json(silent=True)`; `read_json_body` parses it first, once,
so malformed JSON is refused in the API's words and the library finds the parsed value.

Uploads are read by their views: the Loop zip, and the export file (`json_upload`)."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import Request, abort, request
from pydantic import BaseModel, ValidationError

from tracker.services.errors import Invalid
from tracker.web.api.validation import refuse

M = TypeVar("M", bound=BaseModel)

UPLOADS = frozenset({"api.import_account", "api.import_loop"})
_READS = frozenset({"GET", "HEAD", "OPTIONS"})


class JsonRequest(Request):
    """The app's request class (api.init_app installs it; pages never read JSON)."""

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True) -> Any:
        if not self.get_data(cache=True):
            return {}
        try:
            return super().get_json(force=True, silent=silent, cache=cache)
        except RecursionError:  # nesting deeper than the parser goes
            return None if silent else self.on_json_loading_failed(None)

    def on_json_loading_failed(self, e: ValueError | None) -> Any:
        raise Invalid("The body is not valid JSON.")


def read_json_body() -> None:
    """Parse the body of a write (but an upload's) before its view: 400 when it is not JSON,
    413 past the size limit."""
    if request.method not in _READS and request.endpoint not in UPLOADS:
        request.get_json()


def json_upload(model: type[M]) -> M:
    """The body, a JSON file of up to an import's size limit, validated straight from its
    bytes in pydantic's JSON mode: strict JSON dates in 100,000 entries without a Python
    validator each, and no dict of Python values built first (flask-openapi3 validates a
    declared body from `get_json`'s Python values)."""
    try:
        return model.model_validate_json(request.get_data(cache=False) or b"{}")
    except ValidationError as error:
        if any(item["type"] == "json_invalid" for item in error.errors()):
            raise Invalid("The body is not valid JSON.") from None
        abort(refuse(error))
