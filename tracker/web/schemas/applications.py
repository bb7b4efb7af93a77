"""Job applications and their stage history."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from tracker.web.schemas.fields import ApplicationStage, Input, IsoDate, Link, Name
from tracker.web.schemas.interviews import InterviewOut, Notes, Place


class ApplicationCreate(Input):
    company: Name
    role: Name
    link: Link | None = None
    date: IsoDate | None = Field(default=None, description="Defaults to your local today.")
    stage: ApplicationStage = "applied"
    notes: Notes = ""
    contact: Place = ""
    location: Place = ""


class ApplicationUpdate(Input):
    """Only the fields sent change; `link: null` removes the link."""

    stage: ApplicationStage = None  # type: ignore[assignment]
    stage_date: IsoDate = Field(
        default=None,  # type: ignore[assignment]
        description="The date of the stage change: from the application's date to your "
        "local today, which it defaults to.",
    )
    company: Name = None  # type: ignore[assignment]
    role: Name = None  # type: ignore[assignment]
    link: Link | None = None
    date: IsoDate = None  # type: ignore[assignment]
    notes: Notes = None  # type: ignore[assignment]
    contact: Place = None  # type: ignore[assignment]
    location: Place = None  # type: ignore[assignment]


class StageChangeOut(BaseModel):
    stage: ApplicationStage
    date: date


class ApplicationOut(BaseModel):
    id: int
    company: str
    role: str
    link: str | None
    date: date
    stage: ApplicationStage
    notes: str
    contact: str
    location: str
    history: list[StageChangeOut] = Field(
        description="Every stage the application went through, in date order."
    )
    interviews: list[InterviewOut] = Field(description="The application's interviews, by start.")
