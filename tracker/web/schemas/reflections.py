"""Reflections and their prompts."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from tracker.core.prompts import THEMES
from tracker.web.schemas.fields import Id, Input, IsoDate, no_nul, required

ReflectionText = Annotated[
    str, StringConstraints(max_length=10000), AfterValidator(no_nul), AfterValidator(required)
]
PromptText = Annotated[str, StringConstraints(max_length=500), AfterValidator(no_nul)]


class ReflectionCreate(Input):
    date: IsoDate
    text: ReflectionText
    prompt: PromptText | None = None
    rejection_id: Id | None = None


class ReflectionOut(BaseModel):
    id: int
    date: date
    text: str
    prompt: str | None
    rejection_id: int | None


class PromptOut(BaseModel):
    id: str
    theme: Literal[THEMES]  # type: ignore[valid-type]  # the themes of core.prompts, once
    text: str
    hint: str = Field(description="A short helpful line shown under the question; may be empty.")
