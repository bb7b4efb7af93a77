"""Bringing data in: an export document added to an account, all of it or nothing.

Merge rules (SPEC section 6, docs/export.md): a goal merges into the user's goal of the same
category and title, whose settings the file's then replace, and for the same date the
imported entry wins; every other record is added unless an identical one is already stored.
Nothing is derived on the way in: entries are written as the file holds them, and no goal
progress is counted from imported applications, practice or reflections.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from tracker import queries
from tracker.core import limits
from tracker.core.transfer import match_records, merged_start
from tracker.models import Goal, User, weekdays_to_mask
from tracker.queries import imports
from tracker.services import interviews, reminders
from tracker.services.errors import Invalid, LimitReached
from tracker.services.limits import room_for_goals
from tracker.services.transfer_checks import problems
from tracker.services.transfer_journal import plan_journal, write_journal

SUMMARY_KEYS = (
    "goals_created",
    "goals_merged",
    "entries",
    "rejections",
    "breaks",
    "applications",
    "interviews",
    "practice_sessions",
    "reflections",
    "practice_questions",
    "reminders",
    "duplicates_skipped",
)


def import_account(session: Session, user: User, today: date, now: datetime, data: dict) -> dict:
    """Add an export document (already shaped by the schema) to the user's account.

    Raises LimitReached (422) for a file past the limits of tracker.core.limits, or one that
    would take the account past them, and Invalid naming every bad record by its path, all
    before anything is written; the caller commits once, so a failure leaves the account as
    it was. `today` is the user's local date. Returns the counts of SUMMARY_KEYS.
    """
    check_size(len(data["goals"]), sum(len(goal["entries"]) for goal in data["goals"]))
    found = problems(data, today)
    if found:
        raise Invalid("This file cannot be imported: some records need another look.", found)
    summary: Counter = Counter()
    plan = plan_journal(session, user.id, data, summary)
    write_goals(session, user, today, now, data["goals"], summary)
    created = write_journal(session, user.id, now, plan, summary)
    interviews.arm_new_messages(session, user, created["interviews"], now)
    if data.get("reminders") is not None:
        _reminders(session, user, now, data["reminders"], summary)
    session.flush()
    return {key: summary[key] for key in SUMMARY_KEYS}


def check_size(goals: int, entries: int, noun: str = "goals", unit: str = "entries") -> None:
    """Raise LimitReached when a file holds more than MAX_IMPORT_GOALS goals (or habits:
    `noun`) or MAX_IMPORT_ENTRIES entries (or checkmarks: `unit`)."""
    if goals > limits.MAX_IMPORT_GOALS:
        message = (
            f"An import holds at most {limits.MAX_IMPORT_GOALS:,} {noun}; this file has {goals:,}."
        )
        raise LimitReached(message, {noun: message})
    if entries > limits.MAX_IMPORT_ENTRIES:
        message = (
            f"An import holds at most {limits.MAX_IMPORT_ENTRIES:,} {unit}; "
            f"this file has {entries:,}."
        )
        raise LimitReached(message, {unit: message})


def write_goals(
    session: Session, user: User, today: date, now: datetime, goals: list[dict], summary: Counter
) -> list[tuple[Goal, bool]]:
    """Create or merge each goal of `goals` and write its entries; (goal, merged) for each.

    Each dict holds category, title, target, weekdays, created_on (None: its earliest entry,
    or `today`), archived_on, and entries ({date, value, skipped?, note?}) or days ({date: an
    object with value, skipped and note}, as a Loop habit has them). Raises LimitReached
    before writing when the new goals would take the account past MAX_GOALS. An import may
    change any day (so does the journal written after it): the streak checkpoints go.
    """
    queries.forget_checkpoints(session, user.id)
    existing = queries.goals_of_user(session, user.id)
    by_id = {goal.id: goal for goal in existing}
    matches = match_records(
        [((g.category, g.title), g.id) for g in existing],
        [(g["category"], g["title"]) for g in goals],
    )
    room_for_goals(session, user.id, sum(match is None for match in matches), "goals")
    written = []
    for spec, match in zip(goals, matches, strict=True):
        start = spec["created_on"] or min((e["date"] for e in spec["entries"]), default=today)
        goal = by_id[match] if match is not None else Goal(user_id=user.id, created_on=start)
        goal.category, goal.title, goal.target = spec["category"], spec["title"], spec["target"]
        goal.weekday_mask = weekdays_to_mask(spec["weekdays"])
        goal.archived_on = spec["archived_on"]
        goal.created_on = merged_start(goal.created_on, start)
        if match is None:
            session.add(goal)
        summary["goals_merged" if match is not None else "goals_created"] += 1
        written.append((goal, match is not None))
    session.flush()
    rows = (
        row for (goal, _), spec in zip(written, goals, strict=True) for row in _rows(goal.id, spec)
    )  # made as they are sent, a batch at a time: never 100,000 of them at once
    summary["entries"] += imports.put_entries(session, rows, now)
    return written


def _rows(goal_id: int, spec: dict) -> Iterator[tuple]:
    """(goal_id, date, value, skipped, note) of each entry of a goal's spec."""
    if "days" in spec:
        for day, e in spec["days"].items():
            yield goal_id, day, e.value, e.skipped, e.note
    else:
        for e in spec["entries"]:
            yield goal_id, e["date"], e["value"], e.get("skipped", False), e.get("note", "")


def _reminders(
    session: Session, user: User, now: datetime, records: list[dict], summary: Counter
) -> None:
    """The file's reminder rules replace the account's (kinds it leaves out stay as set)."""
    items = [
        {**r, "time": time(int(r["time"][:2]), int(r["time"][3:]))} for r in records
    ]  # "HH:MM", already checked
    reminders.put_rules(session, user, now, items)
    summary["reminders"] += len(items)
