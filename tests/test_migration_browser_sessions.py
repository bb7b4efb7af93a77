"""Revision 0005 adds browser sessions and, on SQLite, rebuilds `users` with AUTOINCREMENT:
every row and everything that points at it survives, and a deleted account's id is never
given to the next one."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.sql_rows import write_rows
from tests.test_migrations import (
    _flask,
    empty_database,  # noqa: F401 (a fixture)
    read_rows,
    upgraded_from,
)

AT = datetime(2026, 3, 17, 9, 0, tzinfo=UTC)
# No ids given: an empty database numbers them 1 and 2 (and PostgreSQL's sequence knows it).
USERS = (
    "INSERT INTO users (email, password_hash, timezone, created_at, session_version) "
    "VALUES ('a@example.com', 'x', 'UTC', :at, 0), ('b@example.com', 'x', 'UTC', :at, 3)"
)
# A goal for each user, and a check-in for each goal.
GOALS = (
    "INSERT INTO goals (user_id, category, title, target, weekday_mask, created_on) "
    "SELECT id, 'apply', 'Send one', 1, 127, '2026-03-01' FROM users ORDER BY id"
)
ENTRIES = (
    "INSERT INTO entries (goal_id, date, value, skipped, note, updated_at) "
    "SELECT id, '2026-03-02', 1, false, 'kept', :at FROM goals ORDER BY id"
)


def _seed(url: str) -> None:
    write_rows(url, (USERS, {"at": AT}), (GOALS, {}), (ENTRIES, {"at": AT}))


def test_upgrade_keeps_every_account_and_never_reuses_a_deleted_id(
    empty_database,  # noqa: F811
    tmp_path,
):
    url, instance = empty_database, str(tmp_path)
    upgraded_from("0004", url, instance, _seed)
    assert read_rows(url, "SELECT id, email FROM users ORDER BY id") == [
        (1, "a@example.com"),
        (2, "b@example.com"),
    ]
    assert read_rows(
        url,
        "SELECT g.user_id, e.note FROM entries e JOIN goals g ON g.id = e.goal_id"
        " ORDER BY g.user_id",
    ) == [(1, "kept"), (2, "kept")]
    assert read_rows(url, "SELECT count(*) FROM browser_sessions") == [(0,)]

    # The newest account goes; its rows go with it, and the next account gets a new id.
    write_rows(url, ("DELETE FROM users WHERE id = 2", {}))
    assert read_rows(url, "SELECT user_id FROM goals ORDER BY id") == [(1,)]
    write_rows(
        url,
        (
            "INSERT INTO users (email, password_hash, timezone, created_at) "
            "VALUES ('c@example.com', 'x', 'UTC', :at)",
            {"at": AT},
        ),
    )
    assert read_rows(url, "SELECT id FROM users WHERE email = 'c@example.com'") == [(3,)]

    downgrade = _flask("db", "downgrade", "0004", url=url, instance=instance)
    assert downgrade.returncode == 0, downgrade.stderr
    assert read_rows(url, "SELECT id, session_version FROM users ORDER BY id") == [(1, 0), (3, 0)]
    assert read_rows(url, "SELECT count(*) FROM entries") == [(1,)]
