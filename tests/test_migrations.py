"""The Alembic revisions build the same schema as the models, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

SCHEMA = "migration_check"


@pytest.fixture
def empty_database(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgresql"):
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        separator = "&" if "?" in url else "?"
        yield f"{url}{separator}options=-csearch_path%3D{SCHEMA}"
        with engine.connect() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        engine.dispose()
    else:
        yield f"sqlite:///{tmp_path}/migrated.sqlite3"


def _flask(*args: str, url: str, instance: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "INSTANCE_PATH": instance}
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "tracker", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def upgraded_from(revision: str, url: str, instance: str, seed) -> None:
    """Upgrade an empty database to `revision`, let `seed(url)` write rows as they were then,
    and upgrade to the newest revision."""
    assert _flask("db", "upgrade", revision, url=url, instance=instance).returncode == 0
    seed(url)
    upgrade = _flask("db", "upgrade", url=url, instance=instance)
    assert upgrade.returncode == 0, upgrade.stderr


def read_rows(url: str, query: str) -> list[tuple]:
    """The rows `query` reads from the database at `url`, as tuples."""
    engine = create_engine(url)
    with engine.connect() as db:
        rows = [tuple(row) for row in db.execute(text(query))]
    engine.dispose()
    return rows


def test_upgrade_on_an_empty_database_matches_the_models(empty_database, tmp_path):
    upgrade = _flask("db", "upgrade", url=empty_database, instance=str(tmp_path))
    assert upgrade.returncode == 0, upgrade.stderr
    check = _flask("db", "check", url=empty_database, instance=str(tmp_path))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No new upgrade operations detected" in check.stdout + check.stderr


def test_upgrade_twice_is_harmless(empty_database, tmp_path):
    for _ in range(2):
        result = _flask("db", "upgrade", url=empty_database, instance=str(tmp_path))
        assert result.returncode == 0, result.stderr


def test_a_downgrade_keeps_account_ids_from_being_reused(empty_database, tmp_path):
    """Revisions since 0008 drop a column of `users` on the way down; on SQLite that rebuilds
    the table, which must keep the AUTOINCREMENT revision 0005 gave it."""
    instance = str(tmp_path)
    assert _flask("db", "upgrade", url=empty_database, instance=instance).returncode == 0
    down = _flask("db", "downgrade", "0007", url=empty_database, instance=instance)
    assert down.returncode == 0, down.stderr
    if empty_database.startswith("sqlite"):
        query = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'"
        assert "AUTOINCREMENT" in read_rows(empty_database, query)[0][0]
    columns = "SELECT * FROM users WHERE 0 = 1"
    engine = create_engine(empty_database)
    with engine.connect() as db:
        names = set(db.execute(text(columns)).keys())
    engine.dispose()
    assert not names & {"history_version", "checkpoints_stale_from", "calendar_feed_hash"}


def test_deliveries_recorded_before_0011_keep_their_user_and_kind(empty_database, tmp_path):
    """Revision 0011 lets a delivery be about an interview instead of a rule's slot: the
    deliveries already recorded take their user and kind from their rule."""

    def seed(url: str) -> None:
        engine = create_engine(url)
        with engine.begin() as db:
            db.execute(
                text(
                    "INSERT INTO users (id, email, password_hash, timezone, created_at)"
                    " VALUES (7, 'a@example.com', 'x', 'Europe/Berlin', '2026-03-18 12:00:00')"
                )
            )
            db.execute(
                text(
                    "INSERT INTO reminder_rules (id, user_id, kind, local_time, weekday_mask,"
                    " enabled, timezone, updated_at) VALUES (3, 7, 'nudge', '19:00:00', 127,"
                    " true, 'Europe/Berlin', '2026-03-18 12:00:00')"
                )
            )
            db.execute(
                text(
                    "INSERT INTO push_deliveries (rule_id, slot, local_date, status, created_at)"
                    " VALUES (3, '2026-03-18 18:00:00', '2026-03-18', 'queued',"
                    " '2026-03-18 18:00:00')"
                )
            )
        engine.dispose()

    upgraded_from("0010", empty_database, str(tmp_path), seed)
    query = "SELECT user_id, kind, rule_id, subject FROM push_deliveries"
    assert read_rows(empty_database, query) == [(7, "nudge", 3, None)]
