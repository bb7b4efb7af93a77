"""Interviews of an application, and the address of the calendar feed (SPEC sections 4, 6).

`starts_at` is the local date and time in the account's timezone, written
`YYYY-MM-DDTHH:MM`: read as written and answered as written (no seconds, no offset).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    PlainSerializer,
    RootModel,
    StringConstraints,
    WithJsonSchema,
)

from tracker.core import labels
from tracker.core.limits import (
    DEFAULT_DURATION,
    MAX_DURATION,
    MAX_NOTES,
    MAX_PLACE,
    MAX_PLAN,
    MIN_DURATION,
)
from tracker.web.schemas.fields import Input, no_nul, partial

_LOCAL = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}")
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
_LOCAL_MESSAGE = "Use a local date and time like 2026-03-20T14:30 (no seconds, no offset)."


def _local_start(value: object) -> object:
    # Only YYYY-MM-DDTHH:MM: a time with seconds or an offset is not what the person wrote.
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if not isinstance(value, str) or not _LOCAL.fullmatch(value):
        raise ValueError(_LOCAL_MESSAGE)
    try:
        return datetime.strptime(value, LOCAL_FORMAT)
    except ValueError:
        raise ValueError(_LOCAL_MESSAGE) from None


def written(value: datetime) -> str:
    """A local start as the API writes it: 2026-03-20T14:30."""
    return value.strftime(LOCAL_FORMAT)


LocalStart = Annotated[
    datetime,
    BeforeValidator(_local_start),
    PlainSerializer(written, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$",
            "description": "Local date and time in the account's timezone, no offset.",
            "examples": ["2026-03-20T14:30"],
        }
    ),
]
InterviewKind = Literal[labels.INTERVIEW_KINDS]  # type: ignore[valid-type]
InterviewOutcome = Literal[labels.INTERVIEW_OUTCOMES]  # type: ignore[valid-type]
Duration = Annotated[int, Field(ge=MIN_DURATION, le=MAX_DURATION)]
Place = Annotated[
    str, StringConstraints(max_length=MAX_PLACE, strip_whitespace=True), AfterValidator(no_nul)
]
Notes = Annotated[str, StringConstraints(max_length=MAX_NOTES), AfterValidator(no_nul)]
Plan = Annotated[
    str,
    StringConstraints(max_length=MAX_PLAN, strip_whitespace=True),
    AfterValidator(no_nul),
    Field(description='The person\'s own "if it gets hard, then I will ..." plan.'),
]


class InterviewCreate(Input):
    starts_at: LocalStart
    duration_minutes: Duration = DEFAULT_DURATION
    kind: InterviewKind
    location: Place = ""
    notes: Notes = ""
    plan: Plan = ""


InterviewUpdate = partial(
    "InterviewUpdate",
    InterviewCreate,
    "Only the fields sent change; `outcome: null` clears the outcome.",
    outcome=InterviewOutcome | None,
    debrief=Notes,
)


class InterviewOut(BaseModel):
    id: int
    application_id: int
    starts_at: LocalStart
    duration_minutes: int
    kind: InterviewKind
    location: str
    notes: str
    outcome: InterviewOutcome | None
    debrief: str
    plan: str


class CalendarFeedOut(BaseModel):
    url: str = Field(description="The feed's secret address; the one before stops working.")


class InterviewList(RootModel[list[InterviewOut]]):
    pass
