"""The OpenAPI document describes exactly the routes the app serves, and what they answer."""

from __future__ import annotations

import re

import pytest

from tests.api import contract
from tests.api.expect import error, new_address
from tests.api.test_isolation import journal_ids
from tests.factories import PASSWORD, push_subscription, sign_up_page
from tests.fixtures.loop import loop_zip

TODAY = "2026-03-18"
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def served_operations(app) -> set[tuple[str, str]]:
    """(METHOD, OpenAPI path) of every /api/v1 route but the document itself."""
    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.rule == "/api/v1/openapi.json":
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        found |= {(method, path) for method in rule.methods - IGNORED_METHODS}
    return found


def documented_operations(document) -> set[tuple[str, str]]:
    return {(method.upper(), path) for path, ops in document["paths"].items() for method in ops}


def test_document_is_openapi_3(document):
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"]
    assert document["info"]["version"]
    assert document["paths"]


def test_document_lists_every_api_route_of_the_app_and_no_other(app, document):
    served = served_operations(app)
    assert len(served) >= 21
    assert documented_operations(document) == served


def _operations(document):
    return [
        (method.upper(), path, op)
        for path, ops in document["paths"].items()
        for method, op in ops.items()
    ]


def test_every_operation_has_a_summary_a_unique_id_and_a_success_response(document):
    ids = []
    for method, path, op in _operations(document):
        assert op["summary"], (method, path)
        ids.append(op["operationId"])
        successes = [status for status in op["responses"] if status.startswith("2")]
        assert len(successes) == 1, (method, path, op["responses"])
        for status, response in op["responses"].items():
            assert response["description"], (method, path, status)
            if status == "204":
                assert "content" not in response
            elif status == "200" and op["operationId"] == "get_export_entries.csv":  # a file
                assert list(response["content"]) == ["text/csv"], (method, path, status)
            else:
                assert "application/json" in response["content"], (method, path, status)
    assert len(ids) == len(set(ids))


def test_every_error_response_is_the_error_shape(document):
    for method, path, op in _operations(document):
        for status, response in op["responses"].items():
            if int(status) >= 400:
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path, status)


def test_every_path_parameter_is_declared(document):
    for method, path, op in _operations(document):
        names = re.findall(r"{(\w+)}", path)
        declared = [p for p in op.get("parameters", []) if p["in"] == "path"]
        assert sorted(p["name"] for p in declared) == sorted(names), (method, path)
        assert all(p["required"] is True for p in declared)


def test_protected_operations_declare_401_and_security(document):
    for method, path, op in _operations(document):
        public = (method, path) == ("GET", "/api/v1/push/key")  # the VAPID public key
        anyone = ("/api/v1/accounts", "/api/v1/tokens", "/api/v1/password-reset")
        if public or (path in anyone and method == "POST"):
            assert {} in op["security"], (method, path)  # no credentials needed
        else:
            assert op["security"] and {} not in op["security"], (method, path)
            assert "401" in op["responses"], (method, path)


def test_every_ref_resolves(document):
    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                contract.resolve(node, document)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"id": 1, "category": "apply", "title": "t", "target": 1, "weekdays": [1]}, "archived"),
        (
            {
                "id": "1",
                "category": "apply",
                "title": "t",
                "target": 1,
                "weekdays": [],
                "archived": False,
            },
            "id",
        ),
        (
            {
                "id": 1,
                "category": "job",
                "title": "t",
                "target": 1,
                "weekdays": [],
                "archived": False,
            },
            "category",
        ),
        (
            {
                "id": 1,
                "category": "apply",
                "title": "t",
                "target": True,
                "weekdays": [],
                "archived": False,
            },
            "target",
        ),
        (
            {
                "id": 1,
                "category": "apply",
                "title": "t",
                "target": 1,
                "weekdays": ["1"],
                "archived": False,
            },
            "weekdays",
        ),
        (
            {
                "id": 1,
                "category": "apply",
                "title": "t",
                "target": 1,
                "weekdays": [],
                "archived": False,
                "x": 1,
            },
            "x",
        ),
    ],
)
def test_the_schema_check_catches_a_wrong_shape(document, value, problem):
    found = contract.problems(value, {"$ref": "#/components/schemas/GoalOut"}, document)
    assert found and problem in " ".join(found)


def test_the_schema_check_catches_a_malformed_date(document):
    schema = {"$ref": "#/components/schemas/BreakOut"}
    good = {"id": 1, "start": "2026-03-01", "end": "2026-03-02", "note": ""}
    assert contract.problems(good, schema, document) == []
    assert contract.problems({**good, "end": "2026-02-30"}, schema, document)
    assert contract.problems({**good, "end": "20260302"}, schema, document)


