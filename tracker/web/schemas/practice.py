"""The practice bank, the item of the day, practice sessions and your own questions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from tracker.web.schemas.fields import Id, Input, IsoDate, Note, PracticeKind, no_nul, required

# A question (or habit) of your own: trimmed, then 1 to 500 characters.
QuestionText = Annotated[
    str,
    StringConstraints(max_length=500, strip_whitespace=True),
    AfterValidator(no_nul),
    AfterValidator(required),
]


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


class PracticeQuestionCreate(Input):
    text: QuestionText
    rejection_id: Id | None = Field(
        default=None, description="One of your rejections: the debrief the question came from."
    )


class PracticeQuestionOut(BaseModel):
    id: int
    text: str
    rejection_id: int | None
