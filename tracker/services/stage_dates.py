"""The dates of an application's pipeline (SPEC section 4): the day it was sent, the date of a
stage change, and the rules between them, checked before anything changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.models import Application
from tracker.services.errors import DATE_WORDS, Invalid, refuse_future


@dataclass(frozen=True)
class Plan:
    """What an update does to the dates: `sent` is the application's new date (None: it
    keeps its own), `step` the date of the stage change it makes (None: no change)."""

    sent: date | None
    step: date | None


def plan(application: Application, today: date, changes: dict) -> Plan:
    """The dates `changes` (an update's fields) give `application` on the user's `today`.

    A stage change is dated `stage_date`, by default `today` (or the `date` given with the
    first move out of saved); the first move out of saved also dates the application that
    day unless a `date` is given. Raises Invalid for a date after `today` or before
    EARLIEST_DATE, a stage date before the application's date, and a new date after a later
    stage change (the history stays in date order).
    """
    given = changes.get("date")
    stage_date = changes.get("stage_date")
    for field, day in (("date", given), ("stage_date", stage_date)):
        if day is not None:
            refuse_future(day, today, field)
    stage = changes.get("stage")
    moving = stage is not None and stage != application.stage
    applying = moving and stage != "saved" and _only_saved(application)
    step = None
    if moving:
        step = stage_date or (given if applying and given else today)
    refuse_before(given or application.date, step or stage_date, "stage_date")
    sent = given or (step if applying else None)
    if given is not None:
        _refuse_after_later_steps(application, given, stage if moving else None)
    return Plan(sent, step)


def refuse_before(base: date, day: date | None, field: str) -> None:
    """Raise Invalid (naming `field`) when a stage change on `day` would come before the
    application's date `base`."""
    if day is not None and day < base:
        raise Invalid(
            "A stage change cannot be dated before the application.",
            {field: f"Pick a date from {DATE_WORDS.get()(base)} on."},
        )


def redate(application: Application, sent: date) -> None:
    """Date the application `sent`: the first step of its history after saved (or its first
    step, while it is only saved) moves there, and a saved step after it moves back to it."""
    steps = application.history
    first = _sent_index(application)
    steps[first].date = sent
    for step in steps[:first]:
        step.date = min(step.date, sent)
    application.date = sent


def _only_saved(application: Application) -> bool:
    return all(step.stage == "saved" for step in application.history)


def _sent_index(application: Application) -> int:
    stages = [step.stage for step in application.history]
    return next((n for n, stage in enumerate(stages) if stage != "saved"), 0)


def _refuse_after_later_steps(application: Application, given: date, stage: str | None) -> None:
    if stage is not None and stage != "saved" and _only_saved(application):
        return  # the move itself becomes the sent step; the saved steps move back to it
    later = application.history[_sent_index(application) + 1 :]
    early = [step.date for step in later if step.date < given]
    if early:
        raise Invalid(
            "An application cannot be dated after a later stage change.",
            {"date": f"Pick a date on or before {DATE_WORDS.get()(min(early))}."},
        )
