"""The applications board's request side: its columns, the search and filter as the address
holds them (refused calmly when bad), the links through a column, and the CSV's rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import url_for

from tracker.core.labels import APPLICATION_STAGE
from tracker.core.limits import MAX_NAME, MAX_RECORDS

# Columns of the board, in the order of the pipeline; the three outcomes share the last.
GROUPS = (
    ("saved", "Saved to apply", ("saved",)),
    ("applied", "Applied", ("applied",)),
    ("screen", "Screening calls", ("screen",)),
    ("interview", "Interviews", ("interview",)),
    ("offer", "Offers", ("offer",)),
    ("closed", "Closed", ("rejected", "withdrawn", "ghosted")),
)
TITLES = {key: title for key, title, _ in GROUPS}
# A search looks for a company or a role: never longer than one.
MAX_SEARCH = MAX_NAME
CSV_HEADER = (
    "company",
    "role",
    "stage",
    "date",
    "stage_date",
    "link",
    "location",
    "contact",
    "notes",
)


@dataclass(frozen=True)
class Filters:
    """What the address asks the board for: `q` and `stage` as typed (for the form), the
    `search` and `stage` to apply (None: none), and the offset of each paged column."""

    q: str = ""
    stage_typed: str = ""
    search: str | None = None
    stage: str | None = None
    offsets: dict[str, int] = field(default_factory=dict)

    def search_args(self) -> dict:
        """The search and the stage as a link's arguments (the CSV's, "Show more"'s)."""
        found = {"q": self.search} if self.search else {}
        return {**found, "stage": self.stage} if self.stage else found

    def args(self, **offsets: int) -> dict:
        """A link's arguments: the search, the stage, and each column's offset, with
        `offsets` changed (0 drops one)."""
        kept = {**self.offsets, **offsets}
        pages = {f"{key}_from": kept[key] for key in TITLES if kept.get(key)}
        return {**self.search_args(), **pages}


def read_filters(args) -> tuple[Filters, dict[str, str]]:
    """(the filters, {field: message}) from the query string: `q` at most MAX_SEARCH
    characters and no NUL, `stage` one of the stages or `all` (or blank), `<column>_from` a
    whole number of cards to skip. A bad value is left out of the filters and named in the
    messages (the page answers 400 with them)."""
    errors = {}
    q = args.get("q", "")
    search = q.strip() or None
    if len(q) > MAX_SEARCH:
        errors["q"] = f"Keep a search to {MAX_SEARCH} characters or fewer."
    elif "\x00" in q:
        errors["q"] = "A search cannot hold a NUL character."
    if "q" in errors:
        search = None
    typed = args.get("stage", "")
    stage = typed if typed in APPLICATION_STAGE else None
    if typed not in ("", "all") and stage is None:
        errors["stage"] = "Pick one of the stages, or all of them."
    offsets = {}
    for key, _, _ in GROUPS:
        raw = args.get(f"{key}_from")
        if raw is None:
            continue
        if not (raw.isascii() and raw.isdigit() and int(raw) <= MAX_RECORDS):
            errors["board"] = "That page of the board does not exist; here is its start."
        elif int(raw):
            offsets[key] = int(raw)
    wanted = Filters(q[: MAX_SEARCH * 2], typed[:40], search, stage, offsets)
    return wanted, errors


def columns_for(stage: str | None) -> dict[str, tuple[str, ...]]:
    """{column: its stages}: every column, or only the one holding `stage`, for it alone."""
    if stage is None:
        return {key: stages for key, _, stages in GROUPS}
    return {key: (stage,) for key, _, stages in GROUPS if stage in stages}


def view(columns, wanted: Filters) -> list[dict]:
    """The columns as the template shows them: those holding anything, each with its title
    (a closed stage filtered alone is named for itself), where its cards start and end
    (1-based), and the links to the next page and back to the newest."""
    shown = []
    for column in columns:
        if not column.total:
            continue
        title = TITLES[column.key]
        if wanted.stage and column.key == "closed":
            title = APPLICATION_STAGE[wanted.stage]
        last = column.offset + len(column.cards)
        anchor = f"column-{column.key}"
        more = newest = None
        if last < column.total:
            args = wanted.args(**{column.key: last})
            more = url_for("applications.index", **args, _anchor=anchor)
        if column.offset:
            args = wanted.args(**{column.key: 0})
            newest = url_for("applications.index", **args, _anchor=anchor)
        shown.append(
            {"column": column, "title": title, "first": column.offset + 1, "last": last,
             "more": more, "newest": newest}
        )  # fmt: skip
    return shown


def csv_row(application, stage_date) -> tuple:
    """One application as a row of CSV_HEADER's columns (dates as YYYY-MM-DD)."""
    a = application
    return (
        a.company,
        a.role,
        a.stage,
        a.date.isoformat(),
        stage_date.isoformat(),
        a.link or "",
        a.location,
        a.contact,
        a.notes,
    )
