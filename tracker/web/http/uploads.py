"""Import files, for the API and the data page alike: how large one may be, what a larger one
is told, and giving memory back after reading one."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys

from flask import current_app

from tracker.core import limits

# An export of years of journal text outgrows the 2 MB every other request may send; the
# limit is SPEC section 6's (tracker.core.limits), IMPORT_MAX_BYTES in the config overrides it.
IMPORT_MAX_BYTES = limits.MAX_IMPORT_BYTES
_LIBC = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
_TRIM = getattr(ctypes.CDLL(_LIBC), "malloc_trim", None) if _LIBC else None


def import_limit() -> int:
    """The largest import file we read, in bytes."""
    return current_app.config.get("IMPORT_MAX_BYTES", IMPORT_MAX_BYTES)


def too_large_message() -> str:
    """What an upload past import_limit() is told."""
    return f"An import file is at most {limits.megabytes(import_limit())}."


def give_back_memory() -> None:
    """After an import: hand the free pages of the C heap back to the system (glibc's
    malloc_trim), so the worker shrinks back near its idle size. An import builds and drops
    tens of MB of small objects; glibc keeps the pages they leave free between live ones
    (a worker grew by 150 MB and stayed there). Cycles among them are collected first. Without
    glibc, only that."""
    gc.collect()
    if _TRIM is not None:
        _TRIM(0)
