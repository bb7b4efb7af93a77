"""Loop Habit Tracker's CSV export, read into habits with their days (docs/export.md).

The export holds `Habits.csv` (one row per habit: Position, Name, Type, …, Archived?), one
folder per habit named by its position and name ("001 Run/") with `Checkmarks.csv` (Date,
Value[, Notes]) and `Scores.csv`, and `Checkmarks.csv` and `Scores.csv` with a column per habit.
A habit's days come from its folder; the shared `Checkmarks.csv` is the fallback for a habit
without one (it has no notes, and Loop does not quote the names in its header, so its columns
are matched to the habits by position). Scores are Loop's derived strength: we compute our own.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .limits import MAX_IMPORT_GOALS, MAX_TITLE
from .loop_values import Day, Measure, UnreadableValue, numerical_day, parse_number, yes_no_day

MAX_HABITS = MAX_IMPORT_GOALS
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FOLDER = re.compile(r"([0-9]{1,6})(?: .*)?")
# Words in a habit's name that say which of the three goals it belongs to.
_APPLY_WORDS = ("apply", "applic", "job", "cv", "resume", "résumé", "cover letter", "recruit")
_REFLECT_WORDS = ("reflect", "journal", "diary", "gratitude", "meditat", "write", "writing")


class LoopFormatError(ValueError):
    """The export cannot be read; `where` names the file (and line) at fault."""

    def __init__(self, message: str, where: str) -> None:
        super().__init__(f"{where}: {message}")
        self.message = message
        self.where = where


@dataclass(frozen=True)
class Habit:
    """One habit and its days; `days` maps a date to the entry it becomes."""

    position: int
    name: str
    numerical: bool
    archived: bool
    target: int
    days: Mapping[date, Day]

    @property
    def title(self) -> str:
        """The goal title: the name trimmed, at most MAX_TITLE characters."""
        return self.name.strip()[:MAX_TITLE].strip()


def guess_category(name: str) -> str:
    """apply, reflect or (by default) practice, from words in a habit's name."""
    folded = name.casefold()
    if any(word in folded for word in _APPLY_WORDS):
        return "apply"
    if any(word in folded for word in _REFLECT_WORDS):
        return "reflect"
    return "practice"


def read_export(files: Mapping[str, str], earliest: date, today: date) -> tuple[Habit, ...]:
    """Every habit of the export `files` ({path inside the export: text}), by position.

    Raises LoopFormatError for a missing Habits.csv, a row it cannot read, an unknown value,
    a date that is malformed, repeated, before `earliest` or (with a known value) after
    `today`.
    """
    if "Habits.csv" not in files:
        raise LoopFormatError("this is not a Loop Habit Tracker export", "Habits.csv is missing")
    rows = _habit_rows(files["Habits.csv"])
    if len(rows) > MAX_HABITS:
        raise LoopFormatError(f"more than {MAX_HABITS} habits", "Habits.csv")
    folders = _folders(files)
    shared = None
    habits = []
    known: dict[str, date] = {}  # the dates read so far: every habit has the same ones
    for line, row in rows:
        position, measure = _position(row, line), _measure(row, line)
        path = folders.get(position)
        if path is not None:
            days = _habit_days(files[path], path, measure, earliest, today, known)
        else:
            if shared is None:
                shared = _shared_days(files, rows, earliest, today)
            days = shared.get(position, {})
        habits.append(
            Habit(
                position=position,
                name=row["Name"],
                numerical=measure is not None,
                archived=(row.get("Archived?") or "").strip().lower() == "true",
                target=measure.target if measure else 1,
                days=days,
            )
        )
    return tuple(habits)


def export_size(files: Mapping[str, str]) -> tuple[int, int]:
    """(habits, checkmarks) of an export, counted before a day is read: the rows of
    Habits.csv, and the dated lines of the Checkmarks.csv files read_export would read (a
    habit's own file, or for the habits without one a value each on the shared file's
    lines). Unknown days count: they are values Loop wrote. Raises LoopFormatError as
    read_export does for a missing or unreadable Habits.csv.
    """
    if "Habits.csv" not in files:
        raise LoopFormatError("this is not a Loop Habit Tracker export", "Habits.csv is missing")
    rows = _habit_rows(files["Habits.csv"])
    folders = _folders(files)
    positions = [_position(row, n) for n, row in rows]
    found = sum(_dated_lines(files[folders[p]]) for p in positions if p in folders)
    without = sum(p not in folders for p in positions)
    if without and "Checkmarks.csv" in files:
        found += without * _dated_lines(files["Checkmarks.csv"])
    return len(rows), found


def _dated_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if line[:1].isdigit())


def _reader(text: str, where: str) -> list[list[str]]:
    try:
        return list(csv.reader(text.splitlines()))
    except csv.Error as error:
        raise LoopFormatError(f"not CSV ({error})", where) from None


def _habit_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    table = _reader(text, "Habits.csv")
    if not table or "Position" not in table[0] or "Name" not in table[0]:
        raise LoopFormatError(
            "the first line must name the columns Position and Name", "Habits.csv"
        )
    header = table[0]
    rows = [(n, dict(zip(header, cells, strict=False))) for n, cells in enumerate(table[1:], 2)]
    rows = [(n, row) for n, row in rows if any(v.strip() for v in row.values())]
    positions = [_position(row, n) for n, row in rows]
    if len(set(positions)) != len(positions):
        raise LoopFormatError("two habits have the same position", "Habits.csv")
    for n, row in rows:
        if not (row.get("Name") or "").strip():
            raise LoopFormatError("a habit without a name", f"Habits.csv, line {n}")
    return rows


