"""Sign-up, sign-in and sign-out pages: good paths, refused inputs, redirects."""

from __future__ import annotations

import pytest

from tests import factories
from tests.web.pages import Element, error_beside, page, parse, post
from tests.web.refusals import each_refusal
from tracker import queries
from tracker.extensions import db
from tracker.services.accounts import STARTER_GOALS


def chosen_zone(document: Element) -> str:
    """The time zone the sign-up form would send: the selected option of its list."""
    picked = document.one("select", name="timezone").all("option", selected=True)
    assert len(picked) == 1
    return picked[0].attrs["value"]


def _signup(client, **fields):
    data = {"email": "new@example.com", "password": factories.PASSWORD, "timezone": "Europe/Berlin"}
    return post(client, "/signup", {**data, **fields})


@each_refusal(
    [
        pytest.param("email", "not-an-email", "email address", id="bad-email"),
        pytest.param("email", "", "email address", id="blank-email"),
        pytest.param("password", "short", "at least 8", id="short-password"),
        pytest.param("password", " " * 8, "not only spaces", id="spaces-password"),
        pytest.param("timezone", "Mars/Olympus_Mons", "Unknown timezone", id="unknown-timezone"),
        pytest.param("timezone", "", "Unknown timezone", id="blank-timezone"),
    ]
)
def test_signup_refuses_bad_input_beside_the_field(client, app, field, value, message):
    answer = _signup(client, **{field: value})
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message.lower() in error_beside(document, field).lower()
    with app.app_context():
        assert queries.user_by_email(db.session, "new@example.com") is None


def test_signup_keeps_what_was_typed_except_the_password(client):
    answer = _signup(client, email="kept@example.com", password="short", timezone="Asia/Tokyo")
    document = parse(answer.get_data(as_text=True))
    assert document.one("input", name="email").attrs["value"] == "kept@example.com"
    assert chosen_zone(document) == "Asia/Tokyo"
    assert document.one("input", name="password").attrs["value"] == ""


def test_signup_with_a_taken_email_in_other_case_answers_409(client, app):
    factories.make_user(app, "taken@example.com")
    answer = _signup(client, email="Taken@Example.COM")
    assert answer.status_code == 409
    assert "already registered" in error_beside(parse(answer.get_data(as_text=True)), "email")


def test_signup_is_refused_with_403_when_registration_is_closed(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "REGISTRATION_OPEN", False)
    assert "taking new accounts right now" in page(client, "/signup").text()
    answer = _signup(client)
    assert answer.status_code == 403
    with app.app_context():
        assert queries.user_by_email(db.session, "new@example.com") is None


def test_signup_leads_to_today_with_the_three_starter_goals(client):
    answer = _signup(client)
    assert (answer.status_code, answer.headers["Location"]) == (302, "/welcome")
    goals = page(client, "/").all(data_goal_id=True)
    titles = [goal.one(class_="goal-title").text() for goal in goals]
    assert titles == [title for _, title in STARTER_GOALS]


def test_signup_and_login_pages_offer_email_and_password_inputs(client):
    for path in ("/signup", "/login"):
        document = page(client, path)
        assert document.one("input", type="email")
        assert document.one("input", type="password")


def test_signed_out_today_redirects_to_login(client):
    answer = client.get("/")
    assert answer.status_code in (302, 303)
    assert answer.headers["Location"].startswith("/login")


def test_login_says_what_the_app_is_and_offers_to_create_an_account(client):
    document = page(client, "/login")
    text = document.text()
    for words in ("three small goals a day", "a rejection never breaks", "Bouncing back"):
        assert words.lower() in text.lower()
    create = [a for a in document.all("a") if a.text() == "Create your account"]
    assert [a.attrs["href"] for a in create] == ["/signup"]
    assert "button" in create[0].attrs["class"].split()
    form = document.one("form", method="post", action="/login")
    assert form.one("input", type="email") and form.one("input", type="password")


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("member@example.com", "wrong password"),
        ("nobody@example.com", factories.PASSWORD),
        ("member@example.com", ""),
        ("", ""),
    ],
    ids=["wrong-password", "unknown-email", "blank-password", "blank-both"],
)
def test_login_with_wrong_credentials_answers_401_with_a_message(client, app, email, password):
    factories.make_user(app, "member@example.com")
    answer = post(client, "/login", {"email": email, "password": password})
    assert answer.status_code == 401
    document = parse(answer.get_data(as_text=True))
    assert "No account matches" in error_beside(document, "password")
    assert document.one("input", name="email").attrs["value"] == email
    assert client.get("/").status_code == 302  # still signed out


