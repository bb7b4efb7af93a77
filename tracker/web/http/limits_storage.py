"""Rate-limit counts in the app's own database: a storage for the `limits` library (under
Flask-Limiter), registered as `database://`, the default RATELIMIT_STORAGE_URI.

Every gunicorn worker, and every app server on the same database, sees the same counts, so
SPEC 6's limits stay exact with several processes and nothing else to run (Redis stays the
choice for many servers on a busy database). One row per hit: its key and when it stops
counting. The moving window of a key is its rows that still count; expired rows are deleted
as later hits come in.

Exact across processes: an acquire counts and inserts in one transaction that holds the key
alone: `BEGIN IMMEDIATE` on SQLite (one writer at a time), a transaction-scoped advisory lock
per key on PostgreSQL. So two processes can never both take the last slot.

Times are `time.time()` seconds, as `limits` itself counts.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager

from limits.storage import MovingWindowSupport, Storage
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    Index,
    Integer,
    String,
    Table,
    delete,
    exc,
    func,
    insert,
    select,
)

from tracker.extensions import db

SCHEME = "database"
PRUNE_LOCK = "tracker.limits:prune"  # one pruner at a time on PostgreSQL

hits = Table(
    "rate_limit_hits",
    db.metadata,
    Column("id", Integer, primary_key=True),
    Column("limit_key", String(255), nullable=False),
    Column("expires_at", Float, nullable=False),  # time.time() seconds
    Index("ix_rate_limit_hits_limit_key_expires_at", "limit_key", "expires_at"),
    Index("ix_rate_limit_hits_expires_at", "expires_at"),
)


def _lock_id(name: str) -> int:
    """A signed 64-bit number for pg_advisory_xact_lock, from the key's digest."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class DatabaseStorage(Storage, MovingWindowSupport):
    """`limits` storage on a SQLAlchemy engine (SQLite or PostgreSQL): moving windows, and the
    fixed-window calls on the same rows. Flask-Limiter builds it from the URI
    `database://`, with the app's engine in the storage options (`engine=`)."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(
        self, uri: str | None = None, wrap_exceptions: bool = False, *, engine: Engine, **_
    ):
        self.engine = engine
        self._sqlite = engine.dialect.name == "sqlite"
        super().__init__(uri, wrap_exceptions=wrap_exceptions)

    @property
    def base_exceptions(self) -> type[Exception]:
        return exc.SQLAlchemyError

    @contextmanager
    def _holding(self, key: str) -> Iterator[Connection]:
        """A transaction no other process can enter for `key` until it commits."""
        with self.engine.connect() as conn:
            if self._sqlite:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.execute(select(func.pg_advisory_xact_lock(_lock_id(key))))
            yield conn
            self._prune(conn)
            conn.commit()

    def _prune(self, conn: Connection) -> None:
        """Delete the rows that no longer count, of every key. On PostgreSQL only the holder
        of the prune lock does (two pruners could wait on each other's rows)."""
        if not self._sqlite:
            taken = select(func.pg_try_advisory_xact_lock(_lock_id(PRUNE_LOCK)))
            if not conn.scalar(taken):
                return
        conn.execute(delete(hits).where(hits.c.expires_at <= time.time()))

    @staticmethod
    def _window(conn: Connection, key: str, now: float) -> tuple[int, float | None]:
        """(rows of `key` that still count, the earliest time one of them expires)."""
        live = (hits.c.limit_key == key) & (hits.c.expires_at > now)
        count, first = conn.execute(
            select(func.count(), func.min(hits.c.expires_at)).where(live)
        ).one()
        return count, first

    @staticmethod
    def _add(conn: Connection, key: str, expires_at: float, amount: int) -> None:
        conn.execute(insert(hits), [{"limit_key": key, "expires_at": expires_at}] * amount)

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        """Take `amount` slots of `limit` in the window of `expiry` seconds, or none."""
        if amount > limit:
            return False
        with self._holding(key) as conn:
            now = time.time()
            count, _ = self._window(conn, key, now)
            if count + amount > limit:
                return False
            self._add(conn, key, now + expiry, amount)
            return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        """(when the oldest hit that counts was taken, how many count)."""
        now = time.time()
        with self.engine.connect() as conn:
            count, first = self._window(conn, key, now)
        return (first - expiry, count) if count else (now, 0)

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Fixed window: the window starts with the first hit of a key and ends `expiry`
        seconds later; every hit in it expires with it."""
        with self._holding(key) as conn:
            now = time.time()
            count, first = self._window(conn, key, now)
            self._add(conn, key, first if count else now + expiry, amount)
            return count + amount

    def get(self, key: str) -> int:
        with self.engine.connect() as conn:
            return self._window(conn, key, time.time())[0]

    def get_expiry(self, key: str) -> float:
        now = time.time()
        with self.engine.connect() as conn:
            count, first = self._window(conn, key, now)
        return first if count else now

    def check(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(select(1))
        except exc.SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with self.engine.begin() as conn:
            return conn.execute(delete(hits)).rowcount

    def clear(self, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(hits).where(hits.c.limit_key == key))
