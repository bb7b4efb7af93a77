"""Reads for exporting a whole account (an import writes with queries.imports.put_entries)."""

from __future__ import annotations

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from tracker.models import Entry, Goal


def entries_by_goal(session: Session, user_id: int) -> dict[int, list[Row]]:
    """Every entry of the user, grouped by goal id, each list by date, as plain rows (goal_id,
    date, value, skipped, note): an export reads them all once, so no ORM objects are built."""
    entries, goals = Entry.__table__.c, Goal.__table__.c
    rows = session.execute(
        select(entries.goal_id, entries.date, entries.value, entries.skipped, entries.note)
        .join_from(Entry.__table__, Goal.__table__, entries.goal_id == goals.id)
        .where(goals.user_id == user_id)
        .order_by(entries.goal_id, entries.date)
    )
    grouped: dict[int, list[Row]] = {}
    for entry in rows:
        grouped.setdefault(entry.goal_id, []).append(entry)
    return grouped
