"""Revision 0004 moves the own practice questions, once stored as marked reflections, into
their own table, on SQLite and PostgreSQL; its downgrade puts them back."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.sql_rows import write_rows
from tests.test_migrations import (
    _flask,
    empty_database,  # noqa: F401 (a fixture)
    read_rows,
    upgraded_from,
)

MARKER = "A question that tripped me, to practise"
ADDED = datetime(2026, 3, 17, 23, 30, tzinfo=UTC)  # 18 March in Berlin
USERS = (
    "INSERT INTO users (id, email, password_hash, timezone, created_at, session_version) "
    "VALUES (1, 'me@example.com', 'x', 'Europe/Berlin', :at, 0), "
    "(2, 'you@example.com', 'x', 'UTC', :at, 0)"
)
REJECTION = (
    "INSERT INTO rejections (id, user_id, date, company, role, stage, note, created_at) "
    "VALUES (7, 1, '2026-03-17', 'Initech', '', NULL, '', :at)"
)
REFLECTION = (
    "INSERT INTO reflections (user_id, date, text, prompt, rejection_id, created_at) "
    "VALUES (:user, '2026-03-18', :text, :prompt, :rejection, :at)"
)
# Reflections as revision 0003 kept them: (user, text, prompt, rejection id).
WRITTEN = [
    (1, "Why should we hire you?", MARKER, 7),
    (1, "I was scared.", "What are you afraid of?", 7),
    (2, "Walk me through your CV.", MARKER, None),
    (1, "Tell me about a failure.", MARKER, None),
    (1, "q" * 501, MARKER, None),  # not written by the practice list: stays
    (2, "Notes with no prompt.", None, None),
]


def _seed(url: str) -> None:
    at = {"at": ADDED}
    reflections = [
        (REFLECTION, {"user": user, "text": body, "prompt": prompt, "rejection": rejection, **at})
        for user, body, prompt, rejection in WRITTEN
    ]
    write_rows(url, (USERS, at), (REJECTION, at), *reflections)


REFLECTIONS = "SELECT user_id, text, prompt, rejection_id FROM reflections ORDER BY id"
QUESTIONS = "SELECT user_id, text, rejection_id FROM practice_questions ORDER BY id"


def test_marked_reflections_become_practice_questions_and_come_back_on_downgrade(
    empty_database,  # noqa: F811
    tmp_path,
):
    url, instance = empty_database, str(tmp_path)
    upgraded_from("0003", url, instance, _seed)
    assert read_rows(url, QUESTIONS) == [
        (1, "Why should we hire you?", 7),
        (2, "Walk me through your CV.", None),
        (1, "Tell me about a failure.", None),
    ]
    assert read_rows(url, REFLECTIONS) == [
        (1, "I was scared.", "What are you afraid of?", 7),
        (1, "q" * 501, MARKER, None),
        (2, "Notes with no prompt.", None, None),
    ]
    created = read_rows(url, "SELECT created_at FROM practice_questions ORDER BY id")[0][0]
    assert str(created).startswith("2026-03-17 23:30")

    downgrade = _flask("db", "downgrade", "0003", url=url, instance=instance)
    assert downgrade.returncode == 0, downgrade.stderr
    back = read_rows(url, "SELECT user_id, text, prompt, rejection_id, date FROM reflections")
    moved = sorted((row for row in back if row[2] == MARKER and len(row[1]) <= 500), key=repr)
    assert [row[:4] for row in moved] == [
        (1, "Tell me about a failure.", MARKER, None),
        (1, "Why should we hire you?", MARKER, 7),
        (2, "Walk me through your CV.", MARKER, None),
    ]
    # Dated the local day they were added: Berlin was already on the 18th, UTC still the 17th.
    assert [str(row[4]) for row in moved] == ["2026-03-18", "2026-03-18", "2026-03-17"]
    assert len(back) == 6