def test_login_signs_in_and_lands_on_today(client, app):
    factories.make_user(app, "member@example.com")
    answer = post(client, "/login", {"email": "MEMBER@example.com", "password": factories.PASSWORD})
    assert (answer.status_code, answer.headers["Location"]) == (302, "/")
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example",
        "//evil.example/path",
        "https://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "evil.example",
        "javascript:alert(1)",
        "/\r\nLocation: https://evil.example",
    ],
)
def test_login_ignores_a_next_that_leaves_the_site(client, app, next_url):
    factories.make_user(app, "member@example.com")
    token = factories.csrf_token(client, "/login")
    answer = client.post(
        "/login",
        query_string={"next": next_url},
        data={"email": "member@example.com", "password": factories.PASSWORD, "csrf_token": token},
    )
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location in ("/", "http://localhost/")
    assert "evil" not in location


def test_login_follows_a_next_on_this_site(client, app):
    factories.make_user(app, "member@example.com")
    assert client.get("/history").headers["Location"] == "/login?next=/history"
    token = factories.csrf_token(client, "/login")
    answer = client.post(
        "/login?next=/history",
        data={"email": "member@example.com", "password": factories.PASSWORD, "csrf_token": token},
    )
    assert answer.headers["Location"] == "/history"


def test_logout_ends_the_session(member):
    answer = post(member, "/logout", {})
    assert answer.status_code == 302
    assert member.get("/").headers["Location"].startswith("/login")


# --- the time zone list -----------------------------------------------------------------------


def test_the_time_zone_is_a_list_of_real_zones_with_their_cities(client):
    document = page(client, "/signup")
    options = {
        o.attrs["value"]: o.text() for o in document.one("select", name="timezone").all("option")
    }
    assert options["Europe/Berlin"] == "Europe/Berlin (Berlin)"
    assert options["America/New_York"] == "America/New_York (New York)"
    assert {"UTC", "Asia/Tokyo", "Australia/Sydney", "Africa/Lagos"} <= set(options)
    assert len(options) > 300
    assert chosen_zone(document) == "UTC"  # only a guess: the page says so, and JS does better
    assert "from this device" not in document.text().lower()
    assert "pick yours" in document.text()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Berlin", "Europe/Berlin"), ("new york", "America/New_York"), ("Asia/Tokyo", "Asia/Tokyo")],
)
def test_signup_takes_a_city_that_names_one_zone(client, app, typed, stored):
    assert _signup(client, timezone=typed).status_code == 302
    assert client.get("/api/v1/me").get_json()["timezone"] == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Nowhere/City", "use a name such as Europe/Berlin, or a city such as Berlin"),
        ("Atlantis", "Unknown timezone"),
        ("Buenos Aires", "America/Argentina/Buenos_Aires or America/Buenos_Aires"),
    ],
)
def test_signup_refuses_a_place_that_is_no_zone_and_says_what_to_do(client, app, typed, message):
    answer = _signup(client, timezone=typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, "timezone")
    assert chosen_zone(document) == "UTC"
    with app.app_context():
        assert queries.user_by_email(db.session, "new@example.com") is None


# --- onboarding: once, skippable, the goals -----------------------------------------------------


def _goals(client) -> dict[str, dict]:
    goals = client.get("/api/v1/goals").get_json()
    return {goal["category"]: goal for goal in goals}


def _goal_form(client, **changes) -> dict:
    """The onboarding's goal fields as they stand, with `changes` ({field: value}) applied."""
    form = {}
    for goal in _goals(client).values():
        form[f"g{goal['id']}-target"] = str(goal["target"])
        form[f"g{goal['id']}-weekdays"] = [str(day) for day in goal["weekdays"]]
    return {**form, **changes}


