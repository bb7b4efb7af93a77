"""The pipeline as a board: a column per group of stages, a page of cards each, and the one
step each open application can take next."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from sqlalchemy.orm import Session

from tracker.models import Application, User
from tracker.queries import applications as application_queries
from tracker.services.applications import PIPELINE

# One tap moves an open application on to the next step of the pipeline.
NEXT_STAGE = {"saved": "applied", **dict(pairwise(PIPELINE))}
# How many cards a column shows at once: on the whole board (six columns, each card with up
# to three small forms), and for a stage shown alone.
PAGE = 15
PAGE_ALONE = 40


@dataclass(frozen=True)
class Column:
    """A column of the board: its `key`, how many applications it holds in all (`total`),
    and the `cards` shown, newest first, from position `offset` on."""

    key: str
    total: int
    offset: int
    cards: list[Application]


def board(
    session: Session,
    user: User,
    columns: Mapping[str, tuple[str, ...]],
    search: str | None = None,
    offsets: Mapping[str, int] | None = None,
    size: int = PAGE,
) -> list[Column]:
    """The user's pipeline as a board: for each of `columns` ({key: the stages it holds}, in
    order) its total and at most `size` cards from its offset in `offsets` (default 0),
    counting and showing only the applications whose company or role holds `search`
    (ignoring case). Newest first, as list_applications orders them.

    The totals come from one count grouped by stage, and a column is read only when it has
    cards at its offset: the work is one page a column however many applications there are.
    """
    counts = application_queries.count_by_stage(session, user.id, search)
    offsets = offsets or {}
    found = []
    for key, stages in columns.items():
        total = sum(counts.get(stage, 0) for stage in stages)
        offset = offsets.get(key, 0)
        cards = []
        if offset < total:
            cards = application_queries.applications_page(
                session, user.id, stages, search, offset, size
            )
        found.append(Column(key, total, offset, cards))
    return found


def stage_since(application: Application) -> date:
    """The date the application reached the stage it is at: the first of its latest steps at
    that stage (a follow-up is a step at the same stage, and does not restart it)."""
    since = application.history[-1].date
    for step in reversed(application.history):
        if step.stage != application.stage:
            break
        since = step.date
    return since


def next_stage(application: Application) -> str | None:
    """The stage after the one the application is at (saved → applied → screen → interview
    → offer); None at an offer or a closed stage."""
    return NEXT_STAGE.get(application.stage)
