"""Taking your data with you: the whole account as one document, and entries as CSV rows.

The document's shape is format version 1 of docs/export.md. Lists run oldest first (by date,
then in the order they were logged), so importing them in file order keeps every list in the
same order as before.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from tracker import queries
from tracker.models import Application, Goal, Interview, Rejection, User
from tracker.services import reminders

FORMAT = "bring-it-on"
VERSION = 1
CSV_HEADER = ("date", "goal_id", "category", "goal", "target", "value", "skipped", "done", "note")


def _by_date(rows: list) -> list:
    return sorted(rows, key=lambda row: (row.date, row.id))


def _goal(goal: Goal, entries: list) -> dict:
    return {
        "category": goal.category,
        "title": goal.title,
        "target": goal.target,
        "weekdays": goal.weekdays,
        "created_on": goal.created_on,
        "archived_on": goal.archived_on,
        "entries": [
            {"date": e.date, "value": e.value, "skipped": e.skipped, "note": e.note}
            for e in entries
        ],
    }


def _application(local_id: int, application: Application) -> dict:
    return {
        "id": local_id,
        "company": application.company,
        "role": application.role,
        "link": application.link,
        "date": application.date,
        "stage": application.stage,
        "notes": application.notes,
        "contact": application.contact,
        "location": application.location,
        "history": [{"stage": s.stage, "date": s.date} for s in application.history],
    }


def _rejection(local_id: int, rejection: Rejection, applications: dict[int, int]) -> dict:
    return {
        "id": local_id,
        "date": rejection.date,
        "company": rejection.company,
        "role": rejection.role,
        "stage": rejection.stage,
        "note": rejection.note,
        "application_id": applications.get(rejection.application_id),
    }


def _interview(interview: Interview, applications: dict[int, int]) -> dict:
    return {
        "application_id": applications[interview.application_id],
        "starts_at": interview.starts_at,
        "duration_minutes": interview.duration_minutes,
        "kind": interview.kind,
        "location": interview.location,
        "notes": interview.notes,
        "outcome": interview.outcome,
        "debrief": interview.debrief,
        "plan": interview.plan,
    }


def export_account(session: Session, user: User, now: datetime) -> dict:
    """Everything the user owns, as the export document (never the password hash, tokens,
    the calendar feed's secret, or push subscriptions, which belong to a device). Links
    between records use export-local ids (1, 2, … per list)."""
    entries = queries.entries_by_goal(session, user.id)
    applications = _by_date(queries.applications_of_user(session, user.id))
    application_ids = {a.id: n for n, a in enumerate(applications, 1)}
    rejections = _by_date(queries.rejections_of_user(session, user.id))
    rejection_ids = {r.id: n for n, r in enumerate(rejections, 1)}
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.isoformat().replace("+00:00", "Z"),
        "account": {"email": user.email, "timezone": user.timezone},
        "goals": [_goal(g, entries.get(g.id, [])) for g in queries.goals_of_user(session, user.id)],
        "breaks": [
            {"start": b.start, "end": b.end, "note": b.note}
            for b in sorted(queries.breaks_of_user(session, user.id), key=lambda b: (b.start, b.id))
        ],
        "applications": [_application(application_ids[a.id], a) for a in applications],
        "interviews": [
            _interview(i, application_ids)
            for i in queries.interviews_between(session, user.id, None, None)
        ],
        "rejections": [_rejection(rejection_ids[r.id], r, application_ids) for r in rejections],
        "practice_sessions": [
            {"date": p.date, "item_id": p.item_id, "rating": p.rating, "note": p.note}
            for p in _by_date(queries.practice_sessions_of_user(session, user.id))
        ],
        "reflections": [
            {
                "date": r.date,
                "text": r.text,
                "prompt": r.prompt,
                "rejection_id": rejection_ids.get(r.rejection_id),
            }
            for r in _by_date(queries.reflections_of_user(session, user.id))
        ],
        "practice_questions": [
            {"text": q.text, "rejection_id": rejection_ids.get(q.rejection_id)}
            for q in reversed(queries.practice_questions_of_user(session, user.id))
        ],
        "reminders": reminders.list_rules(session, user),
    }


def entry_rows(session: Session, user: User) -> list[tuple]:
    """One row per entry for the CSV export, in CSV_HEADER's order, by date then goal id.

    `done` and `skipped` are "true"/"false"; notes are kept as written (the CSV writer quotes
    them).
    """
    goals = {g.id: g for g in queries.goals_of_user(session, user.id)}
    rows = []
    for goal_id, entries in queries.entries_by_goal(session, user.id).items():
        goal = goals[goal_id]
        for e in entries:
            done = not e.skipped and e.value >= goal.target
            rows.append(
                (
                    e.date.isoformat(),
                    goal.id,
                    goal.category,
                    goal.title,
                    goal.target,
                    e.value,
                    _flag(e.skipped),
                    _flag(done),
                    e.note,
                )
            )
    rows.sort(key=lambda row: (row[0], row[1]))
    return rows


def _flag(value: bool) -> str:
    return "true" if value else "false"
