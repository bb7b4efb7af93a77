"""One log line per request (method, path, status, duration) and a request id to follow it."""

from __future__ import annotations

import logging
import os
import re
import time

from flask import Flask, Response, g, request

from tracker.logs import request_fields

log = logging.getLogger("tracker.request")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Probes from a load balancer every few seconds would drown the log.
_QUIET = {"/healthz"}


def _start() -> None:
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _REQUEST_ID.fullmatch(incoming) else os.urandom(16).hex()
    g.request_started = time.perf_counter()
    request_fields.set(
        {"request_id": g.request_id, "method": request.method, "path": request.path[:200]}
    )


def _finish(response: Response) -> Response:
    started = g.get("request_started")
    if started is None:  # a hook that ran before ours refused the request
        _start()
        started = g.request_started
    response.headers["X-Request-ID"] = g.request_id
    level = logging.DEBUG if request.path in _QUIET else logging.INFO
    duration = round((time.perf_counter() - started) * 1000, 1)
    log.log(level, "request", extra={"status": response.status_code, "duration_ms": duration})
    return response


def _clear(_error: BaseException | None) -> None:
    request_fields.set(None)


def register(app: Flask) -> None:
    """Start the clock before every other hook and log after all of them."""
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    # after_request hooks run in reverse order of registration: the first registered runs last.
    app.after_request_funcs.setdefault(None, []).insert(0, _finish)
    app.teardown_request(_clear)
