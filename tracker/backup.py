"""Backups of the database: SQLite's online backup API, or pg_dump for PostgreSQL.

A SQLite backup copies the live file through `sqlite3.Connection.backup` in one step, which
reads a consistent snapshot while the app goes on writing (WAL mode lets it), into a
`.partial` file renamed once complete, so a crash never leaves a half backup that looks
whole. PostgreSQL is dumped by `pg_dump --format=custom` (restore with pg_restore); the
password goes through PGPASSWORD, never the command line. Nothing here reads the clock: the
caller (the CLI, the reminder process) passes `now`.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url

PREFIX = "bring-it-on-"
KEEP = 7
_NAME = re.compile(re.escape(PREFIX) + r"[0-9]{8}-[0-9]{6}(-[0-9]+)?\.(sqlite3|dump)")
PG_DUMP_TIMEOUT_S = 3600
log = logging.getLogger(__name__)


class BackupError(RuntimeError):
    """A backup could not be made; the message says why and what to do."""


def directory_of(config: Mapping, instance_path: str) -> Path:
    """Where backups go: BACKUP_DIR, or `backups/` in the instance folder."""
    return Path(config.get("BACKUP_DIR") or Path(instance_path) / "backups")


def _target(directory: Path, now: datetime, suffix: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)  # backups hold everyone's data
    stamp = now.strftime("%Y%m%d-%H%M%S")
    path, n = directory / f"{PREFIX}{stamp}.{suffix}", 1
    while path.exists() or path.with_name(path.name + ".partial").exists():
        n += 1
        path = directory / f"{PREFIX}{stamp}-{n}.{suffix}"
    return path


def backup_sqlite(source: Path, directory: Path, now: datetime) -> Path:
    """Copy the SQLite database at `source` into `directory` while it stays in use.

    The copy is checked (`PRAGMA quick_check`) before it gets its final name; the file is
    readable by its owner only. Raises BackupError when the source is missing or the copy
    is damaged.
    """
    if not source.is_file():
        raise BackupError(f"There is no database file at {source}.")
    path = _target(directory, now, "sqlite3")
    partial = path.with_name(path.name + ".partial")
    # Not mode=ro: a read-only connection cannot open a WAL database whose -shm file is gone
    # (the app stopped); this connection only ever reads.
    live = sqlite3.connect(source)
    copy = sqlite3.connect(partial)
    try:
        live.execute("PRAGMA busy_timeout = 5000")
        live.backup(copy)  # all pages in one step: one consistent snapshot
        verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        copy.close()
        live.close()
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"The copy did not pass SQLite's check: {verdict}")
    partial.chmod(0o600)
    os.replace(partial, path)
    return path


def _libpq(url: URL) -> tuple[list[str], dict[str, str]]:
    """pg_dump's connection options and environment for a SQLAlchemy URL."""
    options = [f"--dbname={url.database}"]
    if url.host:
        options.append(f"--host={url.host}")
    if url.port:
        options.append(f"--port={url.port}")
    if url.username:
        options.append(f"--username={url.username}")
    env = {"PGPASSWORD": url.password} if url.password else {}
    return options, env


def pg_dump_command(database_url: str, path: Path) -> tuple[list[str], dict[str, str]]:
    """The pg_dump command (and the environment with the password) that dumps the database
    to `path` in pg_dump's custom format."""
    options, env = _libpq(make_url(database_url))
    return ["pg_dump", "--format=custom", "--no-owner", f"--file={path}", *options], env


def backup_postgresql(database_url: str, directory: Path, now: datetime) -> Path:
    """Dump the PostgreSQL database into `directory` with pg_dump.

    Raises BackupError when pg_dump is not installed (the message holds the command to run
    where it is) or when it fails.
    """
    path = _target(directory, now, "dump")
    partial = path.with_name(path.name + ".partial")
    command, env = pg_dump_command(database_url, partial)
    if shutil.which("pg_dump") is None:
        shown, _ = pg_dump_command(database_url, path)
        raise BackupError(
            "pg_dump is not installed here. Run it where it is, for example:\n  "
            + ("PGPASSWORD=… " if env else "")
            + " ".join(shown)
        )
    done = subprocess.run(
        command,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=PG_DUMP_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {done.stderr.strip()[:500]}")
    partial.chmod(0o600)
    os.replace(partial, path)
    return path


def backup(database_url: str, directory: Path, now: datetime) -> Path:
    """Back up the database at `database_url` into `directory`; the path of the new backup.

    Names are `bring-it-on-YYYYMMDD-HHMMSS.sqlite3` (or `.dump`), `now` in UTC. Raises
    BackupError when it cannot be done (an in-memory SQLite database, no pg_dump).
    """
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise BackupError("An in-memory database cannot be backed up.")
        return backup_sqlite(Path(url.database), directory, now)
    if url.get_backend_name() == "postgresql":
        return backup_postgresql(database_url, directory, now)
    raise BackupError(f"Backups of {url.get_backend_name()} are not supported.")


def prune(directory: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest `keep` backups in `directory` (by the time in their names);
    the paths deleted. Other files are never touched."""
    backups = sorted(
        (p for p in directory.iterdir() if _NAME.fullmatch(p.name)),
        key=lambda p: (p.name.removeprefix(PREFIX)[:15], p.stat().st_mtime),
    )
    old = backups[: max(0, len(backups) - keep)]
    for path in old:
        path.unlink()
    return old


def daily(database_url: str, directory: Path, now: datetime, keep: int = KEEP) -> Path | None:
    """The reminder process's daily backup: back up, then keep the newest `keep`.

    Never raises: a backup that cannot be made is logged as an error (and the older backups
    are kept), so the reminders go on.
    """
    try:
        path = backup(database_url, directory, now)
    except (BackupError, OSError, sqlite3.Error, subprocess.SubprocessError) as error:
        log.error("backup failed", extra={"reason": str(error)[:500]})
        return None
    removed = prune(directory, keep)
    log.info("backup made", extra={"path": str(path), "removed": len(removed)})
    return path