def _field(client, category: str, name: str) -> str:
    return f"g{_goals(client)[category]['id']}-{name}"


def test_signup_walks_through_onboarding_once_and_ends_on_today(client):
    assert _signup(client).headers["Location"] == "/welcome"
    intro = page(client, "/welcome").text()
    assert "A “no” shields your streak" in intro
    assert "Come back after one and earn a freeze" in intro
    assert page(client, "/welcome/goals").all("input", type="number")
    answer = post(client, "/welcome/goals", _goal_form(client))
    assert answer.headers["Location"] == "/welcome/reminders"
    reminders = page(client, "/welcome/reminders")
    assert reminders.one(data_controller="push")
    assert "Add to Home Screen" in reminders.text()
    done = post(client, "/welcome/done", {})
    assert (done.status_code, done.headers["Location"]) == (302, "/?welcome=1")
    assert len(page(client, done.headers["Location"]).all(data_goal_id=True)) == 3
    for path in ("/welcome", "/welcome/goals", "/welcome/reminders"):
        assert client.get(path).headers["Location"] == "/"


def test_skipping_onboarding_lands_on_today_and_it_never_comes_back(client, app):
    _signup(client)
    answer = post(client, "/welcome/done", {})
    assert answer.headers["Location"] == "/?welcome=1"
    assert client.get("/welcome").headers["Location"] == "/"
    before = _goals(client)
    late = post(
        client, "/welcome/goals", _goal_form(client, **{_field(client, "apply", "target"): "5"})
    )
    assert late.headers["Location"] == "/"
    assert _goals(client) == before  # a late post of the old form changes nothing


def test_onboarding_is_not_shown_after_signing_out_and_in(client):
    _signup(client)
    post(client, "/logout", {})
    signed_in = post(client, "/login", {"email": "new@example.com", "password": factories.PASSWORD})
    assert signed_in.headers["Location"] == "/"
    assert client.get("/welcome").headers["Location"] == "/"


def test_onboarding_sets_the_targets_and_days_of_the_three_goals(client):
    _signup(client)
    apply, practice = _field(client, "apply", "target"), _field(client, "practice", "weekdays")
    form = _goal_form(client, **{apply: "3", practice: ["1", "3", "5"]})
    assert post(client, "/welcome/goals", form).status_code == 302
    goals = _goals(client)
    assert (goals["apply"]["target"], goals["apply"]["title"]) == (3, "Send 3 applications")
    assert goals["practice"]["weekdays"] == [1, 3, 5]
    assert goals["practice"]["title"] == "Practise 1 interview answer"
    assert goals["reflect"] == {**goals["reflect"], "target": 1, "weekdays": [1, 2, 3, 4, 5, 6, 7]}


@pytest.mark.parametrize(
    ("category", "name", "value", "message"),
    [
        ("apply", "target", "0", "from 1 to 100"),
        ("apply", "target", "101", "from 1 to 100"),
        ("practice", "target", "three", "whole number"),
        ("reflect", "target", "", "whole number"),
        ("reflect", "weekdays", [], "at least one day"),
        ("practice", "weekdays", ["8"], "Monday to Sunday"),
    ],
)
def test_a_bad_value_in_onboarding_is_named_and_nothing_is_saved(
    client, category, name, value, message
):
    _signup(client)
    before = _goals(client)
    good = _field(client, "apply" if category != "apply" else "practice", "target")
    form = _goal_form(client, **{good: "4", _field(client, category, name): value})
    answer = post(client, "/welcome/goals", form)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, _field(client, category, name))
    assert "Nothing is saved yet" in document.text()
    assert document.one("input", name=good).attrs["value"] == "4"  # kept as typed
    ticked = document.all("input", name=good.replace("-target", "-weekdays"), checked=True)
    assert len(ticked) == 7  # the other goals' days stay ticked as they were sent
    assert _goals(client) == before
    assert client.get("/welcome/goals").status_code == 200  # still there to try again
