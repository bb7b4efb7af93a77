"""What the API reads from paths and query strings, as pydantic models its routes declare."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from tracker.web.schemas.fields import MAX_ID, ApplicationStage, IsoDate

# An empty value (`?from=&to=`) counts as left out, as it always has; the document says so.
_EMPTY = {"type": "string", "maxLength": 0}


def _blank_is_none(value: object) -> object:
    return None if value == "" else value


QueryDate = Annotated[
    IsoDate | None,
    BeforeValidator(_blank_is_none),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, _EMPTY]}),
]
QueryId = Annotated[
    int | None,
    BeforeValidator(_blank_is_none),
    WithJsonSchema({"anyOf": [{"type": "integer"}, _EMPTY]}),
]


class Query(BaseModel):
    """Query strings are text: numbers and dates are read from it, unknown names are ignored."""

    model_config = ConfigDict(populate_by_name=True)


class DateRange(Query):
    """`from` and `to` (inclusive) of a listing; the bounds are checked by parse_range."""

    start: QueryDate = Field(None, alias="from")
    end: QueryDate = Field(None, alias="to")


class StageQuery(Query):
    stage: ApplicationStage | None = None


class SearchQuery(Query):
    q: Annotated[str, Field(max_length=200)] = ""


class PromptQuery(Query):
    rejection_id: QueryId = None


class GoalPath(BaseModel):
    goal_id: Annotated[int, Field(ge=1, le=MAX_ID)]


class EntryPath(GoalPath):
    day: Annotated[date, WithJsonSchema({"type": "string", "format": "date"})]
