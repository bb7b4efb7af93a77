"""Streak checkpoints in the database: stored after a read, used by the next, forgotten by
every write that changes a day they cover, and never stored from a read that a write
overtook. (That a read going on from one equals a whole walk is checked on every read of
the suite: tests/conftest.py turns services.history.CHECK_WHOLE_WALK on.)

These tests commit: a checkpoint is stored on a connection of its own, which sees only
committed rows (the tables are emptied after each test all the same).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update

from tests.services.conftest import NOW, TODAY, days_ago
from tracker import queries
from tracker.core.checkpoint import ENGINE_VERSION
from tracker.extensions import db
from tracker.models import StreakCheckpoint, User
from tracker.services import accounts, goals, history, journal, removals

YESTERDAY = days_ago(1)


def read(session, user: User, today: date = TODAY, **options) -> history.History:
    """A read as a request makes it (the user read afresh), and the store its response
    triggers."""
    session.refresh(user)
    found = history.load_history(session, user, today, **options)
    waiting = history.waiting_checkpoints(session)
    session.commit()
    if waiting is not None:
        store(waiting)
    return found


def store(waiting: tuple) -> bool:
    """The store a response triggers (tracker/web/http/checkpoints.py)."""
    with db.engine.connect() as connection:
        stored = history.store_checkpoints(connection, waiting)
        connection.commit()
    return stored


def days(session, user: User) -> list[date]:
    session.commit()
    return stored_days(session, user.id)


def stored_days(session, user_id: int) -> list[date]:
    """The days the user has a usable checkpoint of: written by this engine, and not made
    stale by a write since (before the user's `checkpoints_stale_from`)."""
    stale = session.scalar(select(User.checkpoints_stale_from).where(User.id == user_id))
    mine = (StreakCheckpoint.user_id == user_id) & (StreakCheckpoint.engine == ENGINE_VERSION)
    found = session.scalars(select(StreakCheckpoint.through).where(mine))
    return sorted(day for day in found if stale is None or day < stale)


def all_stored_days(session, user_id: int) -> list[date]:
    """Every checkpoint row of the user, usable or not."""
    return sorted(
        session.scalars(select(StreakCheckpoint.through).where(StreakCheckpoint.user_id == user_id))
    )


def checked_in(session, user: User, *back: int) -> None:
    for n in back:
        goal = queries.goals_of_user(session, user.id)[0]
        goals.check_in(session, user, goal.id, days_ago(n), TODAY, NOW)
    session.commit()


def first_goal(session, user: User):
    return queries.goals_of_user(session, user.id)[0]


@pytest.fixture
def walked(session, user) -> User:
    """A user with check-ins all week, whose history was read once (checkpoints stored)."""
    checked_in(session, user, *range(7, 0, -1))
    read(session, user)
    return user


def test_a_read_stores_yesterday_and_the_anchor_days_it_walked(session, walked):
    anchors = [d for d in (days_ago(n) for n in range(2, 8)) if d.toordinal() % 28 == 0]
    assert days(session, walked) == [*anchors, YESTERDAY]


def test_the_next_read_walks_only_the_days_after_the_checkpoint(session, walked, monkeypatch):
    monkeypatch.setattr(history, "CHECK_WHOLE_WALK", False)  # it reads everything
    asked = []
    real = queries.entry_specs_of_user
    monkeypatch.setattr(queries, "entry_specs_of_user", lambda *a: asked.append(a[-1]) or real(*a))
    again = read(session, walked)
    assert asked == [TODAY]  # the entries of today only
    assert again.result.day.current == 7
    assert days(session, walked)[-1] == YESTERDAY


def test_a_calendar_reads_the_entries_from_its_first_day(session, walked, monkeypatch):
    monkeypatch.setattr(history, "CHECK_WHOLE_WALK", False)  # it reads everything
    asked = []
    real = queries.entry_specs_of_user
    monkeypatch.setattr(queries, "entry_specs_of_user", lambda *a: asked.append(a[-1]) or real(*a))
    found = read(session, walked, calendar_from=days_ago(5))
    assert asked == [days_ago(5)]
    shown = history.calendar_days(found, days_ago(5), TODAY)
    assert [bool(day.done_goal_ids) for day in shown] == [True] * 5 + [False]


def test_a_back_filled_day_forgets_the_checkpoints_from_that_day(session, walked):
    kept = days(session, walked)
    goal = queries.goals_of_user(session, walked.id)[1]
    goals.check_in(session, walked, goal.id, days_ago(3), TODAY, NOW)
    assert days(session, walked) == [d for d in kept if d < days_ago(3)]


def test_forgetting_keeps_the_earliest_stale_day(session, walked):
    kept = days(session, walked)
    goal = first_goal(session, walked)
    for back in (2, 5, 1):
        goals.check_in(session, walked, goal.id, days_ago(back), TODAY, NOW)
    session.commit()
    stale = session.scalar(select(User.checkpoints_stale_from).where(User.id == walked.id))
    assert stale == days_ago(5)
    assert stored_days(session, walked.id) == [d for d in kept if d < days_ago(5)]


def test_the_next_store_deletes_the_stale_checkpoints(session, walked):
    goal = first_goal(session, walked)
    goals.check_in(session, walked, goal.id, days_ago(3), TODAY, NOW)
    session.commit()
    assert all_stored_days(session, walked.id)[-1] == YESTERDAY  # kept, but passed over
    read(session, walked)  # from the checkpoint before that day (and checked against a walk)
    session.refresh(walked)
    assert walked.checkpoints_stale_from is None
    assert all_stored_days(session, walked.id) == stored_days(session, walked.id)
    assert stored_days(session, walked.id)[-1] == YESTERDAY


def test_a_check_in_for_today_keeps_every_checkpoint(session, walked):
    kept = days(session, walked)
    version = walked.history_version
    checked_in(session, walked, 0)
    assert days(session, walked) == kept
    session.refresh(walked)
    assert walked.history_version == version


@pytest.mark.parametrize(
    "write",
    [
        lambda s, u: journal.log_rejection(s, u, TODAY, NOW, date=days_ago(2)),
        lambda s, u: journal.add_break(s, u, start=days_ago(2), end=TODAY),
        lambda s, u: goals.update_goal(s, first_goal(s, u), TODAY, {"target": 2}),
        lambda s, u: goals.update_goal(s, first_goal(s, u), TODAY, {"weekdays": [1]}),
        lambda s, u: goals.delete_goal(s, queries.goals_of_user(s, u.id)[2]),
        lambda s, u: journal.delete_rejection(
            s, u, journal.log_rejection(s, u, TODAY, NOW, date=TODAY).id, NOW
        ),
        lambda s, u: accounts.set_timezone(s, u, "America/Los_Angeles", NOW),
    ],
    ids=["rejection", "break", "target", "schedule", "goal deleted", "removal", "time zone"],
)  # fmt: skip
def test_a_write_that_changes_a_past_day_forgets_from_it(session, walked, write):
    write(session, walked)
    assert [d for d in days(session, walked) if d >= days_ago(2)] == []
    read(session, walked)  # and the next read is a whole walk again, checked against one


def test_undoing_a_removal_forgets_the_checkpoints_too(session, walked):
    rejection = journal.log_rejection(session, walked, TODAY, NOW, date=TODAY)
    removal = journal.delete_rejection(session, walked, rejection.id, NOW)
    session.commit()
    read(session, walked)
    assert days(session, walked)
    removals.restore(session, walked, removal.id, NOW)
    assert days(session, walked) == []


def test_a_renamed_goal_keeps_the_checkpoints(session, walked):
    kept = days(session, walked)
    goals.update_goal(session, queries.goals_of_user(session, walked.id)[0], TODAY, {"title": "x"})
    assert days(session, walked) == kept


def test_a_read_overtaken_by_a_write_stores_nothing(session, user):
    checked_in(session, user, 3, 2, 1)
    history.load_history(session, user, TODAY)
    waiting = history.waiting_checkpoints(session)
    session.rollback()
    # Another request back-fills a day the waiting checkpoints cover, and commits first.
    goal = queries.goals_of_user(session, user.id)[0]
    goals.remove_entry(session, user, goal.id, days_ago(2), TODAY)
    session.commit()
    assert store(waiting) is False
    assert days(session, user) == []
    read(session, user)
    assert days(session, user)[-1] == YESTERDAY


def test_strengths_on_older_dates_go_on_from_the_anchor_before_them(session, user):
    checked_in(session, user, *range(7, 0, -1))
    read(session, user)
    dates = [days_ago(6), days_ago(3), TODAY]
    found = read(session, user, strengths_on=dates)
    assert sorted(found.result.strengths_on) == dates


def test_checkpoints_of_another_engine_or_unreadable_are_not_used(session, walked):
    session.execute(update(StreakCheckpoint).values(state="not json"))
    session.commit()
    read(session, walked)  # an unreadable one: a whole walk, which replaces it
    stored = session.scalars(select(StreakCheckpoint.state)).all()
    assert "not json" not in stored
    session.execute(update(StreakCheckpoint).values(engine="0" * 16))
    session.commit()
    assert days(session, walked) == []  # another engine's are not this one's
    read(session, walked)
    engines = set(session.scalars(select(StreakCheckpoint.engine)))
    assert engines == {ENGINE_VERSION}  # and the store deletes them


def test_a_history_without_a_past_day_keeps_no_checkpoint(session, user):
    read(session, user, today=user.goals[0].created_on)
    assert days(session, user) == []


def test_account_deletion_takes_the_checkpoints_along(session, walked):
    user_id = walked.id
    accounts.delete_account(session, walked)
    session.commit()
    assert stored_days(session, user_id) == []