@pytest.fixture
def world(app, api, monkeypatch) -> dict:
    """One of each thing the happy calls below name by id. The device's push service is a
    closed port on this machine, so the test notification never leaves it."""
    hosts = (*app.config["PUSH_ALLOWED_HOSTS"], "127.0.0.1")
    monkeypatch.setitem(app.config, "PUSH_ALLOWED_HOSTS", hosts)
    goal = api.goal_ids()["apply"]
    api.put(f"/goals/{goal}/entries/2026-03-17", {"note": "yesterday"})
    token = api.client.post(
        "/api/v1/tokens",
        json={"email": "me@example.com", "password": PASSWORD},
        environ_base=new_address(),
    ).get_json()["id"]
    journal = journal_ids(api, "2026-03-16", "2026-03-20", "2026-03-21")
    reflection = api.post("/reflections", {"date": TODAY, "text": "Onwards."}).get_json()["id"]
    question = api.post("/practice/questions", {"text": "Why us?"}).get_json()["id"]
    closed = push_subscription("http://127.0.0.1:9/push/" + "x" * 16)
    device = api.post("/push/subscriptions", closed).get_json()["id"]
    return {
        "device": device,
        "goal": goal,
        "token": token,
        **journal,
        "reflection": reflection,
        "question": question,
    }


HAPPY = [
    (
        "POST",
        "/accounts",
        {"email": "x@example.com", "password": "long enough", "timezone": "UTC"},
        201,
    ),
    ("POST", "/tokens", {"email": "me@example.com", "password": PASSWORD, "name": "cli"}, 201),
    ("POST", "/password-reset", {"email": "me@example.com"}, 202),
    ("DELETE", "/tokens/{token}", None, 204),
    ("GET", "/me", None, 200),
    ("PATCH", "/me", {"timezone": "Asia/Tokyo"}, 200),
    ("GET", "/tokens", None, 200),
    ("POST", "/me/password", {"current_password": PASSWORD, "new_password": "a new one!"}, 204),
    ("DELETE", "/me", {"password": PASSWORD}, 204),
    ("GET", "/goals", None, 200),
    (
        "POST",
        "/goals",
        {"category": "reflect", "title": "Journal", "target": 2, "weekdays": [1, 5]},
        201,
    ),
    ("PATCH", "/goals/{goal}", {"title": "Two a day", "target": 2, "archived": False}, 200),
    ("DELETE", "/goals/{goal}", None, 204),
    ("PUT", "/goals/{goal}/entries/" + TODAY, {"value": 1, "skipped": False, "note": "ok"}, 200),
    ("DELETE", "/goals/{goal}/entries/2026-03-17", None, 204),
    ("GET", "/goals/{goal}/entries?from=2026-03-01&to=" + TODAY, None, 200),
    ("GET", "/today", None, 200),
    ("GET", "/streaks", None, 200),
    ("GET", "/insights", None, 200),
    ("GET", "/calendar?from=2026-03-10&to=" + TODAY, None, 200),
    (
        "POST",
        "/rejections",
        {"date": TODAY, "company": "Acme", "role": "Dev", "stage": "screen", "note": "-"},
        201,
    ),
    ("GET", "/rejections", None, 200),
    ("DELETE", "/rejections/{rejection}", None, 204),
    ("GET", "/breaks", None, 200),
    ("POST", "/breaks", {"start": TODAY, "end": "2026-03-25", "note": "Trip"}, 201),
    ("DELETE", "/breaks/{break}", None, 204),
    (
        "POST",
        "/applications",
        {
            "company": "Acme",
            "role": "Dev",
            "link": "https://jobs.example.com/42",
            "date": "2026-03-17",
            "stage": "screen",
        },
        201,
    ),
    ("GET", "/applications?stage=applied", None, 200),
    ("PATCH", "/applications/{application}", {"stage": "rejected", "company": "Acme Ltd"}, 200),
    ("DELETE", "/applications/{application}", None, 204),
    (
        "POST",
        "/applications/{application}/interviews",
        {
            "starts_at": "2026-03-24T14:30",
            "duration_minutes": 45,
            "kind": "technical",
            "location": "Berlin",
            "notes": "Bring the portfolio.",
        },
        201,
    ),
    ("GET", "/interviews?from=2026-03-01&to=2026-04-30", None, 200),
    (
        "PATCH",
        "/interviews/{interview}",
        {"starts_at": "2026-03-21T09:00", "outcome": "went_well", "debrief": "Good talk."},
        200,
    ),
    ("DELETE", "/interviews/{interview}", None, 204),
    ("POST", "/calendar-feed", None, 201),
    ("DELETE", "/calendar-feed", None, 204),
    ("GET", "/practice/items", None, 200),
    ("GET", "/practice/today", None, 200),
    (
        "POST",
        "/practice",
        {"date": TODAY, "item_id": "posture-reset", "rating": 4, "note": "-"},
        201,
    ),
    ("GET", "/practice", None, 200),
    ("GET", "/practice/questions", None, 200),
    ("POST", "/practice/questions", {"text": "Tell me about yourself.", "rejection_id": None}, 201),
    ("DELETE", "/practice/questions/{question}", None, 204),
    ("POST", "/reflections", {"date": TODAY, "text": "Less scared.", "prompt": "Fear?"}, 201),
    ("GET", "/reflections?q=onwards", None, 200),
    ("DELETE", "/reflections/{reflection}", None, 204),
    ("GET", "/reflections/prompts?rejection_id={rejection}", None, 200),
    ("GET", "/push/key", None, 200),
    ("POST", "/push/subscriptions", push_subscription(), 201),
    ("GET", "/push/subscriptions", None, 200),
    ("DELETE", "/push/subscriptions", {"endpoint": "https://fcm.googleapis.com/fcm/send/x"}, 204),
    ("DELETE", "/push/subscriptions/{device}", None, 204),
    # A made-up endpoint: whatever its push service says, the outcome comes back with 200.
    ("POST", "/push/subscriptions/{device}/test", None, 200),
    ("GET", "/reminders", None, 200),
    ("PUT", "/reminders", [{"kind": "nudge", "time": "20:30", "weekdays": [1, 2, 3]}], 200),
    ("GET", "/export", None, 200),
    ("POST", "/import", {"format": "bring-it-on", "version": 1, "breaks": []}, 200),
    ("GET", "/export/entries.csv", None, 200),
    ("POST", "/import/loop?category=practice", loop_zip(), 200),
]


