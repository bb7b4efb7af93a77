"""Field types and validators shared by every schema: strict JSON types, no NUL, ISO dates."""

from __future__ import annotations

import functools
import re
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    create_model,
)

from tracker.core import labels
from tracker.core.days import as_utc, is_valid_timezone
from tracker.core.limits import MAX_ID, MAX_LINK, MAX_NOTE, MAX_TARGET, MAX_TITLE, MIN_TARGET

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# The vocabularies of core.labels, once (a tuple in Literal[...] is its members).
Category = Literal[labels.CATEGORIES]  # type: ignore[valid-type]
Stage = Literal[labels.STAGES]  # type: ignore[valid-type]
ApplicationStage = Literal[labels.APPLICATION_STAGES]  # type: ignore[valid-type]
PracticeKind = Literal[tuple(labels.PRACTICE_KIND)]  # type: ignore[valid-type]


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


# The zones offered in the pages' lists: the places people live, not the legacy aliases
# ("US/Eastern", "Etc/GMT+2"), which stay valid when typed.
_REGIONS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia")
_REGIONS = (*_REGIONS, "Europe", "Indian", "Pacific")


@dataclass(frozen=True)
class ZoneList:
    """The time zones to pick from: `groups` ((region, ((name, label), ...)), ...) in name
    order, labels like "Europe/Berlin (Berlin)"; `names` every name listed, "UTC" included."""

    groups: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    names: frozenset[str]


@functools.cache
def timezone_choices() -> ZoneList:
    """The list the sign-up and settings pages offer (read once, then kept)."""
    listed = sorted(
        name
        for name in zoneinfo.available_timezones()
        if name.split("/")[0] in _REGIONS and "/" in name and is_valid_timezone(name)
    )
    groups = tuple(
        (
            region,
            tuple((name, _zone_label(name)) for name in listed if name.startswith(region + "/")),
        )
        for region in _REGIONS
    )
    return ZoneList(groups=tuple(g for g in groups if g[1]), names=frozenset([*listed, "UTC"]))


def _zone_label(name: str) -> str:
    return f"{name} ({name.rsplit('/', 1)[-1].replace('_', ' ')})"


@functools.cache
def _cities() -> dict[str, tuple[str, ...]]:
    """Listed zones by the last part of their name, lower case: "berlin" -> ("Europe/Berlin",)."""
    found: dict[str, list[str]] = {}
    for name in sorted(timezone_choices().names - {"UTC"}):
        found.setdefault(name.rsplit("/", 1)[-1].lower(), []).append(name)
    return {city: tuple(names) for city, names in found.items()}


def zone_named(text: str) -> str | None:
    """The IANA name `text` stands for: itself when it is one, or the one listed zone whose
    last part it names ("Berlin", "new york"); None for anything else (or an ambiguous city)."""
    if is_valid_timezone(text):
        return text
    matches = _zones_called(text)
    return matches[0] if len(matches) == 1 else None


def _zones_called(text: str) -> tuple[str, ...]:
    typed = " ".join(text.split())
    return () if "/" in typed else _cities().get(typed.replace(" ", "_").lower(), ())


def _timezone(value: str) -> str:
    zone = zone_named(value)
    if zone is not None:
        return zone
    matches = _zones_called(value)
    if matches:
        called = " ".join(value.split())
        raise ValueError(f"More than one time zone is called {called}: {' or '.join(matches)}.")
    raise ValueError(
        "Unknown timezone: use a name such as Europe/Berlin, or a city such as Berlin."
    )


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
    str, StringConstraints(max_length=MAX_TITLE), AfterValidator(no_nul), AfterValidator(_title)
]
Target = Annotated[int, Field(ge=MIN_TARGET, le=MAX_TARGET)]
Weekdays = Annotated[list[Annotated[int, Field(ge=1, le=7)]], AfterValidator(_weekdays)]
Short = Annotated[
    str, StringConstraints(max_length=120, strip_whitespace=True), AfterValidator(no_nul)
]
Note = Annotated[str, StringConstraints(max_length=MAX_NOTE), AfterValidator(no_nul)]
# Required short text (company, role): 1 to 120 characters once trimmed.
Name = Annotated[
    str,
    StringConstraints(max_length=120, strip_whitespace=True),
    AfterValidator(no_nul),
    AfterValidator(required),
]
Link = Annotated[
    str,
    StringConstraints(max_length=MAX_LINK, strip_whitespace=True),
    AfterValidator(no_nul),
    AfterValidator(_http_url),
]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# Not strict: the value reaches the date parser as a Python str, already checked above.
IsoDate = Annotated[date, Strict(False), BeforeValidator(_iso_date)]


class Input(BaseModel):
    """Unknown fields are refused; JSON types are checked strictly."""

    model_config = ConfigDict(strict=True, extra="forbid")


def partial(name: str, model: type[Input], doc: str, **more: Any) -> type[Input]:
    """An update body named `name`: the fields of `model`, then `more` (name: type), each
    checked as there but none required. A field left out reads None; the ones sent are in
    `model_fields_set`, and only those change."""
    fields: dict[str, Any] = {
        key: (Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)
        for key, info in model.model_fields.items()
    } | more
    optional = {key: (kind, None) for key, kind in fields.items()}
    return create_model(name, __base__=Input, __doc__=doc, __module__=model.__module__, **optional)


# SQLite hands back naive datetimes for UTC columns; every instant leaves as UTC.
Instant = Annotated[datetime, AfterValidator(as_utc)]
