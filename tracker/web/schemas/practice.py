"""The practice bank, the item of the day and practice sessions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from tracker.web.schemas.fields import Input, IsoDate, Note, PracticeKind


class PracticeCreate(Input):
    date: IsoDate
    rating: Annotated[int, Field(ge=1, le=5)]
    item_id: Annotated[str, StringConstraints(max_length=64)] | None = None
    note: Note = ""


class PracticeItemOut(BaseModel):
    id: str
    kind: PracticeKind
    text: str


class PracticeTodayOut(BaseModel):
    date: date
    item: PracticeItemOut


class PracticeSessionOut(BaseModel):
    id: int
    date: date
    item_id: str | None
    rating: int
    note: str
