"""`flask --app tracker backup` and the daily backup: consistent copies, the newest seven kept."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tracker import backup, create_app, scheduler
from tracker.extensions import db

NOW = datetime(2026, 3, 18, 3, 17, tzinfo=UTC)


@pytest.fixture
def sqlite_app(tmp_path):
    """An app on a SQLite file of its own (whatever DATABASE_URL the suite runs on)."""
    path = tmp_path / "live.sqlite3"
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "SECRET_KEY": "test-secret-key-of-decent-length",
        }
    )
    with app.app_context():
        db.create_all()
        db.session.execute(
            text(
                "INSERT INTO users (id, email, password_hash, timezone, created_at) "
                "VALUES (1, 'a@example.com', 'x', 'UTC', :now)"
            ),
            {"now": NOW},
        )
        for goal in (1, 2):
            db.session.execute(
                text(
                    "INSERT INTO goals (id, user_id, category, title, target, weekday_mask, "
                    "created_on) VALUES (:id, 1, 'apply', 'g', 1, 127, '2026-01-01')"
                ),
                {"id": goal},
            )
        db.session.commit()
        db.engine.dispose()
    yield app, path


def _write_pairs(path: Path, stop: threading.Event, written: list[int]) -> None:
    """Write entries two at a time, one per goal for the same date, in one transaction each."""
    connection = sqlite3.connect(path, timeout=10, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    day = datetime(2001, 1, 1).date()
    n = 0
    while not stop.is_set() and n < 5000:
        connection.execute("BEGIN IMMEDIATE")
        for goal in (1, 2):
            connection.execute(
                "INSERT INTO entries (goal_id, date, value, skipped, note, updated_at) "
                "VALUES (?, ?, 1, 0, '', '2026-03-18 00:00:00')",
                (goal, (day + timedelta(days=n)).isoformat()),
            )
        connection.execute("COMMIT")
        n += 1
        written.append(n)
    connection.close()


def test_a_backup_taken_while_the_app_writes_is_a_consistent_snapshot(sqlite_app, tmp_path):
    _, live = sqlite_app
    stop, written = threading.Event(), []
    writer = threading.Thread(target=_write_pairs, args=(live, stop, written))
    writer.start()
    made, sizes = [], []
    try:
        while len(written) < 20:
            threading.Event().wait(0.01)
        for n in range(5):
            made.append(backup.backup(f"sqlite:///{live}", tmp_path / "b", NOW + timedelta(n)))
    finally:
        stop.set()
        writer.join()
    for path in made:
        copy = sqlite3.connect(path)
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        per_goal = dict(copy.execute("SELECT goal_id, COUNT(*) FROM entries GROUP BY goal_id"))
        assert per_goal[1] == per_goal[2], "a transaction was copied in half"
        sizes.append(per_goal[1])
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        copy.close()
        assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert sizes == sorted(sizes) and sizes[0] >= 20
    assert not list((tmp_path / "b").glob("*.partial"))


def test_the_cli_backs_up_and_the_copy_holds_the_data(sqlite_app, tmp_path):
    app, _ = sqlite_app
    result = app.test_cli_runner().invoke(args=["backup", "--dir", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    (path,) = (tmp_path / "out").iterdir()
    assert result.output.strip() == f"backup: {path}"
    assert path.name.startswith("bring-it-on-") and path.suffix == ".sqlite3"
    copy = create_engine(f"sqlite:///{path}")
    with copy.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM goals")).scalar() == 2
    copy.dispose()


def test_the_cli_keeps_the_newest_when_asked(sqlite_app, tmp_path):
    app, _ = sqlite_app
    out = tmp_path / "out"
    out.mkdir()
    for day in range(1, 5):
        (out / f"bring-it-on-202601{day:02d}-031700.sqlite3").write_text("old")
    result = app.test_cli_runner().invoke(args=["backup", "--dir", str(out), "--keep", "2"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir())[0] == "bring-it-on-20260104-031700.sqlite3"
    assert len(list(out.iterdir())) == 2


def test_prune_keeps_the_newest_seven_and_touches_nothing_else(tmp_path):
    for day in range(1, 11):
        (tmp_path / f"bring-it-on-202603{day:02d}-031700.sqlite3").write_text("x")
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "bring-it-on-latest.sqlite3").write_text("mine too")
    removed = backup.prune(tmp_path)
    assert [p.name[12:20] for p in removed] == ["20260301", "20260302", "20260303"]
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "notes.txt" in names and "bring-it-on-latest.sqlite3" in names and len(names) == 9


def test_the_daily_job_backs_up_and_keeps_seven(sqlite_app, tmp_path):
    app, _ = sqlite_app
    app.config["BACKUP_DIR"] = str(tmp_path / "daily")
    for day in range(9):
        backup.daily(
            app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "daily", NOW + timedelta(day)
        )
    kept = sorted(p.name for p in (tmp_path / "daily").iterdir())
    assert len(kept) == 7 and kept[0] == "bring-it-on-20260320-031700.sqlite3"
    job = next(
        j
        for j in scheduler.jobs(app, threading.Event(), threading.Lock())
        if j["id"] == "daily-backup"
    )
    assert (job["trigger"], job["hour"]) == ("cron", 3)


def test_a_daily_backup_that_fails_is_logged_and_the_old_ones_stay(tmp_path, caplog):
    (tmp_path / "bring-it-on-20260301-031700.sqlite3").write_text("x")
    missing = f"sqlite:///{tmp_path / 'gone.sqlite3'}"
    assert backup.daily(missing, tmp_path, NOW) is None
    assert "backup failed" in caplog.text
    assert len(list(tmp_path.iterdir())) == 1


def test_an_in_memory_database_cannot_be_backed_up(tmp_path):
    with pytest.raises(backup.BackupError):
        backup.backup("sqlite://", tmp_path, NOW)


def test_without_pg_dump_the_cli_prints_the_command_and_fails(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://bio:s3cret@db.example:5433/bio",
            "SECRET_KEY": "test-secret-key-of-decent-length",
        }
    )
    result = app.test_cli_runner().invoke(args=["backup", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "pg_dump --format=custom --no-owner" in result.output
    assert "--host=db.example --port=5433 --username=bio" in result.output
    assert "s3cret" not in result.output  # the password goes through PGPASSWORD


def _fake_pg_dump(folder: Path, status: int = 0) -> None:
    """A pg_dump on PATH that writes its password (from the environment) and arguments."""
    folder.mkdir()
    script = folder / "pg_dump"
    script.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do case "$a" in --file=*) f="${a#--file=}";; esac; done\n'
        'printf "%s\\n" "$PGPASSWORD" "$@" > "$f"\n'
        f"echo 'connection refused' >&2; exit {status}\n"
    )
    script.chmod(0o755)


def test_pg_dump_gets_the_password_through_the_environment(monkeypatch, tmp_path):
    _fake_pg_dump(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    path = backup.backup("postgresql+psycopg://bio:s3cret@db.example/bio", tmp_path, NOW)
    assert path.name == "bring-it-on-20260318-031700.dump"
    password, *arguments = path.read_text().splitlines()
    assert password == "s3cret" and "s3cret" not in " ".join(arguments)
    assert "--dbname=bio" in arguments and "--format=custom" in arguments


def test_a_failing_pg_dump_leaves_no_half_backup(monkeypatch, tmp_path):
    _fake_pg_dump(tmp_path / "bin", status=1)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    with pytest.raises(backup.BackupError, match="connection refused"):
        backup.backup("postgresql+psycopg://bio@db.example/bio", tmp_path / "out", NOW)
    assert list((tmp_path / "out").iterdir()) == []


if os.environ.get("DATABASE_URL", "").startswith("postgresql"):

    def test_postgresql_is_dumped_with_pg_dump_and_restores(app, tmp_path):
        path = backup.backup(os.environ["DATABASE_URL"], tmp_path, NOW)
        assert path.suffix == ".dump" and path.stat().st_size > 0
        listing = subprocess.run(
            ["pg_restore", "--list", str(path)], capture_output=True, text=True, check=False
        )
        assert listing.returncode == 0 and "TABLE public entries" in listing.stdout
