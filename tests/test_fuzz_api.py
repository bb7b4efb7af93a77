"""Schemathesis against /api/v1/openapi.json, in process, with a real bearer token.

Every operation gets a bounded, derandomized run of generated requests, valid and invalid:
no answer may be a 5xx, every answer must carry a status the document declares, with the
declared content type and a body that matches the declared schema, and a request that breaks
the schema must be refused with a 4xx.
"""

from __future__ import annotations

import functools
import re

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories
from tests.api.document import operations as served_operations
from tests.api.expect import new_address
from tests.fixtures.loop import loop_zip
from tracker.core import limits

# Small and fixed: the whole run stays well under a minute on two busy cores.
EXAMPLES = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch):
    # Generated sign-ups hash passwords; the real cost would dominate the run.
    factories.cheap_password_hashes(monkeypatch)


@pytest.fixture
def api_schema(app, now):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=EXAMPLES
    )
    return schema


@pytest.fixture
def bearer(app, now) -> dict[str, str]:
    """A fresh account (three starter goals, ids the generator's small numbers often hit)."""
    client = factories.api_client(app, "fuzz@example.com")
    # identity: the in-process transport hands the body over without undoing gzip
    return {"Authorization": f"Bearer {client.token}", "Accept-Encoding": "identity"}


def _cases() -> list:
    """(METHOD, path, mode) for every documented operation: valid requests for each, and
    invalid ones for those that take anything (read from the served document at collection)."""
    cases = []
    for op in served_operations():
        takes = "parameters" in op.spec or "requestBody" in op.spec
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)[: 2 if takes else 1]:
            cases.append(pytest.param(op.method, op.path, mode, id=f"{mode.value} {op}"))
    return cases


@pytest.mark.parametrize(("method", "path", "mode"), _cases())
def test_every_operation_answers_as_documented(api_schema, bearer, method, path, mode):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.call_and_validate(headers=bearer, checks=CHECKS)

    run()


# Every error status the document declares must be one the API really gives: each is
# provoked below, by a rule that holds for every operation (no credentials: 401; a session
# without X-CSRFToken on a write: 403; an id nobody has: 404; a body over the limit: 413; a
# body or query value that breaks the schema: 400) or, for the rest, by a case of its own.
MISSING_ID = 999_999


def _session(app):
    client = app.test_client()
    client.environ_base.update(new_address())
    factories.sign_up_page(client, "session@example.com")
    return client


def _world(api) -> dict[str, int]:
    """Real ids where a 400 must get past the lookup of the thing named in the path."""
    application = api.post("/applications", {"company": "Acme", "role": "Dev"}).get_json()
    return {"goal_id": api.goal_ids()["apply"], "application_id": application["id"]}


def _url(path: str, ids: dict[str, int], fill: str | int) -> str:
    def value(match):
        name = match.group(1)
        return (
            "2026-02-30"
            if name == "day" and fill == "bad-day"
            else str(ids.get(name, 1) if fill in ("real", "bad-day") else fill)
        )

    return re.sub(r"{(\w+)}", value, path)


def _bad_query(op: dict) -> str:
    """Every query parameter set to what no kind of value accepts: not a date, not a number,
    no known name, longer than any search."""
    names = [p["name"] for p in op.get("parameters", []) if p["in"] == "query"]
    return "?" + "&".join(f"{name}=%7B{'x' * 300}" for name in names)


def _generic(app, api, session, op: dict, method: str, path: str, status: int, ids: dict):
    """The answer to a request made to give `status` by the rule that holds for every
    operation, or None when `status` has no such rule."""
    token = {"Authorization": f"Bearer {api.token}"}
    has_body = "requestBody" in op
    json_body = has_body and "application/json" in op["requestBody"]["content"]
    if status == 401:
        return app.test_client().open(_url(path, ids, 1), method=method, json={})
    if status == 403 and method != "GET":
        return session.open(_url(path, ids, 1), method=method, json={})
    if status == 404 and "{" in path:
        return api.client.open(_url(path, ids, MISSING_ID), method=method, json={}, headers=token)
    if status == 413 and has_body:
        raw = b'{"x": "' + b"a" * max(app.config["MAX_CONTENT_LENGTH"], IMPORT_LIMIT) + b'"}'
        kind = "application/json" if json_body else "application/zip"
        return api.client.open(
            _url(path, ids, "real"), method=method, data=raw, content_type=kind, headers=token
        )
    if status == 422:
        return _past_a_limit(api, method, _url(path, ids, "real"))
    if status == 400:
        url = _url(path, ids, "bad-day" if "{day}" in path and not has_body else "real")
        if not has_body:
            url += _bad_query(op)
        body = b'"not the shape"' if json_body else b""
        return api.client.open(
            url, method=method, data=body, content_type="application/json", headers=token
        )
    return None


