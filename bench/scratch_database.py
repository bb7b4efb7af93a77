"""A database for one benchmark run: a fresh SQLite file, or a schema of its own in PostgreSQL."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def scratch_database(url: str | None, tmp: Path, name: str) -> Iterator[str]:
    """Yield a database URL: `tmp/<name>.sqlite3` without `url`, else a throw-away schema
    (dropped afterwards) in the PostgreSQL database at `url`."""
    if not url:
        yield f"sqlite:///{tmp / f'{name}.sqlite3'}"
        return
    from sqlalchemy import create_engine, text

    schema = f"bench_{name}_{os.getpid()}_{int(time.time() * 1000)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
