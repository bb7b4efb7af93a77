"""Structured logs: one JSON object per line on stderr, for the web app, the reminder process
and gunicorn alike.

Every line has `time` (UTC, ISO 8601), `level`, `logger` and `message`; lines written while a
request is handled also carry its `request_id`, `method` and `path` (never the query string).
Extra fields given with `extra={...}` are kept, except names that could hold a secret or
personal data (they are dropped, whatever their value).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO, Any

# Set by the web layer for the duration of a request: {"request_id", "method", "path"}.
request_fields: ContextVar[dict[str, Any] | None] = ContextVar("request_fields", default=None)

# Attributes every LogRecord has; anything else on a record came from `extra`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
_NEVER = ("password", "token", "secret", "email", "note", "text", "cookie", "authorization")
_MARK = "_bring_it_on"
# PostgreSQL explains a refused row in a DETAIL line that quotes its values ("Key (email)=(…)
# already exists", "Failing row contains (…)"): an exception's text keeps everything but that.
_DETAIL = re.compile(r"^(\s*DETAIL:).*$", re.MULTILINE)


def _redact(text: str) -> str:
    # The substring test first: nearly every line has no DETAIL, and the regex costs ~30x more.
    return _DETAIL.sub(r"\1 (values left out)", text) if "DETAIL:" in text else text


# Extra names come from the code (a handful), so the answer per name is worth keeping.
@functools.lru_cache(maxsize=256)
def _safe_extra(name: str) -> bool:
    lowered = name.lower()
    return not name.startswith("_") and not any(word in lowered for word in _NEVER)


# One encoder for every line (json.dumps with options builds a new one per call).
_ENCODER = json.JSONEncoder(default=str, ensure_ascii=False)


class JsonFormatter(logging.Formatter):
    """Formats a record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        stamp = datetime.fromtimestamp(record.created, UTC)
        entry: dict[str, Any] = {
            "time": stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": _redact(record.getMessage()),
        }
        entry.update(request_fields.get() or {})
        for name, value in vars(record).items():
            if name not in _STANDARD and _safe_extra(name):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = _redact(self.formatException(record.exc_info))
        return _ENCODER.encode(entry)


def configure(level: str = "INFO", stream: IO[str] | None = None) -> logging.Handler:
    """Send every log record at `level` or above to `stream` (stderr) as JSON lines.

    Calling it again replaces the handler it added before (never two copies of a line).
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _MARK, False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    setattr(handler, _MARK, True)
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
    root.setLevel(level)
    # The development server's own request lines repeat ours, with the query string and the
    # client address: keep only its warnings.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    return handler