# A request each operation that adds goals or journal records takes, sent with the limits of
# tracker.core.limits lowered to 0 (SPEC 6, Limits: one more answers 422).
_WITHIN_LIMITS = {
    ("POST", "/api/v1/goals"): {"category": "apply", "title": "One more"},
    ("POST", "/api/v1/applications"): {"company": "Acme", "role": "Dev"},
    ("PATCH", "/api/v1/applications/{application_id}"): {"stage": "rejected"},
    ("POST", "/api/v1/applications/{application_id}/interviews"): {
        "starts_at": "2026-03-20T10:00",
        "kind": "video",
    },
    ("POST", "/api/v1/rejections"): {"date": "2026-03-18"},
    ("POST", "/api/v1/breaks"): {"start": "2026-03-18", "end": "2026-03-18"},
    ("POST", "/api/v1/practice"): {"date": "2026-03-18", "rating": 3},
    ("POST", "/api/v1/practice/questions"): {"text": "Why us?"},
    ("POST", "/api/v1/reflections"): {"date": "2026-03-18", "text": "On it."},
    ("POST", "/api/v1/import"): {
        "format": "bring-it-on",
        "version": 1,
        "goals": [{"category": "apply", "title": "One more"}],
    },
}


def _past_a_limit(api, method: str, url: str):
    """The answer to a request the limits, lowered to 0, refuse; None for another operation."""
    template = re.sub(r"/[0-9]+(?=/|$)", "/{application_id}", url)
    headers = {"Authorization": f"Bearer {api.token}"}
    with pytest.MonkeyPatch.context() as patch:
        for name in ("MAX_GOALS", "MAX_RECORDS", "MAX_IMPORT_GOALS"):
            patch.setattr(limits, name, 0)
        if (method, url) == ("POST", "/api/v1/import/loop"):
            return api.client.post(
                url, data=loop_zip(), content_type="application/zip", headers=headers
            )
        body = _WITHIN_LIMITS.get((method, template))
        if body is None:
            return None
        return api.client.open(url, method=method, json=body, headers=headers)


def _until(status: int, send, attempts: int = 30):
    """Send until `status` comes back (a rate limit), at most `attempts` times."""
    answer = None
    for _ in range(attempts):
        answer = send()
        if answer.status_code == status:
            break
    return answer


