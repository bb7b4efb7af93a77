"""The account export (format version 1, docs/export.md) and what an import answers.

The same models validate an uploaded file and describe `GET /export`, so every export is a
valid import. Records carry export-local `id`s only where something links to them: a
rejection or an interview names its application, and a reflection or an own practice
question its rejection, by those ids.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, NotRequired

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

# pydantic reads a TypedDict's fields from typing_extensions' before Python 3.12.
from typing_extensions import TypedDict

from tracker.core import limits
from tracker.web.schemas.fields import (
    ApplicationStage,
    Category,
    Id,
    Input,
    IsoDate,
    Link,
    Name,
    Note,
    Target,
    Title,
    Weekdays,
    no_nul,
)
from tracker.web.schemas.interviews import (
    InterviewCreate,
    InterviewOutcome,
    Notes,
    Place,
)
from tracker.web.schemas.journal import BreakNote, RejectionFields
from tracker.web.schemas.practice import QuestionText
from tracker.web.schemas.reflections import PromptText, ReflectionText

# The lists carry no length of their own: the file's size bounds them, and the service
# checks the counts of tracker.core.limits (422 naming the limit, rather than 400).
_WITHIN = f"With what the account holds, at most {limits.MAX_RECORDS:,} of a kind (422 past it)."
ItemId = Annotated[str, StringConstraints(max_length=64), AfterValidator(no_nul)]


class AccountFile(Input):
    """Who exported the file; shown for reference, an import never changes the account."""

    email: Annotated[str, StringConstraints(max_length=254)] | None = None
    timezone: Annotated[str, StringConstraints(max_length=64)] | None = None


class EntryFile(TypedDict):
    """One day of a goal; `skipped` left out is false, `note` left out is empty.

    A plain dict rather than a model: an import may hold 100,000 entries, and a dict per
    entry, read straight from the JSON, costs a third of the time and half the memory. The
    date is a strict JSON date (YYYY-MM-DD only), parsed without a Python validator."""

    __pydantic_config__ = ConfigDict(strict=True, extra="forbid")  # type: ignore[misc]
    date: date
    value: Annotated[int, Field(ge=0, le=limits.MAX_ENTRY_VALUE)]
    skipped: NotRequired[bool]
    note: NotRequired[Note]


class GoalFile(Input):
    category: Category
    title: Title
    target: Target = 1
    weekdays: Weekdays = Field(default_factory=lambda: list(range(1, 8)))
    created_on: IsoDate | None = Field(
        default=None, description="Defaults to the earliest entry, or today without one."
    )
    archived_on: IsoDate | None = None
    entries: list[EntryFile] = Field(default_factory=list)


class RejectionFile(RejectionFields):
    id: Id | None = Field(default=None, description="Export-local; reflections link to it.")
    application_id: Id | None = Field(
        default=None, description="The export-local id of the application that logged it."
    )


class BreakFile(Input):
    start: IsoDate
    end: IsoDate
    note: BreakNote = ""


class StepFile(Input):
    stage: ApplicationStage
    date: IsoDate


class ApplicationFile(Input):
    id: Id | None = Field(default=None, description="Export-local; rejections link to it.")
    company: Name
    role: Name
    link: Link | None = None
    date: IsoDate
    stage: ApplicationStage
    notes: Notes = ""
    contact: Place = ""
    location: Place = ""
    history: list[StepFile] = Field(
        default_factory=list,
        max_length=1000,
        description="Every stage in date order; the step it was sent on (the first after "
        "saved) has the application's date. Left out, it is its stage and date alone.",
    )


class InterviewFile(InterviewCreate):
    """An interview as scheduling one takes it, with how it went."""

    application_id: Id = Field(description="The export-local id of its application.")
    outcome: InterviewOutcome | None = None
    debrief: Notes = ""


class PracticeFile(Input):
    date: IsoDate
    item_id: ItemId | None = None
    rating: Annotated[int, Field(ge=1, le=5)]
    note: Note = ""


class ReflectionFile(Input):
    date: IsoDate
    text: ReflectionText
    prompt: PromptText | None = None
    rejection_id: Id | None = Field(
        default=None, description="The export-local id of the rejection it debriefs."
    )


class PracticeQuestionFile(Input):
    text: QuestionText
    rejection_id: Id | None = Field(
        default=None, description="The export-local id of the rejection whose debrief it came from."
    )


class ReminderFile(Input):
    """A reminder rule; for `comeback` only `enabled` counts (it follows the plan's time)."""

    kind: Literal["plan", "nudge", "comeback"]
    time: Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    weekdays: Weekdays
    enabled: bool


class ExportFile(Input):
    """The whole account. Every list may be left out (it then adds nothing)."""

    # pydantic keeps the short strings it reads in a cache of 16,384 for the next request;
    # spread over the heap, those of a 5 MB file held some 30 MB of a worker's memory after
    # the import was done. Field names are worth keeping; the file's values are not.
    model_config = ConfigDict(cache_strings="keys")

    format: Literal["bring-it-on"]
    version: Literal[1]
    exported_at: Annotated[str, StringConstraints(max_length=40)] | None = None
    account: AccountFile | None = None
    goals: list[GoalFile] = Field(
        default_factory=list,
        description=f"At most {limits.MAX_IMPORT_GOALS} goals, holding at most "
        f"{limits.MAX_IMPORT_ENTRIES:,} entries between them (422 past either).",
    )
    rejections: list[RejectionFile] = Field(default_factory=list, description=_WITHIN)
    breaks: list[BreakFile] = Field(default_factory=list, description=_WITHIN)
    applications: list[ApplicationFile] = Field(default_factory=list, description=_WITHIN)
    interviews: list[InterviewFile] = Field(default_factory=list, description=_WITHIN)
    practice_sessions: list[PracticeFile] = Field(default_factory=list, description=_WITHIN)
    reflections: list[ReflectionFile] = Field(default_factory=list, description=_WITHIN)
    practice_questions: list[PracticeQuestionFile] = Field(
        default_factory=list, description=_WITHIN
    )
    reminders: list[ReminderFile] | None = Field(
        default=None, max_length=3, description="Left out, the account's reminders stay as set."
    )


def import_document(body: ExportFile) -> dict:
    """The file as the import service takes it (ExportFile.model_dump()), each goal's entries
    the dicts read from the JSON rather than copies of them, and each interview's start the
    datetime read (a dump writes it as text)."""
    document = body.model_dump(exclude={"goals", "interviews"})
    document["interviews"] = [
        {**interview.model_dump(), "starts_at": interview.starts_at}
        for interview in body.interviews
    ]
    document["goals"] = [
        {**goal.model_dump(exclude={"entries"}), "entries": goal.entries} for goal in body.goals
    ]
    return document


class ImportSummary(BaseModel):
    """What an import added: goals made or merged, and the records written."""

    goals_created: int
    goals_merged: int
    entries: int = Field(description="Entries written (an imported entry replaces that date's).")
    rejections: int
    breaks: int
    applications: int
    interviews: int
    practice_sessions: int
    reflections: int
    practice_questions: int
    reminders: int = Field(description="Reminder rules set from the file.")
    duplicates_skipped: int = Field(
        description="Records left out because an identical one was already stored."
    )


class LoopHabitOut(BaseModel):
    """One habit of a Loop Habit Tracker export and the goal it went into."""

    name: str
    title: str
    category: Category
    archived: bool
    numerical: bool
    entries: int
    goal_id: int | None = Field(description="Null on a dry run.")
    merged: bool


class LoopImportOut(BaseModel):
    habits: list[LoopHabitOut]
    entries: int
    dry_run: bool
