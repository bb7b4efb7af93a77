"""What answers must look like, and proof that a refused request changed nothing."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.factories import ApiClient
from tracker.extensions import db

# Columns a read may legitimately touch (for instance "last used" stamps).
# Columns that change with use, not with data: a token's last use, and the version of the
# history the streak checkpoints go by with the day from which they are stale.
_VOLATILE = {"last_used_at", "history_version", "checkpoints_stale_from"}
# Tables a request may write to by design: the rate limiter counts failed sign-ins and
# sign-ups there (SPEC 6), and a read stores streak checkpoints (derived from the rows).
_BOOKKEEPING = {"rate_limit_hits", "streak_checkpoints"}
_ADDRESSES = itertools.count(1)


def error(answer, status: int, *fields: str, code: str | None = None) -> dict:
    """Assert a JSON error `{"error": {"code", "message", "fields"?}}` naming `fields`."""
    text = answer.get_data(as_text=True)
    assert answer.status_code == status, f"{answer.status_code}: {text[:500]}"
    assert answer.mimetype == "application/json", text[:200]
    body = answer.get_json()
    assert list(body) == ["error"], body
    err = body["error"]
    assert set(err) <= {"code", "message", "fields"}, err
    assert isinstance(err["code"], str) and err["code"], err
    assert isinstance(err["message"], str) and err["message"].strip(), err
    if code is not None:
        assert err["code"] == code, err
    if "fields" in err:
        assert err["fields"], "an empty `fields` should be left out"
        assert all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in err["fields"].items()
        )
    for name in fields:
        assert name in err.get("fields", {}), f"{name!r} not named in {err}"
    return err


def new_address() -> dict[str, str]:
    """A client address never used before, so per-address rate limits never bite a test."""
    n = next(_ADDRESSES)
    return {"REMOTE_ADDR": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}


def database_rows(app: Flask) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    with app.app_context():
        rows = {}
        for table in db.metadata.sorted_tables:
            if table.name in _BOOKKEEPING:
                continue
            columns = [c for c in table.columns if c.name not in _VOLATILE]
            result = db.session.execute(select(*columns))
            rows[table.name] = sorted((tuple(map(repr, row)) for row in result), key=repr)
        db.session.remove()
    return rows


def read_back(api: ApiClient) -> dict[str, Any]:
    """What a user reads through the API about their own things (the lists, not the derived
    views: those follow from the rows, which `unchanged` compares in full)."""
    seen: dict[str, Any] = {}
    for path in ("/me", "/goals", "/rejections", "/breaks"):
        answer = api.get(path)
        assert answer.status_code == 200, answer.get_json()
        seen[path] = answer.get_json()
    return seen


def goal_entries(api: ApiClient, category: str) -> dict[str, dict]:
    """The entries of the caller's starter goal of `category`, by date, as the API lists them."""
    goal = api.goal_ids()[category]
    return {e["date"]: e for e in api.get(f"/goals/{goal}/entries").get_json()}


def removes_only_it(api: ApiClient, path: str, keep: dict, drop: dict) -> None:
    """Of two things posted to `path`, DELETE the second: 204 with no body, the list at `path`
    holds the first alone, and the same id then answers 404."""
    kept = api.post(path, keep).get_json()
    gone = api.post(path, drop).get_json()
    answer = api.delete(f"{path}/{gone['id']}")
    assert answer.status_code == 204
    assert answer.get_data() == b""
    assert api.get(path).get_json() == [kept]
    error(api.delete(f"{path}/{gone['id']}"), 404, code="not_found")


@contextmanager
def unchanged(*readers: ApiClient | FlaskClient) -> Iterator[None]:
    """Assert that the block leaves every row of the database, and what each API client reads
    back, as it was."""
    app = _app(readers[0])
    apis = [r for r in readers if isinstance(r, ApiClient)]
    before = database_rows(app), [read_back(api) for api in apis]
    yield
    after = database_rows(app), [read_back(api) for api in apis]
    assert after[0] == before[0], "the database changed"
    assert after[1] == before[1], "what the API reads back changed"


def _app(reader: ApiClient | FlaskClient) -> Flask:
    client = reader.client if isinstance(reader, ApiClient) else reader
    return client.application
