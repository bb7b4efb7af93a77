"""How an imported account merges into the one that is there (SPEC section 6): pure rules.

A goal merges into an existing goal of the same category and title; every other record is
added, except one identical to a record already stored, so importing the same file twice
adds nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from datetime import date


def match_records(
    stored: Sequence[tuple[Hashable, int]], incoming: Sequence[Hashable]
) -> list[int | None]:
    """For each incoming record key, the id of the stored record it is (None: a new record).

    `stored` holds (key, id) pairs. Records pair up one to one, stored ones in id order and
    counted as a multiset: with two identical records in the file and one stored, the first
    is the stored one and the second is new. So a file holding twins keeps both in an empty
    account, and importing the same file a second time adds nothing.

    Goals use it with the key (category, title): a goal merges into the existing goal of the
    same category and title (titles compared exactly; they are stored trimmed).
    """
    free: dict[Hashable, list[int]] = defaultdict(list)
    for key, record_id in sorted(stored, key=lambda pair: pair[1]):
        free[key].append(record_id)
    matches: list[int | None] = []
    for key in incoming:
        ids = free.get(key)
        matches.append(ids.pop(0) if ids else None)
    return matches


def merged_start(existing: date, imported: date | None) -> date:
    """The created-on date of a goal after a merge: the earlier of the two.

    A goal's start is its creation or its earliest entry (SPEC section 3), so an imported
    history keeps counting from where it began.
    """
    return existing if imported is None else min(existing, imported)
