"""Job applications and their stage history."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from tracker.web.schemas.fields import ApplicationStage, Input, IsoDate, Link, Name


class ApplicationCreate(Input):
    company: Name
    role: Name
    link: Link | None = None
    date: IsoDate | None = Field(default=None, description="Defaults to your local today.")
    stage: ApplicationStage = "applied"


class ApplicationUpdate(Input):
    """Only the fields sent change; `link: null` removes the link."""

    stage: ApplicationStage = None  # type: ignore[assignment]
    company: Name = None  # type: ignore[assignment]
    role: Name = None  # type: ignore[assignment]
    link: Link | None = None
    date: IsoDate = None  # type: ignore[assignment]


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
    history: list[StageChangeOut] = Field(
        description="Every stage the application went through, the first being its own."
    )
