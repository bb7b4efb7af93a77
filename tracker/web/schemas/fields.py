"""Field types and validators shared by every schema: strict JSON types, no NUL, ISO dates."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
)

from tracker.core.days import as_utc, is_valid_timezone

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Category = Literal["apply", "practice", "reflect"]
Stage = Literal["application", "screen", "interview", "final", "offer"]
ApplicationStage = Literal[
    "applied", "screen", "interview", "offer", "rejected", "withdrawn", "ghosted"
]
PracticeKind = Literal["behavioural", "rejection", "body_language", "confidence"]
# Ids are INTEGER columns: a larger number cannot name anything (and would overflow).
MAX_ID = 2**31 - 1


def no_nul(value: str) -> str:
    # PostgreSQL cannot store NUL in text: refuse it here rather than fail in the database.
    if "\x00" in value:
        raise ValueError("Must not contain NUL characters.")
    return value


def _iso_date(value: object) -> object:
    # Only YYYY-MM-DD: pydantic alone would also take a Unix timestamp in a string.
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("Use the form YYYY-MM-DD.")


def _email(value: str) -> str:
    value = value.strip().lower()
    if not _EMAIL.match(value):
        raise ValueError("Enter an email address like name@example.com.")
    return value


def _timezone(value: str) -> str:
    if not is_valid_timezone(value):
        raise ValueError("Unknown timezone: use an IANA name such as Europe/Berlin.")
    return value


def _weekdays(value: list[int]) -> list[int]:
    if not value:
        raise ValueError("Pick at least one day of the week.")
    return sorted(set(value))


def _title(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("A title needs at least one character.")
    return value


def required(value: str) -> str:
    if not value.strip():
        raise ValueError("Write at least one character.")
    return value


def _not_blank_password(value: str) -> str:
    # SPEC 1: at least 8 characters, not only spaces (nor tabs, nor any other blank).
    if value.isspace():
        raise ValueError("Use a password that is not only spaces.")
    return value


def _http_url(value: str) -> str:
    # Shown as a link on the user's pages: only web addresses, never javascript: or data:.
    message = "Use a web address starting with http:// or https://."
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 or ch == "\\" for ch in value):
        raise ValueError(message)
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        raise ValueError(message) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(message)
    return value


Email = Annotated[
    str, StringConstraints(max_length=254), AfterValidator(no_nul), AfterValidator(_email)
]
# A new password (sign-up, change, anywhere one is set); never applied to one typed to sign in.
Password = Annotated[
    str, StringConstraints(min_length=8, max_length=1024), AfterValidator(_not_blank_password)
]
Timezone = Annotated[str, StringConstraints(max_length=64), AfterValidator(_timezone)]
Title = Annotated[
    str, StringConstraints(max_length=80), AfterValidator(no_nul), AfterValidator(_title)
]
Target = Annotated[int, Field(ge=1, le=100)]
Weekdays = Annotated[list[Annotated[int, Field(ge=1, le=7)]], AfterValidator(_weekdays)]
Short = Annotated[
    str, StringConstraints(max_length=120, strip_whitespace=True), AfterValidator(no_nul)
]
Note = Annotated[str, StringConstraints(max_length=2000), AfterValidator(no_nul)]
# Required short text (company, role): 1 to 120 characters once trimmed.
Name = Annotated[
    str,
    StringConstraints(max_length=120, strip_whitespace=True),
    AfterValidator(no_nul),
    AfterValidator(required),
]
Link = Annotated[
    str,
    StringConstraints(max_length=500, strip_whitespace=True),
    AfterValidator(no_nul),
    AfterValidator(_http_url),
]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# Not strict: the value reaches the date parser as a Python str, already checked above.
IsoDate = Annotated[date, Strict(False), BeforeValidator(_iso_date)]


class Input(BaseModel):
    """Unknown fields are refused; JSON types are checked strictly."""

    model_config = ConfigDict(strict=True, extra="forbid")


# SQLite hands back naive datetimes for UTC columns; every instant leaves as UTC.
Instant = Annotated[datetime, AfterValidator(as_utc)]
