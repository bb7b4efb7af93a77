"""Shapes of what clients send and receive; the pages and the API validate with the same ones."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
)

from tracker.core.days import is_valid_timezone

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Category = Literal["apply", "practice", "reflect"]
Stage = Literal["application", "screen", "interview", "final", "offer"]


def _no_nul(value: str) -> str:
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


Email = Annotated[
    str, StringConstraints(max_length=254), AfterValidator(_no_nul), AfterValidator(_email)
]
Password = Annotated[str, StringConstraints(min_length=8, max_length=1024)]
Timezone = Annotated[str, StringConstraints(max_length=64), AfterValidator(_timezone)]
Title = Annotated[
    str, StringConstraints(max_length=80), AfterValidator(_no_nul), AfterValidator(_title)
]
Target = Annotated[int, Field(ge=1, le=100)]
Weekdays = Annotated[list[Annotated[int, Field(ge=1, le=7)]], AfterValidator(_weekdays)]
Short = Annotated[
    str, StringConstraints(max_length=120, strip_whitespace=True), AfterValidator(_no_nul)
]
Note = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_no_nul)]
# Not strict: the value reaches the date parser as a Python str, already checked above.
IsoDate = Annotated[date, Strict(False), BeforeValidator(_iso_date)]


class Input(BaseModel):
    """Unknown fields are refused; JSON types are checked strictly."""

    model_config = ConfigDict(strict=True, extra="forbid")


class AccountCreate(Input):
    email: Email
    password: Password
    timezone: Timezone


class TokenCreate(Input):
    email: Annotated[str, StringConstraints(max_length=254)]
    password: Annotated[str, StringConstraints(max_length=1024)]
    name: Annotated[str, StringConstraints(max_length=80), AfterValidator(_no_nul)] = ""


class MeUpdate(Input):
    timezone: Timezone | None = None


class GoalCreate(Input):
    category: Category
    title: Title
    target: Target = 1
    weekdays: Weekdays = Field(default_factory=lambda: list(range(1, 8)))


class GoalUpdate(Input):
    category: Category = None  # type: ignore[assignment]
    title: Title = None  # type: ignore[assignment]
    target: Target = None  # type: ignore[assignment]
    weekdays: Weekdays = None  # type: ignore[assignment]
    archived: bool = None  # type: ignore[assignment]


class EntryPut(Input):
    value: Annotated[int, Field(ge=0, le=1000)] | None = None
    skipped: bool = False
    note: Note | None = None


class RejectionCreate(Input):
    date: IsoDate
    company: Short = ""
    role: Short = ""
    stage: Stage | None = None
    note: Note = ""


class BreakCreate(Input):
    start: IsoDate
    end: IsoDate
    note: Annotated[str, StringConstraints(max_length=200), AfterValidator(_no_nul)] = ""


class Account(BaseModel):
    id: int
    email: str
    timezone: str


class NewToken(BaseModel):
    id: int
    token: str


class GoalOut(BaseModel):
    id: int
    category: Category
    title: str
    target: int
    weekdays: list[int]
    archived: bool


class EntryOut(BaseModel):
    goal_id: int
    date: date
    value: int
    skipped: bool
    note: str
    done: bool


class DayStreakOut(BaseModel):
    current: int
    best: int
    freezes: int
    comebacks: int


class TodayGoal(BaseModel):
    goal: GoalOut
    entry: EntryOut | None
    done: bool


class TodayOut(BaseModel):
    date: date
    goals: list[TodayGoal]
    streak: DayStreakOut


class GoalStreakOut(BaseModel):
    goal_id: int
    current: int
    best: int
    strength: int


class BadgeOut(BaseModel):
    kind: str
    threshold: int
    title: str
    earned_on: date


class StreaksOut(BaseModel):
    day: DayStreakOut
    goals: list[GoalStreakOut]
    badges: list[BadgeOut]


class CalendarDay(BaseModel):
    date: date
    state: Literal["active", "restful", "shielded", "frozen", "missed", "open", "before"]
    done_goal_ids: list[int]
    rejections: int = Field(description="How many rejections were logged on this date.")


class RejectionOut(BaseModel):
    id: int
    date: date
    company: str
    role: str
    stage: Stage | None
    note: str


class BreakOut(BaseModel):
    id: int
    start: date
    end: date
    note: str


class ErrorBody(BaseModel):
    code: str
    message: str
    fields: dict[str, str] | None = None


class ErrorOut(BaseModel):
    error: ErrorBody
