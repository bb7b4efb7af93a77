"""Rejections and breaks."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from tracker.web.schemas.fields import Id, Input, IsoDate, Note, Short, Stage, no_nul

# A break's note: shorter than a journal note, it is shown beside the dates.
BreakNote = Annotated[str, StringConstraints(max_length=200), AfterValidator(no_nul)]


class RejectionFields(Input):
    """A rejection as it is logged, and as an import file holds it."""

    date: IsoDate
    company: Short = ""
    role: Short = ""
    stage: Stage | None = None
    note: Note = ""


class RejectionCreate(RejectionFields):
    application_id: Id | None = Field(
        default=None,
        description="The application it answers: that application moves to rejected, dated "
        "the rejection's date, and no second rejection is logged.",
    )


class BreakCreate(Input):
    start: IsoDate
    end: IsoDate
    note: BreakNote = ""


class RejectionOut(BaseModel):
    id: int
    date: date
    company: str
    role: str
    stage: Stage | None
    note: str
    application_id: int | None = Field(
        description="The application it answers (named, or moved to rejected or ghosted)."
    )


class BreakOut(BaseModel):
    id: int
    start: date
    end: date
    note: str
