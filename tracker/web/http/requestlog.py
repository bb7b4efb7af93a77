"""One log line per request (method, path, status, duration) and a request id to follow it."""

from __future__ import annotations

import logging
import os
import re
import time
from typing import TYPE_CHECKING

from flask import Flask

from tracker.logs import request_fields

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger("tracker.request")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Probes from a load balancer every few seconds would drown the log.
_QUIET = {"/healthz"}


class RequestLog:
    """WSGI middleware around the whole app: the clock starts before anything of the app runs
    and stops once its answer is ready, and the answer carries `X-Request-ID` (a proxy's sane
    id, or a new one). Every line logged meanwhile carries the id, the method and the path
    (never the query string); refusals, errors and files are logged like any other answer.

    It reads the WSGI environ and the plain header list the app hands to the server, so the
    request costs no Flask hook and no response-object header method.
    """

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse):
        started = time.perf_counter()
        incoming = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _REQUEST_ID.fullmatch(incoming) else os.urandom(16).hex()
        # As Flask reads the path: the server's latin-1 text taken back to UTF-8.
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace")
        method = environ.get("REQUEST_METHOD")
        token = request_fields.set({"request_id": request_id, "method": method, "path": path[:200]})
        status = 500  # unless the app starts an answer

        def start(code: str, headers: list[tuple[str, str]], exc_info=None):
            nonlocal status
            status = int(code[:3])
            headers.append(("X-Request-ID", request_id))
            return start_response(code, headers, exc_info)

        try:
            return self.app(environ, start)
        finally:
            duration = round((time.perf_counter() - started) * 1000, 1)
            level = logging.DEBUG if path in _QUIET else logging.INFO
            log.log(level, "request", extra={"status": status, "duration_ms": duration})
            request_fields.reset(token)


def register(app: Flask) -> None:
    """Wrap the app's WSGI callable (security.register wraps this in turn)."""
    app.wsgi_app = RequestLog(app.wsgi_app)  # type: ignore[method-assign]
