"""Errors a use case raises; the web layer turns them into 4xx answers."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from datetime import date
from typing import TypeVar

from tracker.core.limits import EARLIEST_DATE


class ServiceError(Exception):
    """Base of the errors below."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class Invalid(ServiceError):
    """The request is well formed but breaks a rule of the product."""

    code = "invalid"


class NotFound(ServiceError):
    """No such thing among the user's own data."""

    status = 404
    code = "not_found"


Found = TypeVar("Found")


def require_found(found: Found | None, message: str, fields: dict[str, str] | None = None) -> Found:
    """What a query found among the user's own data, or NotFound(message, fields) for None
    (another user's id reads the same as a missing one)."""
    if found is None:
        raise NotFound(message, fields)
    return found


class Conflict(ServiceError):
    """The request clashes with what is already stored."""

    status = 409
    code = "conflict"


# How the messages below write a date: ISO (what API clients read) unless the web layer
# asked for the pages' words for this request (tracker/web/errors.py).
DATE_WORDS: ContextVar[Callable[[date], str]] = ContextVar("date_words", default=date.isoformat)


def refuse_future(day, today, field: str = "date") -> None:
    """Raise Invalid when `day` lies after the user's local `today` or before EARLIEST_DATE.

    The floor keeps the streak walk (every date from the earliest entry on) bounded. The
    dates in the message are written by DATE_WORDS (ISO, or words on a page).
    """
    say = DATE_WORDS.get()
    if day < EARLIEST_DATE:
        raise Invalid(
            "That date is too far in the past.",
            {field: f"Pick a date from {say(EARLIEST_DATE)} on."},
        )
    if day > today:
        raise Invalid(
            "That date is still in the future.",
            {field: f"{say(day)} is after today ({say(today)})."},
        )


class LimitReached(Invalid):
    """One more would pass a limit of tracker.core.limits (an account's goals or records, an
    import's goals or entries): 422, the message naming the limit. An Invalid, so the pages
    that show a rule's refusal beside their fields show this one too."""

    status = 422
    code = "limit_reached"


class TooLarge(ServiceError):
    """An upload larger than we read, sent or once unpacked (413)."""

    status = 413
    code = "too_large"
