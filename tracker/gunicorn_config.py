"""gunicorn's settings, read by gunicorn itself: `gunicorn -c python:tracker.gunicorn_config
wsgi:app` (what `make run` and the systemd unit of docs/deployment.md start).

Derived from the machine and the environment: WEB_CONCURRENCY (workers: 2 * CPUs + 1, at most
9, when RATELIMIT_STORAGE_URI is shared; else 1), GUNICORN_THREADS (2 per worker; a single
worker gets as many as the workers would have had), HOST and PORT (default 127.0.0.1:5000),
TRUSTED_PROXIES (whose X-Forwarded-Proto gunicorn may believe) and LOG_LEVEL. A bad value stops
start-up with its name. Nothing in the app imports this module.
"""

from __future__ import annotations

import gc
import os

from gunicorn.glogging import Logger

from tracker.config import ConfigError, trusted_proxies

MAX_WORKERS = 9  # beyond this a small server spends its memory on idle workers


def _whole(name: str, default: int, low: int, high: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
        raise ConfigError(f"{name} must be a whole number from {low} to {high}, not {raw!r}")
    return int(raw)


def default_workers(cpus: int | None) -> int:
    """2 * CPUs + 1 (gunicorn's advice for a mix of waiting and work), capped."""
    return min(2 * (cpus or 1) + 1, MAX_WORKERS)


# With the default memory:// storage every process keeps its own rate-limit counts, so several
# workers would multiply SPEC's limits (10 failed sign-ins a minute per account would become
# 10 per worker): one worker then, with the threads the workers would have had. With a shared
# storage (redis://) the workers follow the CPU count.
_SHARED_COUNTS = not os.environ.get("RATELIMIT_STORAGE_URI", "memory://").startswith("memory:")
_CONCURRENCY = default_workers(os.cpu_count())
workers = _whole("WEB_CONCURRENCY", _CONCURRENCY if _SHARED_COUNTS else 1, 1, 64)
threads = _whole("GUNICORN_THREADS", 2 if _SHARED_COUNTS else min(2 * _CONCURRENCY, 16), 1, 32)
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
