"""gunicorn's settings, read by gunicorn itself: `gunicorn -c python:tracker.gunicorn_config
wsgi:app` (what `make run` and the systemd unit of docs/deployment.md start).

Derived from the machine and the environment: WEB_CONCURRENCY (workers: one per CPU core),
GUNICORN_THREADS (gthread; 2 per worker on SQLite, 8 on PostgreSQL: DATABASE_URL says which),
HOST and PORT (default 127.0.0.1:5000), TRUSTED_PROXIES (whose X-Forwarded-Proto gunicorn may
believe) and LOG_LEVEL. A bad value stops start-up with its name. The rate-limit counts are
shared by every worker (the default storage is the app's own database), so the number of
workers never changes SPEC 6's limits. Nothing in
the app imports this module.
"""

from __future__ import annotations

import gc
import os

from gunicorn.glogging import Logger

from tracker.config import ConfigError, trusted_proxies

# Threads per worker, by database. On SQLite two: while one waits (the write lock held by
# the other worker, a commit) the other runs; measured with 2 workers, 8 connections of
# check-ins, 2 threads gave 25-45 % more requests a second than 1 (457 vs 365, 565 vs 391
# req/s), and 4 or 8 more lock waits (p99 61 and 85 ms against 47). On PostgreSQL a request
# spends most of its time waiting for round trips, with the GIL released: 8 threads served
# 60 % more /insights a second than 2 (135 vs 85) and cut another user's p99 during them from
# 245 to 148 ms (docs/performance.md).
THREADS = {"sqlite": 2, "postgresql": 8}


def default_threads(database_url: str) -> int:
    """THREADS of the database DATABASE_URL names (SQLite when unset)."""
    return THREADS["postgresql" if database_url.startswith("postgresql") else "sqlite"]


def _whole(name: str, default: int, low: int, high: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
        raise ConfigError(f"{name} must be a whole number from {low} to {high}, not {raw!r}")
    return int(raw)


def default_workers(cpus: int | None) -> int:
    """One process per CPU core: the app's work is CPU (Python, SQLite), and the GIL lets
    one thread of a process run at a time, so more processes than cores only queue."""
    return cpus or 1


# Every worker shares the rate-limit counts (the default storage is the app's own database,
# redis:// across servers), so the limits stay exact whatever the number of workers; only
# RATELIMIT_STORAGE_URI=memory:// keeps counts per process, and is for one process alone.
workers = _whole("WEB_CONCURRENCY", default_workers(os.cpu_count()), 1, 64)
threads = _whole("GUNICORN_THREADS", default_threads(os.environ.get("DATABASE_URL", "")), 1, 32)
# gthread even with one thread: it keeps connections alive (a proxy's, a browser's), which
# the sync worker closes after every answer.
worker_class = "gthread"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{_whole('PORT', 5000, 1, 65535)}"

# A request gets 30 s; on a restart or stop (SIGTERM) workers finish what they hold for up to
# 20 s before they are killed. keepalive covers a proxy reusing its connection.
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak can never grow without bound.
max_requests = 5000
max_requests_jitter = 500
control_socket_disable = True

# The app trusts X-Forwarded-* only behind TRUSTED_PROXIES proxies (werkzeug's ProxyFix);
# gunicorn follows the same setting: any proxy address then, none otherwise.
forwarded_allow_ips = "*" if trusted_proxies(os.environ.get("TRUSTED_PROXIES", "0")) else ""

# Our own request lines (tracker/web/requestlog.py) replace the access log, which would repeat
# them with the query string and the client's address; gunicorn's own lines are JSON too.
accesslog = None


class NoAccessLogger(Logger):
    """gunicorn's logger without the access log. With `logconfig_dict` set, gunicorn builds
    every request's access-log fields (a dozen header and environ look-ups) before the
    silenced `gunicorn.access` logger drops the line; this says there is no access log."""

    access_log_enabled = False


logger_class = f"{__name__}.NoAccessLogger"
loglevel = os.environ.get("LOG_LEVEL", "info").strip().lower() or "info"
if loglevel not in ("debug", "info", "warning", "error"):
    raise ConfigError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {loglevel!r}")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "tracker.logs.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"level": loglevel.upper(), "handlers": []},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
    },
}


def post_worker_init(worker) -> None:
    """Once a worker has loaded the app: move what is alive now (modules, the app, its
    prebuilt statements and serialisers) out of the garbage collector's sight. It lives as
    long as the worker, and every full collection would otherwise walk all of it again
    (measured in process: about 15 us per check-in, in one pause of some 80 ms now and then)."""
    gc.collect()
    gc.freeze()