def _position(row: dict[str, str], line: int) -> int:
    raw = (row.get("Position") or "").strip()
    if not raw.isdigit() or not 0 < int(raw) <= 999_999:
        raise LoopFormatError(f"position {raw!r} is not a number", f"Habits.csv, line {line}")
    return int(raw)


def _measure(row: dict[str, str], line: int) -> Measure | None:
    """The scale of a numerical habit, None for a yes-or-no one (or an export without Type)."""
    kind = (row.get("Type") or "YES_NO").strip().upper()
    if kind in ("YES_NO", "BOOLEAN", ""):
        return None
    if kind not in ("NUMERICAL", "NUMBER"):
        raise LoopFormatError(f"unknown habit type {kind!r}", f"Habits.csv, line {line}")
    try:
        target = parse_number(row.get("Target Value") or "0")
    except UnreadableValue as error:
        raise LoopFormatError(str(error), f"Habits.csv, line {line}") from None
    at_most = (row.get("Target Type") or "").strip().upper() == "AT_MOST"
    return Measure.of(target, at_most)


def _folders(files: Mapping[str, str]) -> dict[int, str]:
    """{position: path of that habit's Checkmarks.csv} for the per-habit folders."""
    found: dict[int, str] = {}
    for path in files:
        parts = path.split("/")
        if len(parts) == 2 and parts[1] == "Checkmarks.csv":
            match = _FOLDER.fullmatch(parts[0])
            if match:
                found.setdefault(int(match.group(1)), path)
    return found


class _Bad(ValueError):
    """A line's problem, before the line is named (LoopFormatError then says where)."""


def _day(raw: str, earliest: date, known: dict[str, date]) -> date:
    """The date of a line; `known` keeps those read already (every habit has the same)."""
    day = known.get(raw)
    if day is not None:
        return day
    try:
        if not _DATE.fullmatch(raw.strip()):
            raise ValueError
        day = date.fromisoformat(raw.strip())
    except ValueError:
        raise _Bad(f"{raw!r} is not a date like 2024-05-31") from None
    if day < earliest:
        raise _Bad(f"{day} is before {earliest.isoformat()}")
    known[raw] = day
    return day


def _convert(raw: str, measure: Measure | None, note: str, seen: dict) -> Day | None:
    """The Day of a value; `seen` keeps those of values without a note, read already (a
    habit's thousands of days hold a handful of values)."""
    if not note and raw in seen:
        return seen[raw]
    try:
        day = yes_no_day(raw, note) if measure is None else numerical_day(raw, measure, note)
    except UnreadableValue as error:
        raise _Bad(str(error)) from None
    if not note:
        seen[raw] = day
    return day


def _keep(days: dict, day: date, value: Day | None, today: date) -> None:
    if day in days:
        raise _Bad(f"{day} appears twice")
    if value is not None:
        if day > today:
            raise _Bad(f"{day} is after today ({today.isoformat()})")
        days[day] = value


def _habit_days(
    text: str, path: str, measure: Measure | None, earliest: date, today: date, known: dict
) -> dict[date, Day]:
    table = _reader(text, path)
    if not table or [c.strip() for c in table[0][:2]] != ["Date", "Value"]:
        raise LoopFormatError("the first line must be Date,Value[,Notes]", path)
    days: dict[date, Day] = {}
    seen: dict[str, Day | None] = {}
    for line, cells in enumerate(table[1:], 2):
        if not cells or (not cells[0].strip() and not "".join(cells).strip()):
            continue  # a blank line
        try:
            if len(cells) < 2:
                raise _Bad("a line needs a date and a value")
            note = cells[2] if len(cells) > 2 else ""
            day = _day(cells[0], earliest, known)
            _keep(days, day, _convert(cells[1], measure, note, seen), today)
        except _Bad as error:
            raise LoopFormatError(str(error), f"{path}, line {line}") from None
    return days


def _shared_days(
    files: Mapping[str, str], rows: list[tuple[int, dict[str, str]]], earliest: date, today: date
) -> dict[int, dict[date, Day]]:
    """{position: days} from the shared Checkmarks.csv (columns in Habits.csv's order)."""
    text = files.get("Checkmarks.csv")
    if text is None:
        return {}
    table = [
        cells[:-1] if cells and cells[-1] == "" else cells
        for cells in _reader(text, "Checkmarks.csv")
    ]
    table = [cells for cells in table if any(c.strip() for c in cells)]
    if not table or table[0][:1] != ["Date"]:
        raise LoopFormatError("the first line must start with Date", "Checkmarks.csv")
    measures = [(_position(row, n), _measure(row, n)) for n, row in rows]
    found: dict[int, dict[date, Day]] = {position: {} for position, _ in measures}
    known: dict[str, date] = {}
    seen: dict[int, dict] = {position: {} for position, _ in measures}
    for line, cells in enumerate(table[1:], 2):
        try:
            if len(cells) - 1 != len(measures):
                raise _Bad(f"{len(cells) - 1} values for {len(measures)} habits")
            day = _day(cells[0], earliest, known)
            for (position, measure), raw in zip(measures, cells[1:], strict=True):
                _keep(found[position], day, _convert(raw, measure, "", seen[position]), today)
        except _Bad as error:
            raise LoopFormatError(str(error), f"Checkmarks.csv, line {line}") from None
    return found