def _special(app, api, method: str, path: str, status: int):
    """The requests that give the statuses only some operations have."""
    address = new_address()
    wrong = {"email": "fuzz@example.com", "password": "not the password"}
    names = iter(range(1000))

    def sign_up():
        body = {
            "email": f"n{next(names)}@example.com",
            "password": "long enough",
            "timezone": "UTC",
        }
        return app.test_client().post(path, json=body, environ_base=address)

    def call(body=None, query="", caller=api):
        bearer = {"Authorization": f"Bearer {caller.token}"}
        return caller.client.open(path + query, method=method, json=body, headers=bearer)

    def own_account():  # a per-account limit must not spill over to other probes
        return factories.api_client(app, f"limited-{method.lower()}@example.com")

    cases = {
        ("POST", "/api/v1/accounts", 403): lambda: _closed(app, sign_up),
        ("POST", "/api/v1/accounts", 409): lambda: app.test_client().post(
            path, json={"email": "fuzz@example.com", "password": "long enough", "timezone": "UTC"}
        ),
        ("POST", "/api/v1/accounts", 429): lambda: _until(429, sign_up),
        ("POST", "/api/v1/tokens", 401): lambda: app.test_client().post(
            path, json=wrong, environ_base=new_address()
        ),
        ("POST", "/api/v1/tokens", 429): lambda: _until(
            429, lambda: app.test_client().post(path, json={**wrong, "email": "else@example.com"})
        ),
        ("POST", "/api/v1/password-reset", 429): lambda: _until(
            429, lambda: app.test_client().post(path, json={"email": "reset@example.com"})
        ),
        ("DELETE", "/api/v1/me", 429): lambda: _until(
            429, functools.partial(call, {"password": "nope"}, caller=own_account())
        ),
        ("POST", "/api/v1/me/password", 429): lambda: _until(
            429,
            functools.partial(
                call,
                {"current_password": "nope", "new_password": "long enough"},
                caller=own_account(),
            ),
        ),
        ("POST", "/api/v1/reflections", 404): lambda: call(
            {"date": "2026-03-18", "text": "x", "rejection_id": MISSING_ID}
        ),
        ("POST", "/api/v1/rejections", 404): lambda: call(
            {"date": "2026-03-18", "application_id": MISSING_ID}
        ),
        ("POST", "/api/v1/practice/questions", 404): lambda: call(
            {"text": "Why?", "rejection_id": MISSING_ID}
        ),
        ("GET", "/api/v1/reflections/prompts", 404): lambda: call(
            query=f"?rejection_id={MISSING_ID}"
        ),
    }
    probe = cases.get((method, path, status))
    return probe() if probe else None


def _closed(app, send):
    app.config["REGISTRATION_OPEN"] = False
    try:
        return send()
    finally:
        app.config["REGISTRATION_OPEN"] = True


IMPORT_LIMIT = 64 * 1024


def test_every_documented_error_status_is_one_the_api_gives(app, now, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", IMPORT_LIMIT)
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    api = factories.api_client(app, "fuzz@example.com")
    ids, session = _world(api), _session(app)
    unreal = []
    for path, operations in document["paths"].items():
        for method, op in operations.items():
            method = method.upper()
            for status in sorted(int(s) for s in op["responses"] if int(s) >= 400):
                answer = _special(app, api, method, path, status) or _generic(
                    app, api, session, op, method, path, status, ids
                )
                got = answer.status_code if answer is not None else "no way to provoke it"
                if got != status:
                    unreal.append(f"{method} {path} declares {status}, got {got}")
    assert not unreal, "\n".join(unreal)


# The ends of Python's calendar, and either side of the product's first date: date
# arithmetic near them overflows (an OverflowError is a 500) unless the value is refused first.
EDGE_DATES = ["0001-01-01", "0001-01-02", "1999-12-31", "2000-01-01", "9999-12-30", "9999-12-31"]


def _date_parameters(op: dict) -> tuple[list[str], list[str]]:
    """(path parameters, query parameters) of `op` that take a date."""
    found: tuple[list[str], list[str]] = ([], [])
    for p in op.get("parameters", []):
        if p.get("schema", {}).get("format") == "date":
            found[p["in"] == "query"].append(p["name"])
    return found


def test_no_date_parameter_at_the_ends_of_the_calendar_gives_a_5xx(app, now):
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    api = factories.api_client(app, "fuzz@example.com")
    ids = _world(api)
    token = {"Authorization": f"Bearer {api.token}"}
    tried, broken = 0, []
    for path, operations in document["paths"].items():
        for method, op in operations.items():
            in_path, in_query = _date_parameters(op)
            if not in_path and not in_query:
                continue
            for first in EDGE_DATES:
                url = _url(path.replace("{day}", first), ids, "real")
                queries = [{name: first} for name in in_query]
                queries += [
                    dict(zip(in_query, (first, second), strict=False)) for second in EDGE_DATES
                ]
                for query in queries:
                    answer = api.client.open(
                        url, method=method.upper(), json={}, headers=token, query_string=query
                    )
                    tried += 1
                    if answer.status_code >= 500:
                        broken.append(f"{method.upper()} {url} {query}: {answer.status_code}")
    assert tried > 50
    assert not broken, "\n".join(broken)
