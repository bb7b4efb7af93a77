"""What the API reads from paths and query strings, as pydantic models its routes declare."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from tracker.core.limits import MAX_ID
from tracker.web.schemas.fields import ApplicationStage, Category, IsoDate

# An empty value (`?from=&to=`) counts as left out, as it always has; the document says so.
_EMPTY = {"type": "string", "maxLength": 0}
_DIGITS = re.compile(r"[0-9]{1,40}")


def _blank_is_none(value: object) -> object:
    return None if value == "" else value


def _whole_number(value: object) -> object:
    # Digits only: int() would also take "-1", " 1", "1_0" and other scripts' digits.
    if value is None or value == "":
        return None
    if isinstance(value, str) and not _DIGITS.fullmatch(value):
        raise ValueError("Must be a whole number.")
    return value


QueryDate = Annotated[
    IsoDate | None,
    BeforeValidator(_blank_is_none),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, _EMPTY]}),
]
QueryId = Annotated[
    int | None,
    BeforeValidator(_whole_number),
    WithJsonSchema({"anyOf": [{"type": "integer"}, _EMPTY]}),
]


class Query(BaseModel):
    """Query strings are text: numbers and dates are read from it, unknown names are ignored."""

    model_config = ConfigDict(populate_by_name=True)


class DateRange(Query):
    """`from` and `to` (inclusive) of a listing; the API's ranges module checks the bounds."""

    start: QueryDate = Field(None, alias="from")
    end: QueryDate = Field(None, alias="to")


class InterviewRange(DateRange):
    """`from` and `to` of the interviews listing: `from` defaults to today, and both may lie
    up to three years ahead (the API's ranges module checks the bounds)."""


class StageQuery(Query):
    stage: Annotated[ApplicationStage | None, BeforeValidator(_blank_is_none)] = None


class SearchQuery(Query):
    q: Annotated[str, Field(max_length=200)] = ""


class PromptQuery(Query):
    rejection_id: QueryId = None


class LoopQuery(Query):
    """The choices sent with a Loop zip sent as the raw body (a form sends them as fields)."""

    category: Annotated[Category | None, BeforeValidator(_blank_is_none)] = None
    categories: str | None = Field(None, description='JSON: {"habit name": "apply"}')
    dry_run: Annotated[Literal["true", "false"] | None, BeforeValidator(_blank_is_none)] = None


# Path ids: a number the route's <int:…> converter took; one outside 1..MAX_ID names nothing
# and answers 404 before these models are read (api.hooks), as any id that is not yours.
PathId = Annotated[int, Field(ge=1, le=MAX_ID)]


class GoalPath(BaseModel):
    goal_id: PathId


class EntryPath(GoalPath):
    # Text, read as a date by the view after the goal: anyone else's goal answers 404 first.
    day: Annotated[str, WithJsonSchema({"type": "string", "format": "date"})]


class TokenPath(BaseModel):
    token_id: PathId


class ApplicationPath(BaseModel):
    application_id: PathId


class InterviewPath(BaseModel):
    interview_id: PathId


class RejectionPath(BaseModel):
    rejection_id: PathId


class BreakPath(BaseModel):
    break_id: PathId


class QuestionPath(BaseModel):
    question_id: PathId


class ReflectionPath(BaseModel):
    reflection_id: PathId


class SubscriptionPath(BaseModel):
    subscription_id: PathId
