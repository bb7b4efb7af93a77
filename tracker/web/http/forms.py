"""Page forms validate with the API's schemas; errors come back per field for the template
(worded in tracker.web.schemas.messages)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import redirect, request, url_for
from pydantic import BaseModel, ValidationError
from werkzeug.routing import IntegerConverter

from tracker import clock
from tracker.core.limits import MAX_ID
from tracker.extensions import db
from tracker.services.errors import Invalid
from tracker.web.http.identity import session_user, today_for
from tracker.web.schemas.messages import form_fields


def validate_form(model: type[BaseModel], data: dict[str, Any]):
    """(model instance, {}) when valid, else (None, {field: message})."""
    try:
        return model.model_validate(data, strict=False), {}
    except ValidationError as error:
        return None, form_fields(error)


def save_form(model: type[BaseModel], values: dict[str, Any], write: Callable[[Any], Any]):
    """Check a page form's `values` with `model` and, when they pass, `write(data)` and commit.

    (what `write` returned, {}) once saved; (None, {field: message}) when a field is wrong or
    a rule of the product refuses the write (Invalid), which is then rolled back.
    """
    data, errors = validate_form(model, values)
    if data is None:
        return None, errors
    try:
        saved = write(data)
    except Invalid as error:
        db.session.rollback()
        return None, error.fields or {"form": error.message}
    db.session.commit()
    return saved, {}


def dated_write(use_case: Callable[..., Any], user) -> Callable[[BaseModel], Any]:
    """A `write` for save_form: `use_case(session, user, today, now, **the form's fields)`,
    as the journal's use cases take the user's local date and the instant."""
    return lambda data: use_case(
        db.session, user, today_for(user), clock.now_utc(), **data.model_dump()
    )


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
