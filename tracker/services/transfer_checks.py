"""The rules an import file must keep beyond its shape: dates, links and uniqueness.

The shape (types, lengths, enums) is checked before this by the schema; here every problem
is collected as {"goals.0.entries.3.date": "a sentence"}, so one answer names them all.
"""

from __future__ import annotations

from datetime import date

from tracker.core import practice_bank
from tracker.core.limits import EARLIEST_DATE
from tracker.services.interviews import latest_day
from tracker.services.journal import MAX_BREAK_DAYS, break_problems

MAX_PROBLEMS = 50


class _Problems(dict):
    """{path: message}, keeping the first message of each path."""

    def add(self, path: str, message: str) -> None:
        if len(self) < MAX_PROBLEMS:
            self.setdefault(path, message)

    def day(self, path: str, day: date | None, today: date) -> None:
        """A date of the past: from EARLIEST_DATE up to the user's today."""
        if day is None:
            return
        if day < EARLIEST_DATE:
            self.add(path, f"Pick a date from {EARLIEST_DATE.isoformat()} on.")
        elif day > today:
            self.add(path, f"{day.isoformat()} is after today ({today.isoformat()}).")


def problems(data: dict, today: date) -> dict[str, str]:
    """Everything wrong with an import document already shaped by the schema (empty: fine).

    `today` is the user's local date: no record may lie after it, except a planned break.
    """
    found = _Problems()
    _goals(found, data["goals"], today)
    _breaks(found, data["breaks"])
    application_ids = _applications(found, data["applications"], today)
    rejection_ids = _rejections(found, data["rejections"], application_ids, today)
    _interviews(found, data["interviews"], application_ids, today)
    for n, session in enumerate(data["practice_sessions"]):
        found.day(f"practice_sessions.{n}.date", session["date"], today)
        item = session["item_id"]
        if item is not None and practice_bank.item_by_id(item) is None:
            found.add(f"practice_sessions.{n}.item_id", "This practice item does not exist.")
    for n, reflection in enumerate(data["reflections"]):
        found.day(f"reflections.{n}.date", reflection["date"], today)
        link = reflection["rejection_id"]
        if link is not None and link not in rejection_ids:
            found.add(f"reflections.{n}.rejection_id", "No rejection in this file has this id.")
    for n, question in enumerate(data["practice_questions"]):
        link = question["rejection_id"]
        if link is not None and link not in rejection_ids:
            found.add(
                f"practice_questions.{n}.rejection_id", "No rejection in this file has this id."
            )
    kinds: set[str] = set()
    for n, rule in enumerate(data.get("reminders") or ()):
        if rule["kind"] in kinds:
            found.add(f"reminders.{n}.kind", "Each kind of reminder may appear once.")
        kinds.add(rule["kind"])
    return dict(found)


def _goals(found: _Problems, goals: list[dict], today: date) -> None:
    for g, goal in enumerate(goals):
        found.day(f"goals.{g}.created_on", goal["created_on"], today)
        found.day(f"goals.{g}.archived_on", goal["archived_on"], today)
        seen: set[date] = set()
        for e, entry in enumerate(goal["entries"]):
            day = entry["date"]
            # A path is made only for a problem: an import may hold 100,000 entries.
            if day in seen or not EARLIEST_DATE <= day <= today:
                path = f"goals.{g}.entries.{e}.date"
                found.day(path, day, today)
                if day in seen:
                    found.add(path, "Another entry of this goal has the same date.")
            seen.add(day)


def _breaks(found: _Problems, breaks: list[dict]) -> None:
    for n, pause in enumerate(breaks):
        problems = break_problems(pause["start"], pause["end"])
        if "early" in problems:
            found.add(f"breaks.{n}.start", f"Pick a date from {EARLIEST_DATE.isoformat()} on.")
        if "order" in problems:
            found.add(f"breaks.{n}.end", "A break ends on or after the day it starts.")
        elif "long" in problems:
            found.add(f"breaks.{n}.end", f"A break lasts {MAX_BREAK_DAYS} days at most.")


def _unique_ids(found: _Problems, records: list[dict], name: str) -> set[int]:
    ids: set[int] = set()
    for n, record in enumerate(records):
        if record["id"] is None:
            continue
        if record["id"] in ids:
            found.add(f"{name}.{n}.id", "Another record of this list has the same id.")
        ids.add(record["id"])
    return ids


def _applications(found: _Problems, applications: list[dict], today: date) -> set[int]:
    for n, application in enumerate(applications):
        found.day(f"applications.{n}.date", application["date"], today)
        history = application["history"]
        for s, step in enumerate(history):
            found.day(f"applications.{n}.history.{s}.date", step["date"], today)
        # The step it was sent on (the first after saved) carries the application's date.
        sent = next((s for s, step in enumerate(history) if step["stage"] != "saved"), 0)
        if history and history[sent]["date"] != application["date"]:
            found.add(
                f"applications.{n}.history.{sent}.date",
                "The step it was sent on (the first after saved) has the application's date.",
            )
        if history and history[-1]["stage"] != application["stage"]:
            found.add(
                f"applications.{n}.history",
                "The last step is where the application is now: use its stage.",
            )
    return _unique_ids(found, applications, "applications")


def _rejections(
    found: _Problems, rejections: list[dict], application_ids: set[int], today: date
) -> set[int]:
    for n, rejection in enumerate(rejections):
        found.day(f"rejections.{n}.date", rejection["date"], today)
        link = rejection["application_id"]
        if link is not None and link not in application_ids:
            found.add(f"rejections.{n}.application_id", "No application in this file has this id.")
    return _unique_ids(found, rejections, "rejections")


def _interviews(
    found: _Problems, interviews: list[dict], application_ids: set[int], today: date
) -> None:
    """As scheduling one checks it: a start from EARLIEST_DATE to three years ahead."""
    last = latest_day(today)
    for n, interview in enumerate(interviews):
        day = interview["starts_at"].date()
        if day < EARLIEST_DATE:
            found.add(
                f"interviews.{n}.starts_at", f"Pick a date from {EARLIEST_DATE.isoformat()} on."
            )
        elif day > last:
            found.add(f"interviews.{n}.starts_at", f"Pick a date up to {last.isoformat()}.")
        if interview["application_id"] not in application_ids:
            found.add(f"interviews.{n}.application_id", "No application in this file has this id.")
