"""The files bench/hostile_input.py sends: JSON exports and Loop Habit Tracker zips, built
to sit exactly at a limit of tracker.core.limits or just past it. Seeded, so every run sends
the same bytes (dates are counted back from yesterday, UTC, so nothing lies in the future).
"""

from __future__ import annotations

import io
import json
import random
import sys
import zipfile
from datetime import UTC, datetime, timedelta

from gunicorn_server import ROOT

sys.path.insert(0, str(ROOT))
from tracker.core import limits

MINIMAL = {"format": "bring-it-on", "version": 1}
COMPACT = (",", ":")
STARTERS = (
    ("apply", "Send 1 application"),
    ("practice", "Practise 1 interview answer"),
    ("reflect", "Write a short reflection"),
)
WORDS = [
    "interview", "rejection", "practice", "answer", "recruiter", "company", "role", "offer",
    "nerves", "breathe", "smile", "pause", "question", "story", "result", "team", "learn",
    "again", "tomorrow", "follow", "up", "thank",
]  # fmt: skip
LOOP_VALUES = ("YES_MANUAL",) * 12 + ("NO",) * 4 + ("SKIP", "YES_AUTO", "UNKNOWN", "UNKNOWN")


def _dumps(value) -> str:
    return json.dumps(value, separators=COMPACT)


def _days(count: int) -> list[str]:
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    return [(yesterday - timedelta(days=n)).isoformat() for n in range(count)]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _goals(count: int, per_goal: int, rng: random.Random, starters: bool = True) -> list[dict]:
    days = _days(per_goal)
    named = list(STARTERS if starters else ())
    named += [("practice", f"Habit {n}") for n in range(1, count + 1 - len(named))]
    return [
        {"category": category, "title": title, "target": 2, "entries": [
            {"date": day, "value": rng.randint(0, 3)} | (
                {"skipped": True} if rng.random() < 0.03 else {})
            for day in days
        ]}
        for category, title in named[:count]
    ]  # fmt: skip


def padded(size: int) -> bytes:
    """A valid, empty export of exactly `size` bytes (spaces before the closing brace)."""
    raw = _dumps(MINIMAL).encode()
    return raw[:-1] + b" " * (size - len(raw)) + b"}"


def json_file(goals: int, per_goal: int, extra: int = 0) -> bytes:
    """An export of `goals` goals of `per_goal` entries, and `extra` more of one entry."""
    rng = random.Random(1)
    found = _goals(goals, per_goal, rng, starters=False)
    found += [{"category": "reflect", "title": f"Extra {n}", "entries": [
        {"date": _days(1)[0], "value": 1}]} for n in range(extra)]  # fmt: skip
    return _dumps({**MINIMAL, "goals": found}).encode()


def _journal(n: int, rng: random.Random, days: list[str]) -> dict[str, dict]:
    """The n-th record of every journal kind, linked the way exports link them."""
    day = days[n % len(days)]
    return {
        "applications": {"id": n + 1, "company": f"Company {n}", "role": "Engineer",
                         "link": f"https://jobs.example.com/{n}", "date": day,
                         "stage": "rejected", "history": [
                             {"stage": "applied", "date": day},
                             {"stage": "rejected", "date": day}]},
        "rejections": {"id": n + 1, "date": day, "company": f"Company {n}", "role": "Engineer",
                       "stage": "interview", "note": _text(rng, 8), "application_id": n + 1},
        "reflections": {"date": day, "text": _text(rng, 30), "prompt": "What did you learn?",
                        "rejection_id": n + 1},
        "practice_sessions": {"date": day, "rating": rng.randint(1, 5), "note": _text(rng, 6)},
        "practice_questions": {"text": f"{_text(rng, 6)[:-1]} ({n})?", "rejection_id": n + 1},
        "breaks": {"start": day, "end": day, "note": "Rest"},
    }  # fmt: skip


def largest_json() -> bytes:
    """The largest export inside every limit: 100 goals (three join the starter goals) with
    100,000 entries between them, and journal records of every kind (far from 20,000 each)
    until the file is a whisker under 5 MB."""
    rng = random.Random(7)
    per_goal = limits.MAX_IMPORT_ENTRIES // limits.MAX_IMPORT_GOALS
    document = {**MINIMAL, "goals": _goals(limits.MAX_IMPORT_GOALS, per_goal, rng)}
    room = limits.MAX_IMPORT_BYTES - len(_dumps(document)) - 2048
    lists: dict[str, list] = {kind: [] for kind in limits.RECORD_KINDS}
    days, n = _days(3000), 0
    while room > 0:
        for kind, record in _journal(n, rng, days).items():
            room -= len(_dumps(record)) + 2 + (len(kind) + 6 if not lists[kind] else 0)
            lists[kind].append(record)
        n += 1
    raw = _dumps({**document, **lists}).encode()
    while len(raw) > limits.MAX_IMPORT_BYTES:  # the estimate ran over: drop whole rounds
        for kind in lists:
            lists[kind].pop()
        raw = _dumps({**document, **lists}).encode()
    return raw


