"""Page forms validate with the API's schemas; errors come back per field for the template."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import redirect, request, url_for
from pydantic import BaseModel, ValidationError

from tracker.web.api.registry import validation_fields
from tracker.web.session import session_user


def validate_form(model: type[BaseModel], data: dict[str, Any]):
    """(model instance, {}) when valid, else (None, {field: message})."""
    try:
        return model.model_validate(data, strict=False), {}
    except ValidationError as error:
        return None, validation_fields(error)


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


def login_required(view: Callable) -> Callable:
    """Pages for signed-in users; others go to the sign-in page."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any):
        user = session_user()
        if user is None:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(user, *args, **kwargs)

    return wrapper
