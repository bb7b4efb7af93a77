"""Importing Loop Habit Tracker's CSV export (a zip): each habit becomes a goal.

The zip is read in memory with limits (members, sizes, compression ratio, the counts of
tracker.core.limits) and never extracted; only the files the import reads are unpacked, and
a member whose name could escape a folder is refused. Loop's backup database (a .db) is not
read: the user is asked for the CSV export instead. Each habit goes into a goal
of the category the user picked for it, or the one its name suggests (practice by default),
merged like an export's goals (same category and title) with the imported entry winning.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from tracker.core import limits
from tracker.core.limits import EARLIEST_DATE
from tracker.core.loop_habits import (
    Habit,
    LoopFormatError,
    export_size,
    guess_category,
    read_export,
)
from tracker.models import User
from tracker.services.errors import Invalid, TooLarge
from tracker.services.transfer_import import check_size, write_goals

MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = limits.MAX_UNPACKED_BYTES
# Text compresses well, but not a thousand to one: beyond this a member is a zip bomb.
MAX_RATIO = 200
_SQLITE = b"SQLite format 3\x00"
_BACKUP = (
    "This is Loop's backup database, which we do not read. In Loop, open Settings, tap "
    "Export as CSV, and upload the zip it makes."
)


def _refuse(message: str) -> Invalid:
    return Invalid(message, {"file": message})


def _safe_name(name: str) -> bool:
    parts = name.split("/")
    return not (
        name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or ".." in parts
        or (parts and ":" in parts[0])
    )


def _members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The CSV members, after checking every member's name and what it says it unpacks to
    (a member the import never reads is never unpacked, but a zip promising more than we
    read is refused whole)."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise TooLarge(f"The zip holds more than {MAX_MEMBERS:,} files.")
    for info in infos:
        if not _safe_name(info.filename):
            raise _refuse(f"The zip holds a file with an unsafe name: {info.filename[:100]!r}.")
        if info.flag_bits & 0x1:
            raise _refuse("The zip is encrypted; export it from Loop again without a password.")
        too_big = info.file_size > MAX_MEMBER_BYTES
        if too_big or info.file_size > MAX_RATIO * max(info.compress_size, 1024):
            raise TooLarge(f"{info.filename[:100]} unpacks to more than we read.")
    if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
        raise TooLarge(f"The zip unpacks to more than {limits.megabytes(MAX_TOTAL_BYTES)}.")
    return [info for info in infos if info.filename.endswith(".csv") and not info.is_dir()]


def _root(names: list[str]) -> str:
    """The folder holding Habits.csv: the zip's top, or one folder down (a re-zipped export)."""
    if "Habits.csv" in names:
        return ""
    roots = {n.removesuffix("Habits.csv") for n in names if n.count("/") == 1}
    roots = [r for r in roots if r.endswith("/") and r + "Habits.csv" in names]
    if len(roots) != 1:
        raise _refuse("Habits.csv is missing: this is not a Loop Habit Tracker export.")
    return roots[0]


class _Files(Mapping[str, str]):
    """The export's CSV files ({path inside the export: text}), each unpacked when first
    read: Scores.csv files, and the shared Checkmarks.csv when every habit has its own, are
    never unpacked. A file is read twice (counted by export_size, then parsed by
    read_export): its text is kept for the second read and let go after it."""

    def __init__(self, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], root: str):
        self._archive = archive
        self._infos = {
            info.filename[len(root) :]: info for info in members if info.filename.startswith(root)
        }
        self._texts: dict[str, str] = {}

    def __getitem__(self, path: str) -> str:
        if path in self._texts:
            return self._texts.pop(path)
        with self._archive.open(self._infos[path]) as member:
            data = member.read(MAX_MEMBER_BYTES + 1)  # the header's size may lie
        if len(data) > MAX_MEMBER_BYTES:
            raise TooLarge(f"{path[:100]} unpacks to more than we read.")
        text = self._texts[path] = data.decode("utf-8-sig")
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)


