"""An import's journal records: which are new, whether they fit, and writing them in bulk.

First `plan_journal` pairs each record of the file with a stored identical one (those are
skipped) and checks that the new ones fit the account's limits, before anything is written;
then `write_journal` inserts the new ones, a few statements per kind whatever their number.
Links (a rejection's or an interview's application, a reflection's or a question's
rejection) use the file's export-local ids; a link to a record that is new in this import is
a `_New` placeholder until its id exists, and never equals a stored id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from tracker.core.transfer import match_records
from tracker.models import StageChange
from tracker.queries import imports
from tracker.services import interviews, limits

# Per kind: the fields compared to find a stored twin (with the link; a question is known by
# its text alone), and the column linking to an earlier kind (the export-local id names a
# record of that kind), in the order links resolve.
# The kinds whose new ids are needed: links point at the first two, and new interviews get
# their messages' due instants once written.
_RETURNING = ("applications", "rejections", "interviews")
_KINDS = (
    (
        "applications",
        ("company", "role", "link", "date", "stage", "notes", "contact", "location"),
        None,
    ),
    ("rejections", ("date", "company", "role", "stage", "note"), "application_id"),
    ("interviews", interviews.FIELDS, "application_id"),
    ("breaks", ("start", "end", "note"), None),
    ("practice_sessions", ("date", "item_id", "rating", "note"), None),
    ("reflections", ("date", "text", "prompt"), "rejection_id"),
    ("practice_questions", ("text",), "rejection_id"),
)
_LINKED = {"application_id": "applications", "rejection_id": "rejections"}


@dataclass(frozen=True)
class _New:
    """A record this import adds: its position among the new records of its kind."""

    index: int


@dataclass
class JournalPlan:
    """For each kind, the new records (with their links as ids or _New) and, for each
    export-local id, the stored id or _New it stands for."""

    new: dict[str, list[dict]] = field(default_factory=dict)
    ids: dict[str, dict[int, int | _New]] = field(default_factory=dict)


def _stored_keys(session: Session, user_id: int, kind: str, fields, link) -> list[tuple]:
    columns = (*fields, link) if link else fields
    if kind == "practice_questions":
        columns = ("text",)  # a text already on the list is that question, whatever its link
    rows = imports.stored_rows(session, kind, user_id, columns)
    if kind != "applications":
        return [(tuple(row[1:]), row.id) for row in rows]
    steps: dict[int, list[tuple]] = {}
    for step in imports.stage_rows(session, user_id):
        steps.setdefault(step.application_id, []).append((step.stage, step.date))
    # The history in date order, as the export writes it (of one date, by id: a stable sort).
    ordered = {key: tuple(sorted(found, key=lambda step: step[1])) for key, found in steps.items()}
    return [((*row[1:], ordered.get(row.id, ())), row.id) for row in rows]


def steps_of(record: dict) -> list[dict]:
    """An application's history; left out, it is the application's own stage and date."""
    return record["history"] or [{"stage": record["stage"], "date": record["date"]}]


def _file_key(kind: str, record: dict, fields, link, plan: JournalPlan) -> tuple:
    if kind == "practice_questions":
        return (record["text"],)
    key = tuple(record[name] for name in fields)
    if link:
        key += (plan.ids[_LINKED[link]].get(record[link]),)
    if kind == "applications":
        key += (tuple((s["stage"], s["date"]) for s in steps_of(record)),)
    return key


def plan_journal(session: Session, user_id: int, data: dict, summary: Counter) -> JournalPlan:
    """Pair the file's records with stored twins and check the new ones fit (LimitReached,
    naming the kind, when they would not). Writes nothing."""
    plan = JournalPlan()
    for kind, fields, link in _KINDS:
        records = data[kind]
        keys = [_file_key(kind, r, fields, link, plan) for r in records]
        stored = _stored_keys(session, user_id, kind, fields, link) if records else []
        matches = match_records(stored, keys)
        new, ids = [], {}
        for record, match in zip(records, matches, strict=True):
            if match is None:
                match = _New(len(new))
                linked = plan.ids[_LINKED[link]].get(record[link]) if link else None
                new.append({**record, **({link: linked} if link else {})})
            if record.get("id") is not None:
                ids[record["id"]] = match
        summary["duplicates_skipped"] += len(records) - len(new)
        limits.room_for(session, user_id, kind, len(new), field=kind)
        plan.new[kind], plan.ids[kind] = new, ids
    return plan


def write_journal(
    session: Session, user_id: int, now: datetime, plan: JournalPlan, summary: Counter
) -> dict[str, list[int]]:
    """Insert the planned new records, kind by kind, resolving links to new records; returns
    the new ids of applications, rejections and interviews, by kind."""
    created: dict[str, list[int]] = {}
    for kind, fields, link in _KINDS:
        new = plan.new[kind]
        columns = (*fields, link) if link else fields
        rows = []
        for record in new:
            row = {name: record[name] for name in columns}
            if link and isinstance(row[link], _New):
                row[link] = created[_LINKED[link]][row[link].index]
            rows.append(row)
        constants = {"user_id": user_id} | ({} if kind == "breaks" else {"created_at": now})
        table = imports.RECORD_MODELS[kind].__table__
        created[kind] = imports.insert_rows(
            session, table, rows, constants, returning=kind in _RETURNING
        )
        summary[kind] += len(rows)
        if kind == "applications":
            steps = [
                {"application_id": new_id, "stage": step["stage"], "date": step["date"]}
                for new_id, record in zip(created[kind], new, strict=True)
                for step in steps_of(record)
            ]
            imports.insert_rows(session, StageChange.__table__, steps)
    return created
