"""Goals and their entries."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, Field

from tracker.core.limits import MAX_ENTRY_VALUE
from tracker.web.schemas.fields import Category, Input, Note, Target, Title, Weekdays, partial


class GoalCreate(Input):
    category: Category
    title: Title
    target: Target = 1
    weekdays: Weekdays = Field(default_factory=lambda: list(range(1, 8)))


GoalUpdate = partial("GoalUpdate", GoalCreate, "Only the fields sent change.", archived=bool)


class EntryPut(Input):
    value: Annotated[int, Field(ge=0, le=MAX_ENTRY_VALUE)] | None = None
    skipped: bool = False
    note: Note | None = None


class GoalOut(BaseModel):
    id: int
    category: Category
    title: str
    target: int
    weekdays: list[int]
    archived: bool


class EntryOut(BaseModel):
    goal_id: int
    date: date
    value: int
    skipped: bool
    note: str
    done: bool
