"""Deleting an account removes every row of it, in every table, and nothing of anyone else.

The check is generic over db.metadata: a table added later without a row in the fixture, or
without a foreign key chain to its owner, fails here until the fixture (tests/ownership.py)
and the deletion cover it.
"""

from __future__ import annotations

from sqlalchemy import select, tuple_

from tests import ownership
from tests.factories import PASSWORD
from tracker.extensions import db


def test_the_fixture_reaches_every_table(app, api):
    ownership.furnish(api)
    with app.app_context():
        empty = [name for name, rows in ownership.rows_of(api.user_id).items() if not rows]
        db.session.remove()
    assert not empty, f"furnish() gives the user no row in {empty}: add one"


def test_deleting_an_account_removes_all_of_it_and_nothing_else(app, api, other_api):
    ownership.furnish(api)
    ownership.furnish(other_api)
    with app.app_context():
        theirs_before = ownership.rows_of(other_api.user_id)
        mine = ownership.primary_keys_of(api.user_id)
        db.session.remove()
    assert all(mine.values())

    assert api.delete("/me", {"password": PASSWORD}).status_code == 204

    with app.app_context():
        left = {name: rows for name, rows in ownership.rows_of(api.user_id).items() if rows}
        theirs_after = ownership.rows_of(other_api.user_id)
        orphans = _rows_with_keys(mine)
        db.session.remove()
    assert not left, f"rows of the deleted account remain: {left}"
    assert not orphans, f"rows of the deleted account remain by id: {orphans}"
    assert theirs_after == theirs_before


def _rows_with_keys(keys_by_table: dict[str, set[tuple]]) -> dict[str, set[tuple]]:
    """Rows still present under the primary keys the deleted account's rows had (a row whose
    parent went but which stayed behind would no longer be found by following its keys)."""
    found = {}
    for table in ownership.owned_tables():
        keys = keys_by_table[table.name]
        if not keys:
            continue
        columns = list(table.primary_key.columns)
        rows = db.session.execute(select(*columns).where(tuple_(*columns).in_(list(keys))))
        remaining = {tuple(row) for row in rows}
        if remaining:
            found[table.name] = remaining
    return found