@contextmanager
def open_archive(raw: bytes) -> Iterator[Mapping[str, str]]:
    """The CSV files of a Loop export zip, as a mapping {path inside the export: text} that
    unpacks a file when it is read, valid inside the `with`.

    Raises Invalid (400) for anything that is not a readable zip with Habits.csv (Loop's
    backup database among them), or holds an unsafe name; TooLarge (413) for too many files
    or too many bytes once unpacked.
    """
    if raw.startswith(_SQLITE):
        raise _refuse(_BACKUP)
    if not raw.startswith(b"PK"):
        raise _refuse("This is not a zip file. Choose the zip Loop Habit Tracker exported.")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = _members(archive)
            names = [info.filename for info in members]
            if "Habits.csv" not in names and any(n.endswith(".db") for n in archive.namelist()):
                raise _refuse(_BACKUP)
            yield _Files(archive, members, _root(names))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise _refuse(
            "The zip file is damaged or uses a kind of compression we cannot read."
        ) from None
    except UnicodeDecodeError:
        raise _refuse("A CSV file in the zip is not UTF-8 text.") from None


def read_archive(raw: bytes) -> dict[str, str]:
    """Every CSV file of a Loop export zip as {path inside the export: text} (open_archive's
    errors)."""
    with open_archive(raw) as files:
        return dict(files)


def goal_dates(habit: Habit, today: date) -> tuple[date, date | None]:
    """(created_on, archived_on) of a habit's goal: from its first known day; an archived
    habit stops the day after its last known day (it asks nothing of the days since)."""
    start = min(habit.days, default=today)
    if not habit.archived:
        return start, None
    return start, min(today, max(habit.days) + timedelta(days=1)) if habit.days else today


def _categories(habits: tuple[Habit, ...], default: str | None, chosen: dict) -> list[str]:
    names = {habit.name for habit in habits}
    unknown = sorted(set(chosen) - names)
    if unknown:
        message = f"No habit of this file is called {unknown[0][:80]!r}."
        raise Invalid(message, {"categories": message})
    return [chosen.get(h.name) or default or guess_category(h.name) for h in habits]


def read_habits(raw: bytes, today: date) -> tuple[Habit, ...]:
    """The habits of a Loop export zip, by position; Invalid or TooLarge when unreadable,
    LimitReached (422) for more habits or checkmarks than an import holds, counted before
    a day is read."""
    with open_archive(raw) as files:
        try:
            habits, checkmarks = export_size(files)
            check_size(habits, checkmarks, "habits", "checkmarks")
            return read_export(files, EARLIEST_DATE, today)
        except LoopFormatError as error:
            raise _refuse(f"{error.where}: {error.message}.") from None


def import_loop(
    session: Session,
    user: User,
    today: date,
    now: datetime,
    raw: bytes,
    *,
    default: str | None = None,
    chosen: dict[str, str] | None = None,
    dry_run: bool = False,
) -> dict:
    """Add the habits of a Loop export zip to the user's goals (or only say what it would).

    A habit's category is `chosen[name]`, else `default`, else guess_category(name).
    Raises Invalid or TooLarge before anything is written; the caller commits once.
    """
    habits = read_habits(raw, today)
    return import_habits(
        session, user, today, now, habits, default=default, chosen=chosen, dry_run=dry_run
    )


def import_habits(
    session: Session,
    user: User,
    today: date,
    now: datetime,
    habits: tuple[Habit, ...],
    *,
    default: str | None = None,
    chosen: dict[str, str] | None = None,
    dry_run: bool = False,
) -> dict:
    """import_loop for habits already read by read_habits (a zip is unpacked and parsed once).

    Raises Invalid for a `chosen` name no habit has, before anything is written.
    """
    categories = _categories(habits, default, chosen or {})
    specs = []
    for habit, category in zip(habits, categories, strict=True):
        created, archived = goal_dates(habit, today)
        specs.append(
            {
                "category": category,
                "title": habit.title,
                "target": habit.target,
                "weekdays": list(range(1, 8)),
                "created_on": created,
                "archived_on": archived,
                "days": habit.days,  # written as they are: no second copy of every day
            }
        )
    written = [(None, False)] * len(specs)
    if not dry_run:
        written = write_goals(session, user, today, now, specs, Counter())
    return {
        "habits": [
            {
                "name": habit.name,
                "title": spec["title"],
                "category": spec["category"],
                "archived": habit.archived,
                "numerical": habit.numerical,
                "entries": len(habit.days),
                "goal_id": goal.id if goal is not None else None,
                "merged": merged,
            }
            for habit, spec, (goal, merged) in zip(habits, specs, written, strict=True)
        ],
        "entries": sum(len(habit.days) for habit in habits),
        "dry_run": dry_run,
    }
