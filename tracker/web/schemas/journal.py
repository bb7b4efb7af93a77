"""Rejections and breaks."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from tracker.web.schemas.fields import Input, IsoDate, Note, Short, Stage, no_nul


class RejectionCreate(Input):
    date: IsoDate
    company: Short = ""
    role: Short = ""
    stage: Stage | None = None
    note: Note = ""


class BreakCreate(Input):
    start: IsoDate
    end: IsoDate
    note: Annotated[str, StringConstraints(max_length=200), AfterValidator(no_nul)] = ""


class RejectionOut(BaseModel):
    id: int
    date: date
    company: str
    role: str
    stage: Stage | None
    note: str
    application_id: int | None = Field(
        description="The application whose move to rejected or ghosted logged it, if any."
    )


class BreakOut(BaseModel):
    id: int
    start: date
    end: date
    note: str
