"""Bringing data in: an export document added to an account, all of it or nothing.

Merge rules (SPEC section 6, docs/export.md): a goal merges into the user's goal of the same
category and title, whose settings the file's then replace, and for the same date the
imported entry wins; every other record is added unless an identical one is already stored.
Nothing is derived on the way in: entries are written as the file holds them, and no goal
progress is counted from imported applications, practice or reflections.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from tracker import queries
from tracker.core.transfer import match_records, merged_start
from tracker.models import (
    Application,
    Break,
    Goal,
    PracticeQuestion,
    PracticeSession,
    Reflection,
    Rejection,
    StageChange,
    User,
    weekdays_to_mask,
)
from tracker.services import reminders
from tracker.services.errors import Invalid
from tracker.services.transfer_checks import problems

SUMMARY_KEYS = (
    "goals_created",
    "goals_merged",
    "entries",
    "rejections",
    "breaks",
    "applications",
    "practice_sessions",
    "reflections",
    "practice_questions",
    "reminders",
    "duplicates_skipped",
)


def import_account(session: Session, user: User, today: date, now: datetime, data: dict) -> dict:
    """Add an export document (already shaped by the schema) to the user's account.

    Raises Invalid, naming every bad record by its path, before anything is written; the
    caller commits once, so a failure leaves the account as it was. `today` is the user's
    local date. Returns the counts of SUMMARY_KEYS.
    """
    found = problems(data, today)
    if found:
        raise Invalid("This file cannot be imported: some records need another look.", found)
    summary: Counter = Counter()
    write_goals(session, user, today, now, data["goals"], summary)
    applications = _applications(session, user, now, data["applications"], summary)
    rejections = _rejections(session, user, now, data["rejections"], applications, summary)
    _breaks(session, user, data["breaks"], summary)
    _practice(session, user, now, data["practice_sessions"], summary)
    _reflections(session, user, now, data["reflections"], rejections, summary)
    _questions(session, user, now, data["practice_questions"], rejections, summary)
    if data.get("reminders") is not None:
        _reminders(session, user, now, data["reminders"], summary)
    session.flush()
    return {key: summary[key] for key in SUMMARY_KEYS}


def write_goals(
    session: Session, user: User, today: date, now: datetime, goals: list[dict], summary: Counter
) -> list[tuple[Goal, bool]]:
    """Create or merge each goal of `goals` and write its entries; (goal, merged) for each.

    Each dict holds category, title, target, weekdays, created_on (None: its earliest entry,
    or `today`), archived_on and entries ({date, value, skipped, note}).
    """
    existing = queries.goals_of_user(session, user.id)
    by_id = {goal.id: goal for goal in existing}
    matches = match_records(
        [((g.category, g.title), g.id) for g in existing],
        [(g["category"], g["title"]) for g in goals],
    )
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
    rows = [
        {**entry, "goal_id": goal.id, "updated_at": now}
        for (goal, _), spec in zip(written, goals, strict=True)
        for entry in spec["entries"]
    ]
    queries.put_entries(session, rows)
    summary["entries"] += len(rows)
    return written


def _add_new(
    session: Session,
    name: str,
    records: list[dict],
    stored: list[tuple],
    keys: list,
    build,
    summary: Counter,
) -> dict[int, int]:
    """Add a row built by `build(record)` for each record not already stored (its key in
    `keys` pairs it with `stored` by match_records) and count it under `name`.

    Returns {export-local id: stored id} for the records that carry an id; a duplicate maps
    to the stored record it is, so links to it still resolve.
    """
    matches = match_records(stored, keys)
    summary["duplicates_skipped"] += sum(match is not None for match in matches)
    ids: dict[int, int] = {}
    added: dict[int, object] = {}
    for record, match in zip(records, matches, strict=True):
        local_id = record.get("id")
        if match is not None:
            if local_id is not None:
                ids[local_id] = match
            continue
        row = build(record)
        session.add(row)
        summary[name] += 1
        if local_id is not None:
            added[local_id] = row
    if added:
        session.flush()  # the new rows' ids
    return {**ids, **{local_id: row.id for local_id, row in added.items()}}


def _application_key(company, role, link, day, stage, history) -> tuple:
    return (company, role, link, day, stage, tuple(history))


def _steps(record: dict) -> list[dict]:
    """An application's history; left out, it is the application's own stage and date."""
    return record["history"] or [{"stage": record["stage"], "date": record["date"]}]


def _applications(
    session: Session, user: User, now: datetime, records: list[dict], summary: Counter
) -> dict[int, int]:
    """Add the applications; {export-local id: stored id} (a duplicate maps to the stored)."""
    stored = [
        (
            _application_key(
                a.company, a.role, a.link, a.date, a.stage, [(s.stage, s.date) for s in a.history]
            ),
            a.id,
        )
        for a in queries.applications_of_user(session, user.id)
    ]
    keys = [
        _application_key(
            r["company"], r["role"], r["link"], r["date"], r["stage"],
            [(s["stage"], s["date"]) for s in _steps(r)],
        )
        for r in records
    ]  # fmt: skip

    def build(record: dict) -> Application:
        return Application(
            user_id=user.id,
            company=record["company"],
            role=record["role"],
            link=record["link"],
            date=record["date"],
            stage=record["stage"],
            created_at=now,
            history=[StageChange(stage=s["stage"], date=s["date"]) for s in _steps(record)],
        )

    return _add_new(session, "applications", records, stored, keys, build, summary)


def _rejections(
    session: Session,
    user: User,
    now: datetime,
    records: list[dict],
    applications: dict[int, int],
    summary: Counter,
) -> dict[int, int]:
    """Add the rejections, linked to their applications; {export-local id: stored id}."""
    fields = ("date", "company", "role", "stage", "note")
    stored = [
        ((*(getattr(r, f) for f in fields), r.application_id), r.id)
        for r in queries.rejections_of_user(session, user.id)
    ]
    keys = [(*(r[f] for f in fields), applications.get(r["application_id"])) for r in records]

    def build(record: dict) -> Rejection:
        values = {f: record[f] for f in fields}
        link = applications.get(record["application_id"])
        return Rejection(user_id=user.id, **values, created_at=now, application_id=link)

    return _add_new(session, "rejections", records, stored, keys, build, summary)


def _breaks(session: Session, user: User, records: list[dict], summary: Counter) -> None:
    stored = [((b.start, b.end, b.note), b.id) for b in queries.breaks_of_user(session, user.id)]
    keys = [(r["start"], r["end"], r["note"]) for r in records]
    _add_new(
        session, "breaks", records, stored, keys, lambda r: Break(user_id=user.id, **r), summary
    )


def _practice(
    session: Session, user: User, now: datetime, records: list[dict], summary: Counter
) -> None:
    fields = ("date", "item_id", "rating", "note")
    stored = [
        (tuple(getattr(p, f) for f in fields), p.id)
        for p in queries.practice_sessions_of_user(session, user.id)
    ]
    keys = [tuple(r[f] for f in fields) for r in records]

    def build(record: dict) -> PracticeSession:
        return PracticeSession(user_id=user.id, **record, created_at=now)

    _add_new(session, "practice_sessions", records, stored, keys, build, summary)


def _reflections(
    session: Session,
    user: User,
    now: datetime,
    records: list[dict],
    rejections: dict[int, int],
    summary: Counter,
) -> None:
    fields = ("date", "text", "prompt")
    stored = [
        ((*(getattr(r, f) for f in fields), r.rejection_id), r.id)
        for r in queries.reflections_of_user(session, user.id)
    ]
    keys = [(*(r[f] for f in fields), rejections.get(r["rejection_id"])) for r in records]

    def build(record: dict) -> Reflection:
        values = {f: record[f] for f in fields}
        link = rejections.get(record["rejection_id"])
        return Reflection(user_id=user.id, **values, rejection_id=link, created_at=now)

    _add_new(session, "reflections", records, stored, keys, build, summary)


def _questions(
    session: Session,
    user: User,
    now: datetime,
    records: list[dict],
    rejections: dict[int, int],
    summary: Counter,
) -> None:
    """Own practice questions: one already on the list with the same text is that one (the
    list keeps each text once, whichever debrief it came from)."""
    stored = [(q.text, q.id) for q in queries.practice_questions_of_user(session, user.id)]
    keys = [r["text"] for r in records]

    def build(record: dict) -> PracticeQuestion:
        link = rejections.get(record["rejection_id"])
        return PracticeQuestion(
            user_id=user.id, text=record["text"], rejection_id=link, created_at=now
        )

    _add_new(session, "practice_questions", records, stored, keys, build, summary)


def _reminders(
    session: Session, user: User, now: datetime, records: list[dict], summary: Counter
) -> None:
    """The file's reminder rules replace the account's (kinds it leaves out stay as set)."""
    items = [
        {**r, "time": time(int(r["time"][:2]), int(r["time"][3:]))} for r in records
    ]  # "HH:MM", already checked
    reminders.put_rules(session, user, now, items)
    summary["reminders"] += len(items)
