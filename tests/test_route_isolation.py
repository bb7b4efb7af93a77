"""Every route that takes an id, pages and API, every method: another user's id answers 404
and changes nothing. The routes are read from app.url_map, so routes added later are walked
too; an id parameter this test cannot fill fails it, naming the parameter."""

from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter, Rule

from tests import factories, ownership
from tests.api.expect import unchanged
from tests.factories import PASSWORD

TODAY = ownership.TODAY
OWNER = "someone-else@example.com"
# Route parameters that name the same thing as an id furnish() returns.
ALIASES = {"device_id": "subscription_id"}
# Parameters that are not ids, and the value to put in the path (a calendar feed's secret is
# its own credential: guessing one is a 404, tests/api/test_calendar_feed.py).
OTHER_PARAMETERS = {
    "day": TODAY,
    "secret": "a-guessed-feed-secret",
    "token": "a-guessed-reset-token",
}
# A body each API route accepts (so only the id can be what is wrong); {} when not listed.
API_BODIES: dict[tuple[str, str], object] = {
    ("PATCH", "/api/v1/goals/<int:goal_id>"): {"title": "Hijacked"},
    ("PUT", "/api/v1/goals/<int:goal_id>/entries/<day>"): {"value": 0, "note": "overwritten"},
    ("PATCH", "/api/v1/applications/<int:application_id>"): {"stage": "rejected"},
    ("POST", "/api/v1/applications/<int:application_id>/interviews"): {
        "starts_at": "2026-03-20T10:00",
        "kind": "video",
    },
    ("PATCH", "/api/v1/interviews/<int:interview_id>"): {"notes": "overwritten"},
}
# A page form with every field any of them reads, valid for each.
PAGE_FORM = {
    "date": TODAY,
    "action": "toggle",
    "stage": "screen",
    "title": "Hijacked",
    "target": "1",
    "weekdays": "1",
    "note": "overwritten",
    "text": "overwritten",
    "question": "What did they ask?",
    "habit": "Rushing my answers",
    "answer": "overwritten",
}


def _id_routes(app) -> list[tuple[Rule, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or not rule.arguments:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule, method))
    return found


def _path(rule: Rule, ids: dict[str, int]) -> str:
    values = {}
    for name in rule.arguments:
        if name in OTHER_PARAMETERS:
            values[name] = OTHER_PARAMETERS[name]
            continue
        key = ALIASES.get(name, name)
        assert key in ids, (
            f"{rule.rule}: no id for <{name}>; make tests/ownership.furnish() create one "
            "(or add the parameter to ALIASES / OTHER_PARAMETERS here)"
        )
        values[name] = ids[key]
    built = rule.build(values, append_unknown=False)
    assert built is not None
    return built[1]


def test_every_int_parameter_is_an_id_this_test_knows(app):
    """An int in a path is an id of someone's data; a new one must be walked below."""
    for rule, _ in _id_routes(app):
        for name, converter in rule._converters.items():
            if isinstance(converter, IntegerConverter):
                assert ALIASES.get(name, name).endswith("_id"), f"{rule.rule}: <int:{name}>"


@pytest.fixture
def victim(other_api) -> dict[str, int]:
    return ownership.furnish(other_api)


@pytest.fixture
def browser(app, api):
    """The attacker's own browser, signed in through the sign-in page."""
    client = app.test_client()
    token = factories.csrf_token(client, "/login")
    form = {"email": "me@example.com", "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=form).status_code == 302
    return client


def _send(rule: Rule, method: str, path: str, api, browser):
    if path.startswith("/api/"):
        body = API_BODIES.get((method, rule.rule), {})
        return api.client.open(
            path, method=method, json=body, headers={"Authorization": f"Bearer {api.token}"}
        )
    if method == "GET":
        return browser.get(path)
    form = {**PAGE_FORM, "csrf_token": factories.csrf_token(browser, "/")}
    return browser.open(path, method=method, data=form)


def test_another_users_ids_answer_404_everywhere_and_change_nothing(
    app, api, other_api, victim, browser
):
    wrong = []
    routes = _id_routes(app)
    assert len(routes) >= 20
    for rule, method in routes:
        path = _path(rule, victim)
        try:
            with unchanged(api, other_api):
                answer = _send(rule, method, path, api, browser)
        except AssertionError as failure:
            wrong.append(f"{method} {path} ({rule.endpoint}): {failure}")
            continue
        text = answer.get_data(as_text=True)
        if answer.status_code != 404 or OWNER in text or "private note" in text:
            wrong.append(f"{method} {path} ({rule.endpoint}): {answer.status_code} {text[:120]!r}")
    assert not wrong, "\n".join(wrong)
    assert other_api.get("/me").status_code == 200


@pytest.mark.parametrize(
    ("missing", "answers"),
    [
        (0, {404}),
        (999_999, {404}),
        # Past the largest id a column holds the router itself refuses the path: 404, or 405
        # where another method has a rule at the same path (werkzeug checks methods first).
        (2**31, {404, 405}),
        (10**20, {404, 405}),
    ],
    ids=["zero", "unused", "past-int32", "huge"],
)
def test_ids_that_name_nothing_are_refused_never_a_server_error(
    app, api, browser, missing, answers
):
    ids = dict.fromkeys(ownership.ID_NAMES, missing)
    wrong = []
    for rule, method in _id_routes(app):
        path = _path(rule, ids)
        try:
            with unchanged(api):
                answer = _send(rule, method, path, api, browser)
        except Exception as error:  # the test app lets a server error through: note it
            wrong.append(f"{method} {path}: {type(error).__name__}")
            continue
        if answer.status_code not in answers:
            wrong.append(f"{method} {path}: {answer.status_code}")
    assert not wrong, "\n".join(wrong)