def _zip(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def _habits_csv(names: list[str]) -> str:
    head = "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,"
    head += "Color,Unit,Target Type,Target Value,Archived?\n"
    rows = [f'{n:03d},"{name}",YES_NO,,,1,1,#FF8F00,,,,false\n' for n, name in enumerate(names, 1)]
    return head + "".join(rows)


def _loop(names: list[str], days: int, rng: random.Random, note_words: int = 0) -> bytes:
    """Loop's CSV export of yes-or-no habits `names`, each with a value on `days` days (newest
    first, as Loop writes them), a note of `note_words` words on one day in four."""
    dates = _days(days)
    files = {"Habits.csv": _habits_csv(names)}
    for n, name in enumerate(names, 1):
        folder = f"{n:03d} {name}"
        lines = ["Date,Value,Notes"]
        for day in dates:
            note = _text(rng, note_words) if note_words and rng.random() < 0.25 else ""
            lines.append(f"{day},{rng.choice(LOOP_VALUES)},{note}")
        files[f"{folder}/Checkmarks.csv"] = "\n".join(lines) + "\n"
        scores = "".join(f"{day},{rng.random():.6f}\n" for day in dates)
        files[f"{folder}/Scores.csv"] = "Date,Score\n" + scores
    header = "Date," + "".join(f"{name}," for name in names) + "\n"
    files["Checkmarks.csv"] = header + "".join(
        f"{day}," + "2," * len(names) + "\n" for day in dates
    )
    files["Scores.csv"] = header
    return _zip(files)


def loop_file(habits: int, days: int, extra: int = 0) -> bytes:
    """A Loop export of `habits` habits over `days` days, and `extra` more of one day."""
    rng = random.Random(3)
    names = [f"Habit {n}" for n in range(1, habits + 1)]
    main = _loop(names, days, rng)
    if not extra:
        return main
    with zipfile.ZipFile(io.BytesIO(main)) as archive:
        files = {name: archive.read(name).decode() for name in archive.namelist()}
    more = [f"Extra {n}" for n in range(extra)]
    files["Habits.csv"] = _habits_csv(names + more)
    for n, name in enumerate(more, habits + 1):
        files[f"{n:03d} {name}/Checkmarks.csv"] = f"Date,Value,Notes\n{_days(1)[0]},NO,\n"
    return _zip(files)


def largest_loop() -> bytes:
    """The largest Loop export inside every limit: 100 habits (three join the starter goals)
    with 1,000 days each (100,000 checkmarks), notes on a quarter of the days sized so the zip
    is just under 5 MB."""
    names = [title for _, title in STARTERS]
    names += [f"Habit {n}" for n in range(1, limits.MAX_IMPORT_GOALS + 1 - len(names))]
    per_habit = limits.MAX_IMPORT_ENTRIES // limits.MAX_IMPORT_GOALS
    words, raw = 12, b""
    for _ in range(6):  # the zip grows about linearly with the notes: aim, then correct
        raw = _loop(names, per_habit, random.Random(5), words)
        if limits.MAX_IMPORT_BYTES * 0.95 <= len(raw) <= limits.MAX_IMPORT_BYTES:
            break
        words = max(1, int(words * limits.MAX_IMPORT_BYTES * 0.975 / len(raw)))
    return raw


def reported_loop() -> bytes:
    """The zip of the report: 500 habits x 3,500 days (Loop's per-habit and shared files)."""
    dates = _days(3500)
    names = [f"Habit {n}" for n in range(1, 501)]
    column = "".join(f"{day},YES_MANUAL,\n" for day in dates)
    files = {"Habits.csv": _habits_csv(names)}
    for n, name in enumerate(names, 1):
        files[f"{n:03d} {name}/Checkmarks.csv"] = "Date,Value,Notes\n" + column
    header = "Date," + "".join(f"{name}," for name in names) + "\n"
    files["Checkmarks.csv"] = header + "".join(f"{day}," + "2," * 500 + "\n" for day in dates)
    return _zip(files)