def test_the_happy_table_below_covers_every_documented_operation(app, document):
    covered = {
        (
            method,
            contract.openapi_path(
                app,
                method,
                "/api/v1"
                + path.format(
                    goal=1,
                    token=1,
                    rejection=1,
                    application=1,
                    interview=1,
                    reflection=1,
                    question=1,
                    device=1,
                    **{"break": 1},
                ),
            ),
        )
        for method, path, _, _ in HAPPY
    }
    assert covered == documented_operations(document)


@pytest.mark.parametrize(
    ("method", "path", "body", "status"), HAPPY, ids=[f"{m} {p}" for m, p, _, _ in HAPPY]
)
def test_happy_answer_validates_against_its_declared_schema(
    app, document, api, world, conforms, method, path, body, status
):
    op = contract.operation(document, app, method, "/api/v1" + path.format(**world))
    upload = isinstance(body, bytes)  # a zip, sent as it is
    if body is not None and not upload:
        schema = op["requestBody"]["content"]["application/json"]["schema"]
        assert not contract.problems(body, schema, document), "the example body is documented"
    answer = api.client.open(
        "/api/v1" + path.format(**world),
        method=method,
        json=None if upload else body,
        data=body if upload else None,
        content_type="application/zip" if upload else None,
        headers={"Authorization": f"Bearer {api.token}"},
        environ_base=new_address(),
    )
    assert answer.status_code == status, answer.get_data(as_text=True)[:300]
    assert str(status) in op["responses"]
    conforms(answer)


def test_the_document_is_public_and_json(client):
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    assert answer.mimetype == "application/json"


ERRORS = [
    ("POST", "/goals", {"category": "nope", "title": ""}, 400),
    ("PUT", "/goals/{goal}/entries/2026-02-30", {}, 400),
    ("GET", "/calendar?from=x", None, 400),
    ("GET", "/me", None, 401),
    ("PATCH", "/goals/{goal}", {"title": "x"}, 404),
    ("DELETE", "/rejections/999999", None, 404),
    (
        "POST",
        "/accounts",
        {"email": "me@example.com", "password": "long enough", "timezone": "UTC"},
        409,
    ),
    ("POST", "/tokens", {"email": "me@example.com", "password": "wrong password"}, 401),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "status"), ERRORS, ids=[f"{s} {m} {p}" for m, p, _, s in ERRORS]
)
def test_error_answer_is_declared_and_validates(
    api, other_api, conforms, method, path, body, status
):
    headers = {} if status == 401 else {"Authorization": f"Bearer {api.token}"}
    goal = other_api.goal_ids()["apply"] if status == 404 else api.goal_ids()["apply"]
    answer = api.client.open(
        "/api/v1" + path.format(goal=goal),
        method=method,
        json=body,
        headers=headers,
        environ_base=new_address(),
    )
    error(answer, status)
    conforms(answer)


def test_a_413_is_declared_where_bodies_are_taken(api, conforms):
    goal = api.goal_ids()["apply"]
    answer = api.put(f"/goals/{goal}/entries/{TODAY}", {"note": "x" * (3 * 1024 * 1024)})
    error(answer, 413)
    conforms(answer)


def test_a_403_is_declared_for_session_writes_without_csrf(client, conforms):
    client.environ_base.update(new_address())
    sign_up_page(client, "cookie@example.com")
    error(answer := client.post("/api/v1/goals", json={"category": "apply", "title": "x"}), 403)
    conforms(answer)
