"""The user of the streaks benchmark: three years of history (3 goals, ~80 % of days done, some
skipped days, about one rejection a month, two breaks), built through the app's own services
and models."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert

from tracker.core.days import local_date
from tracker.extensions import db
from tracker.models import Break, Entry, Rejection
from tracker.services import accounts

PASSWORD = "correct horse battery staple"
BREAKS = ((200, 7), (640, 14))  # (days after the start, length in days)


def _day_rows(goal_ids: list[int], day: date, rng: random.Random, now: datetime) -> list[dict]:
    """Entries of one date: 80 % done days, 5 % all skipped, 15 % missed (some 0 entries)."""
    roll = rng.random()
    rows = []
    for n, goal_id in enumerate(goal_ids):
        if roll < 0.80:  # a done day: the first goal always, the others mostly
            done = n == 0 or rng.random() < 0.85
            value, skipped = (1, False) if done else (0, rng.random() < 0.3)
        elif roll < 0.85:
            value, skipped = 0, True
        elif rng.random() < 0.8:  # opened the app, did not do it
            value, skipped = 0, False
        else:
            continue
        rows.append(
            {
                "goal_id": goal_id,
                "date": day,
                "value": value,
                "skipped": skipped,
                "note": "",
                "updated_at": now,
            }
        )
    return rows


def build_user(years: int, seed: int) -> tuple[str, dict[str, int]]:
    """Create the user and its history (inside an app context); (API token, row counts)."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    today = local_date(now, "UTC")
    start = today - timedelta(days=365 * years)
    session = db.session
    user = accounts.create_account(session, "streaks@example.com", PASSWORD, "UTC", start, now)
    session.flush()
    goal_ids = [goal.id for goal in user.goals]
    paused = {
        start + timedelta(days=offset + n) for offset, length in BREAKS for n in range(length)
    }
    entries: list[dict] = []
    day = start
    while day < today:  # today stays open, as when someone looks before checking in
        if day not in paused:
            entries.extend(_day_rows(goal_ids, day, rng, now))
        day += timedelta(days=1)
    rejections = [
        start + timedelta(days=month * 30 + rng.randrange(30)) for month in range(12 * years)
    ]
    session.execute(insert(Entry), entries)
    session.add_all(
        Rejection(user_id=user.id, date=d, company="Acme", role="Engineer", created_at=now)
        for d in rejections
        if d < today
    )
    session.add_all(
        Break(
            user_id=user.id,
            start=start + timedelta(days=offset),
            end=start + timedelta(days=offset + length - 1),
            note="holiday",
        )
        for offset, length in BREAKS
    )
    _, token = accounts.issue_token(session, user, "bench", now)
    session.commit()
    counts = {"goals": len(goal_ids), "entries": len(entries), "breaks": len(BREAKS)}
    counts["rejections"] = sum(d < today for d in rejections)
    return token, counts
