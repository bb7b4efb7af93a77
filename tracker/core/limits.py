"""The product's limits: what one record, one account and one import may hold (SPEC sections
2 and 6).

The numbers live here once; models, services, schemas, pages, tests and the benchmark read
them from here (templates through the `limits` global, static/js through data attributes the
templates write).

- One record (SPEC section 2): an entry's value is 0..MAX_ENTRY_VALUE; a note (of an entry,
  a rejection, a practice session) at most MAX_NOTE characters; a goal's title 1..MAX_TITLE
  characters and its target MIN_TARGET..MAX_TARGET. No date before EARLIEST_DATE is
  accepted. Ids are INTEGER columns: none is larger than MAX_ID.

The account and import limits keep every request a signed-in user can make within 2 seconds
of server time whatever the account holds: the streak engine walks every goal's entries, the
journal pages list records, and an import is parsed and written in one request.

- An account holds at most MAX_GOALS goals (archived ones included) and MAX_RECORDS journal
  records of each kind (RECORD_KINDS); creating one more is refused (422).
- An import file (a JSON export, or Loop Habit Tracker's CSV export zip) is at most
  MAX_IMPORT_BYTES (413 past it). It holds at most MAX_IMPORT_GOALS goals (or habits) and
  MAX_IMPORT_ENTRIES entries (or checkmarks: every dated value of Loop's Checkmarks.csv
  files); its journal records, added to what the account already holds, stay within
  MAX_RECORDS of each kind, and its new goals within MAX_GOALS (422 past any of them). A
  refused import changes nothing.
- A Loop zip unpacks to at most MAX_UNPACKED_BYTES of the files the import reads (413).
"""

from __future__ import annotations

from datetime import date

MAX_ENTRY_VALUE = 1000
MAX_NOTE = 2000
# An application (SPEC section 4): company and role are titles of 1..MAX_NAME characters, its
# link an http(s) URL of at most MAX_LINK, its notes at most MAX_NOTES, its contact and
# location (an interview's location too) at most MAX_PLACE.
MAX_NAME = 120
MAX_LINK = 2000
MAX_NOTES = 5000
MAX_PLACE = 200
# An interview lasts MIN_DURATION..MAX_DURATION minutes, DEFAULT_DURATION when not said; its
# notes and debrief are at most MAX_NOTES characters.
MIN_DURATION = 5
MAX_DURATION = 600
DEFAULT_DURATION = 60
# The "if it gets hard, then I will ..." plan a person writes for an interview.
MAX_PLAN = 500
MAX_TITLE = 80
MIN_TARGET = 1
MAX_TARGET = 100
EARLIEST_DATE = date(2000, 1, 1)
MAX_ID = 2**31 - 1

MAX_GOALS = 100
MAX_RECORDS = 20_000
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_GOALS = 100
MAX_IMPORT_ENTRIES = 100_000
MAX_UNPACKED_BYTES = 32 * 1024 * 1024

# The journal's kinds of record, as an export names its lists, with the words a message uses.
RECORD_KINDS = {
    "applications": "applications",
    "rejections": "rejections",
    "breaks": "breaks",
    "practice_sessions": "practice sessions",
    "reflections": "reflections",
    "practice_questions": "own practice questions",
    "interviews": "interviews",
}


def megabytes(size: int) -> str:
    """A byte count as people say it: 5242880 -> "5 MB", 2048 -> "2 KB"."""
    if size >= 1024 * 1024:
        return f"{round(size / (1024 * 1024), 1):g} MB"
    return f"{round(size / 1024, 1):g} KB"


def goals_message() -> str:
    """What a user who reached MAX_GOALS is told."""
    return (
        f"An account holds at most {MAX_GOALS:,} goals, archived ones included. "
        "Delete one you no longer need to make room."
    )


def records_message(kind: str) -> str:
    """What a user who reached MAX_RECORDS of `kind` (a key of RECORD_KINDS) is told."""
    return f"An account holds at most {MAX_RECORDS:,} {RECORD_KINDS[kind]}."


def room_left(held: int, adding: int, limit: int) -> bool:
    """Whether `held` records plus `adding` more stay within `limit`."""
    return held + adding <= limit
