"""CSV downloads (every check-in, the applications pipeline), safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from flask import Response

from tracker.extensions import db
from tracker.services import transfer

# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """A text cell a spreadsheet would run as a formula gets a leading single quote (OWASP's
    advice); numbers and every other cell are written as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_download(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> Response:
    """`rows` under `header` as a CSV attachment named `filename`; every cell goes through
    _cell, so none starts a formula in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(map(_cell, row) for row in rows)
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def entries_csv(user) -> Response:
    """Every entry of `user` as a CSV download (columns: transfer.CSV_HEADER)."""
    rows = transfer.entry_rows(db.session, user)
    return csv_download("bring-it-on-entries.csv", transfer.CSV_HEADER, rows)
