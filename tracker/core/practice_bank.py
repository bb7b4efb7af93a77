"""The built-in practice bank (SPEC section 4) and the daily pick: pure data, pure functions.

Interview questions (`behavioural`, `technical`, and `rejection`: questions about failure and
being turned down) and drills (`body_language`, and `confidence`: the nerves drills), written
for Bring It On (their words: tracker.core.practice_texts). Ids are stable slugs: a practice
session stores one, so an id is never reused for another text.

While an interview lies ahead (INTERVIEW_DAYS), the pick comes from the items that fit its
kind (`items_for`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.core import practice_texts

KINDS = ("behavioural", "technical", "rejection", "body_language", "confidence")
# The drills that fit every interview: body language, and the nerves (confidence) drills.
DRILLS = ("body_language", "confidence")
# The interview kinds that have questions of their own in the bank.
_QUESTIONS_FOR = {"technical": "technical", "behavioural": "behavioural"}
# The pick fits an interview that starts from today's local date through this many days on.
INTERVIEW_DAYS = 7


@dataclass(frozen=True)
class PracticeItem:
    """One question or drill of the bank."""

    id: str
    kind: str
    text: str


def _parse(kind: str, block: str) -> tuple[PracticeItem, ...]:
    """Items written as a slug on its own line, then the text on indented lines."""
    items: list[PracticeItem] = []
    for line in block.strip().splitlines():
        if line.startswith(" "):
            last = items[-1]
            text = f"{last.text} {line.strip()}".strip()
            items[-1] = PracticeItem(last.id, kind, text)
        else:
            items.append(PracticeItem(line.strip(), kind, ""))
    return tuple(items)


BANK: tuple[PracticeItem, ...] = tuple(
    item for kind in KINDS for item in _parse(kind, practice_texts.BLOCKS[kind])
)
_BY_ID = {item.id: item for item in BANK}


def all_items() -> tuple[PracticeItem, ...]:
    """Every item of the bank, grouped by kind in the order of KINDS."""
    return BANK


def item_by_id(item_id: str) -> PracticeItem | None:
    """The item with this id, or None."""
    return _BY_ID.get(item_id)


def _rank(user_id: int, item_id: str) -> bytes:
    return hashlib.sha256(f"{user_id}:{item_id}".encode()).digest()


def user_order(user_id: int, items: Sequence[PracticeItem] = BANK) -> list[PracticeItem]:
    """The items in this user's own shuffled order (the same on every call).

    Each item's place depends only on (user, item id), so adding items to the bank inserts
    them into a user's cycle without reshuffling the rest.
    """
    return sorted(items, key=lambda item: _rank(user_id, item.id))


def daily_pick(user_id: int, day: date, items: Sequence[PracticeItem] = BANK) -> PracticeItem:
    """The item of the day for this user on their local date `day`.

    Stable for the whole day; the next day is the next item of the user's own order, so no
    item comes back before every other one has had its day (a cycle of len(items) days).
    Raises ValueError for an empty bank.
    """
    if not items:
        raise ValueError("the practice bank is empty")
    order = user_order(user_id, items)
    # A per-user offset, so users who signed up together do not walk in step.
    offset = int.from_bytes(_rank(user_id, "")[:4], "big")
    return order[(day.toordinal() + offset) % len(order)]


def kinds_for(interview_kind: str) -> tuple[str, ...]:
    """The bank's kinds that fit an interview of `interview_kind`: its own questions
    (technical, behavioural), then the body-language and nerves drills, which fit every kind
    (phone, video, onsite, panel, final, other, or a kind not known here: the drills alone)."""
    own = _QUESTIONS_FOR.get(interview_kind)
    return (own, *DRILLS) if own else DRILLS


def items_for(interview_kind: str) -> tuple[PracticeItem, ...]:
    """The items that fit an interview of `interview_kind` (kinds_for), in bank order."""
    kinds = kinds_for(interview_kind)
    return tuple(item for item in BANK if item.kind in kinds)


def prep_picks(user_id: int, day: date, interview_kind: str) -> tuple[PracticeItem, ...]:
    """Three items to rehearse on `day` before an interview of `interview_kind`, stable for
    the day: first the day's pick from the items that fit it (daily_pick over items_for, as
    the practice page picks while it is the next interview), then one body-language and one
    nerves drill. When the first is itself a drill and the kind has questions of its own
    (technical, behavioural), the day's question of that kind takes the place of a second
    drill of the same kind. Each later one is the day's pick of its kind among those not
    chosen yet."""
    first = daily_pick(user_id, day, items_for(interview_kind))
    own = _QUESTIONS_FOR.get(interview_kind)
    kinds = list(DRILLS)
    if own and first.kind != own:
        kinds = [own, *(kind for kind in DRILLS if kind != first.kind)]
    chosen = [first]
    for kind in kinds:
        pool = [item for item in BANK if item.kind == kind and item not in chosen]
        chosen.append(daily_pick(user_id, day, pool))
    return tuple(chosen)
