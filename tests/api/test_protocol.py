"""HTTP-level bad input on every route: bodies that are not objects, oversized bodies, wrong
methods, unknown routes. Every answer is a JSON error, never a 500 or an HTML page."""

from __future__ import annotations

import pytest

from tests.api.document import body_schema, operations
from tests.api.expect import error, new_address, unchanged
from tracker.services import history
from tracker.web.http.uploads import IMPORT_MAX_BYTES

TODAY = "2026-03-18"
WITH_BODY = [op for op in operations() if op.json_body]
# PUT /reminders takes a list (SPEC section 6): an array is its shape, not a wrong one.
LIST_BODY = {(op.method, op.path) for op in WITH_BODY if body_schema(op).get("type") == "array"}


@pytest.fixture
def api(api):
    """The caller also owns an application with an interview, so every route with an id has
    one to name."""
    answer = api.post("/applications", {"company": "Acme", "role": "Dev"})
    assert answer.status_code == 201
    interview = {"starts_at": "2026-03-20T10:00", "kind": "video"}
    path = f"/applications/{answer.get_json()['id']}/interviews"
    assert api.post(path, interview).status_code == 201
    return api


def concrete(api, template: str) -> str:
    """A path of `template` naming the caller's own things."""
    path = template.replace("{goal_id}", str(api.goal_ids()["apply"]))
    if "{application_id}" in path:
        application = api.get("/applications").get_json()[0]["id"]
        path = path.replace("{application_id}", str(application))
    if "{interview_id}" in path:
        interview = api.get("/interviews?from=2026-03-01").get_json()[0]["id"]
        path = path.replace("{interview_id}", str(interview))
    return path.replace("{day}", TODAY)


def send(api, op, data: bytes | str, content_type: str = "application/json"):
    headers = {"Authorization": f"Bearer {api.token}", "Content-Type": content_type}
    return api.client.open(
        concrete(api, op.path),
        method=op.method,
        data=data,
        headers=headers,
        environ_base=new_address(),
    )


NOT_AN_OBJECT = {
    "malformed": "{bad json",
    "truncated": '{"title": "x"',
    "array": "[]",
    "array-of-object": '[{"title": "x"}]',
    "string": '"title"',
    "number": "42",
    "true": "true",
    "null": "null",
    "blank": "  \n",
    "invalid-utf8": b'{"title": "\xff\xfe"}',
    "lone-surrogate": '{"title": "\\ud800"}',
    "deep-nesting": '{"title": ' + "[" * 5000 + "]" * 5000 + "}",
    "huge-number": '{"title": ' + "9" * 5000 + "}",
}


@pytest.mark.parametrize(
    ("op", "form"),
    [
        (op, form)
        for op in WITH_BODY
        for form in NOT_AN_OBJECT
        if not (form == "array" and (op.method, op.path) in LIST_BODY)
    ],
    ids=str,
)
def test_body_that_is_not_a_json_object_is_400(api, op, form):
    with unchanged(api):
        answer = send(api, op, NOT_AN_OBJECT[form])
    error(answer, 400)


@pytest.mark.parametrize("op", WITH_BODY, ids=str)
def test_unknown_field_is_400_naming_it(api, op):
    listed = (op.method, op.path) in LIST_BODY
    with unchanged(api):
        answer = send(api, op, '[{"kind": "plan", "surprise": 1}]' if listed else '{"surprise": 1}')
    error(answer, 400, "0.surprise" if listed else "surprise")


@pytest.mark.parametrize("op", WITH_BODY, ids=str)
def test_body_over_max_content_length_is_413(app, api, op):
    # An import may be larger than other requests (an export of years of journal text).
    limit = (
        IMPORT_MAX_BYTES
        if op.path.startswith("/api/v1/import")
        else app.config["MAX_CONTENT_LENGTH"]
    )
    size = limit + 1
    body = '{"note": "' + "x" * (size - 12) + '"}'
    with unchanged(api):
        answer = send(api, op, body)
    error(answer, 413, code="too_large")


@pytest.mark.parametrize(
    ("path", "required"),
    [
        ("/accounts", ["email", "password", "timezone"]),
        ("/tokens", ["email", "password"]),
        ("/goals", ["category", "title"]),
        ("/rejections", ["date"]),
        ("/breaks", ["start", "end"]),
    ],
)
@pytest.mark.parametrize("body", [b"", b"{}"], ids=["empty", "empty-object"])
def test_empty_body_where_fields_are_required_is_400_naming_them(api, path, required, body):
    headers = {"Authorization": f"Bearer {api.token}", "Content-Type": "application/json"}
    with unchanged(api):
        answer = api.client.post(
            "/api/v1" + path, data=body, headers=headers, environ_base=new_address()
        )
    error(answer, 400, *required)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PUT", "/goals"),
        ("DELETE", "/goals"),
        ("GET", "/goals/1"),
        ("POST", "/goals/1"),
        ("POST", "/goals/1/entries/2026-03-18"),
        ("PATCH", "/goals/1/entries/2026-03-18"),
        ("POST", "/goals/1/entries"),
        ("POST", "/me"),
        ("PUT", "/me"),
        ("GET", "/me/password"),
        ("PUT", "/me/password"),
        ("GET", "/accounts"),
        ("DELETE", "/accounts"),
        ("PUT", "/tokens"),
        ("GET", "/tokens/1"),
        ("POST", "/today"),
        ("DELETE", "/streaks"),
        ("POST", "/calendar"),
        ("PUT", "/rejections"),
        ("GET", "/rejections/1"),
        ("PATCH", "/breaks/1"),
        ("POST", "/openapi.json"),
    ],
)
def test_wrong_method_is_405_json_with_allow(api, method, path):
    with unchanged(api):
        answer = api.call(method, path, {})
    error(answer, 405, code="method_not_allowed")
    allowed = {m.strip() for m in answer.headers["Allow"].split(",")}
    assert method not in allowed
    assert allowed - {"HEAD", "OPTIONS"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nope",
        "/api/v1/",
        "/api/v1",
        "/api/",
        "/api/v2/goals",
        "/api/v1/goals/abc",
        "/api/v1/goals/-1",
        "/api/v1/goals/1.5",
        "/api/v1/goals/1/entries/2026-03-18/extra",
        "/api/v1/GOALS",
        "/api/v1/tokens/me",
        "/api/v1/applications/../goals",
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_unknown_route_under_api_is_404_json(api, path, method):
    headers = {"Authorization": f"Bearer {api.token}"}
    answer = api.client.open(path, method=method, json={}, headers=headers)
    error(answer, 404, code="not_found")


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/goals"])
def test_api_errors_are_json_even_when_the_client_asks_for_html(client, path):
    answer = client.get(path, headers={"Accept": "text/html"})
    assert answer.status_code in (401, 404)
    assert answer.mimetype == "application/json"
    assert b"<html" not in answer.get_data().lower()


def test_body_sent_with_another_content_type_gets_a_json_answer(api):
    """A client that forgets the header gets a JSON answer, never a 500."""
    op = next(op for op in WITH_BODY if str(op) == "POST /api/v1/goals")
    answer = send(api, op, '{"category": "apply", "title": "Plain"}', "text/plain")
    assert answer.status_code in (201, 400, 415)
    assert answer.mimetype == "application/json"


def test_an_unexpected_failure_is_a_json_500_not_a_page(app, api, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    monkeypatch.setattr(history, "load_history", broken)
    error(api.get("/today"), 500, code="server_error")
