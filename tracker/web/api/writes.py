"""The calls most of the journal's operations make, written once: log something on the
caller's local today, list the caller's things, and delete one of them by its id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response
from pydantic import BaseModel

from tracker import clock
from tracker.extensions import db
from tracker.web.api.answers import json_answer, no_content
from tracker.web.api.hooks import caller
from tracker.web.http.forms import dated_write


def logged(use_case: Callable[..., Any], body: BaseModel, model: type[BaseModel]) -> Response:
    """201 with what `use_case(session, caller, their today, now, **body)` logged, committed
    (the journal's use cases check a date against the caller's local today)."""
    row = dated_write(use_case, caller())(body)
    db.session.commit()
    return json_answer(model, row, 201)


def listed(use_case: Callable[..., Any], model: type[BaseModel]) -> Response:
    """200 with what `use_case(session, caller)` lists."""
    return json_answer(model, use_case(db.session, caller()))


def deleted(delete: Callable[..., Any], item_id: int) -> Response:
    """204 once `delete(session, caller, item_id, now)` took one of the caller's things away
    (any other id is NotFound, 404), committed."""
    delete(db.session, caller(), item_id, clock.now_utc())
    db.session.commit()
    return no_content()
