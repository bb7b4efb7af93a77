"""Every check-in as a CSV download, for the API and the data page alike."""

from __future__ import annotations

import csv
import io

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


def entries_csv(user) -> Response:
    """Every entry of `user` as a CSV download (columns: transfer.CSV_HEADER); cells that
    would start a formula are neutralised by _cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(transfer.CSV_HEADER)
    writer.writerows(map(_cell, row) for row in transfer.entry_rows(db.session, user))
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="bring-it-on-entries.csv"'},
    )
