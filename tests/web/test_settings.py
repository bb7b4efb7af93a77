"""The settings pages: the hub, changing the password, signing out everywhere, API tokens and
deleting the account, as a person uses them in a browser (forms with their CSRF token)."""

from __future__ import annotations

import pytest

from tests import factories
from tests.web.conftest import MEMBER
from tests.web.pages import error_beside, page, parse, post

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch):
    factories.cheap_password_hashes(monkeypatch)


@pytest.fixture
def elsewhere(app, member):
    """A second browser signed in to the same account."""
    other = app.test_client()
    assert _sign_in(other).status_code == 302
    return other


def _sign_in(client, password=factories.PASSWORD):
    token = factories.csrf_token(client, "/login")
    body = {"email": MEMBER, "password": password, "csrf_token": token}
    return client.post("/login", data=body)


def _bearer(client, token):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})


def _new_token(client, name="laptop script") -> str:
    answer = post(client, "/settings/tokens", {"name": name})
    assert answer.status_code == 200
    return parse(answer.get_data(as_text=True)).one("input", data_new_token=True).attrs["value"]


def test_settings_need_a_sign_in(client):
    for path in ("/settings", "/settings/password", "/settings/tokens", "/settings/delete"):
        answer = client.get(path)
        assert answer.status_code == 302
        assert answer.headers["Location"].startswith("/login?next=")


def test_the_hub_links_to_every_setting(member):
    document = page(member, "/settings")
    links = {a.attrs["href"] for a in document.all("a")}
    for path in ("/settings/reminders", "/settings/data", "/settings/password"):
        assert path in links
    assert {"/settings/tokens", "/settings/delete"} <= links
    assert MEMBER in document.text()
    assert document.one("form", action="/settings/sessions")


def test_changing_the_password_keeps_this_browser_and_signs_out_the_others(member, elsewhere):
    token = _new_token(member)
    answer = post(
        member,
        "/settings/password",
        {"current_password": factories.PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert answer.status_code == 302 and answer.headers["Location"] == "/settings"
    assert "Password changed" in page(member, "/settings").text()
    assert member.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302
    assert _bearer(member, token).status_code == 200  # tokens are not sessions
    fresh = member.application.test_client()
    assert _sign_in(fresh).status_code == 401
    assert _sign_in(fresh, NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (
            {"current_password": "not it at all", "new_password": NEW_PASSWORD},
            "current_password",
            "current password",
        ),
        (
            {"current_password": factories.PASSWORD, "new_password": "short"},
            "new_password",
            "at least 8",
        ),
        (
            {"current_password": factories.PASSWORD, "new_password": " " * 12},
            "new_password",
            "not only spaces",
        ),
        ({"current_password": factories.PASSWORD}, "new_password", "needed"),
        ({"new_password": NEW_PASSWORD}, "current_password", "needed"),
        (
            {"current_password": factories.PASSWORD, "new_password": "x" * 1025},
            "new_password",
            "1024",
        ),
    ],
    ids=["wrong-current", "too-short", "spaces", "no-new", "no-current", "too-long"],
)
def test_a_refused_password_change_says_why_and_changes_nothing(
    member, elsewhere, form, field, message
):
    answer = post(member, "/settings/password", form)
    assert answer.status_code == 400
    assert message in error_beside(parse(answer.get_data(as_text=True)), field).lower()
    assert elsewhere.get("/").status_code == 200
    assert _sign_in(member.application.test_client()).status_code == 302


@pytest.mark.parametrize(
    ("new_password", "message"),
    [("short", "at least 8"), (" " * 9, "not only spaces"), ("x" * 1025, "1024")],
    ids=["too-short", "spaces", "too-long"],
)
def test_a_wrong_current_password_and_a_bad_new_one_are_both_reported(
    member, elsewhere, new_password, message
):
    form = {"current_password": "not it at all", "new_password": new_password}
    answer = post(member, "/settings/password", form)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert "current password" in error_beside(document, "current_password").lower()
    assert message in error_beside(document, "new_password").lower()
    assert elsewhere.get("/").status_code == 200
    assert _sign_in(member.application.test_client()).status_code == 302


def test_a_right_current_password_is_not_blamed_for_a_bad_new_one(member):
    form = {"current_password": factories.PASSWORD, "new_password": "short"}
    document = parse(post(member, "/settings/password", form).get_data(as_text=True))
    assert document.all("p", id="f-current_password-error") == []


def test_wrong_current_passwords_with_bad_new_ones_count_as_failed_sign_ins(member):
    for _ in range(10):
        form = {"current_password": "guess guess", "new_password": "short"}
        assert post(member, "/settings/password", form).status_code == 400
    form = {"current_password": factories.PASSWORD, "new_password": NEW_PASSWORD}
    assert post(member, "/settings/password", form).status_code == 429


def test_wrong_current_passwords_are_rate_limited_like_sign_ins(member):
    for _ in range(10):
        form = {"current_password": "guess guess", "new_password": NEW_PASSWORD}
        assert post(member, "/settings/password", form).status_code == 400
    form = {"current_password": factories.PASSWORD, "new_password": NEW_PASSWORD}
    answer = post(member, "/settings/password", form)
    assert answer.status_code == 429
    assert int(answer.headers["Retry-After"]) <= 60
    assert "Too many wrong passwords" in parse(answer.get_data(as_text=True)).text()


@pytest.mark.parametrize("revoke", [True, False], ids=["and-tokens", "sessions-only"])
def test_sign_out_everywhere(member, elsewhere, revoke):
    token = _new_token(member)
    form = {"revoke_tokens": "yes"} if revoke else {}
    answer = post(member, "/settings/sessions", form)
    assert answer.status_code == 302
    assert elsewhere.get("/").status_code == 302
    assert member.get("/").status_code == 200  # still signed in here
    assert _bearer(member, token).status_code == (401 if revoke else 200)
    assert _sign_in(elsewhere).status_code == 302  # the password still works


def test_the_checkbox_for_tokens_shows_only_when_there_are_tokens(member):
    assert page(member, "/settings").all("input", name="revoke_tokens") == []
    _new_token(member)
    box = page(member, "/settings").one("input", name="revoke_tokens")
    assert "checked" in box.attrs


def test_a_new_token_is_shown_once_and_works(member):
    answer = post(member, "/settings/tokens", {"name": "  phone shortcut  "})
    assert answer.headers["Cache-Control"] == "no-store"
    document = parse(answer.get_data(as_text=True))
    raw = document.one("input", data_new_token=True).attrs["value"]
    me = _bearer(member, raw)
    assert me.status_code == 200 and me.get_json()["email"] == MEMBER
    listing = page(member, "/settings/tokens")
    assert listing.all("input", data_new_token=True) == []
    assert raw not in member.get("/settings/tokens").get_data(as_text=True)
    item = listing.one("li", data_token_id=True)
    assert "phone shortcut" in item.text() and "Created 18 Mar 2026" in item.text()


def test_a_token_without_a_name_is_fine(member):
    _new_token(member, name="")
    assert "Unnamed token" in page(member, "/settings/tokens").text()


@pytest.mark.parametrize("name", ["x" * 81, "nul\x00byte"], ids=["too-long", "nul"])
def test_a_bad_token_name_is_refused_beside_the_field(member, name):
    answer = post(member, "/settings/tokens", {"name": name})
    assert answer.status_code == 400
    assert error_beside(parse(answer.get_data(as_text=True)), "name")
    assert page(member, "/settings/tokens").all("li", data_token_id=True) == []


def test_revoking_a_token_stops_it(member):
    raw = _new_token(member)
    token_id = page(member, "/settings/tokens").one("li", data_token_id=True).attrs["data-token-id"]
    answer = post(member, f"/settings/tokens/{token_id}/revoke", {})
    assert answer.status_code == 302
    assert _bearer(member, raw).status_code == 401
    assert "Token revoked" in page(member, "/settings/tokens").text()


def test_someone_elses_token_cannot_be_revoked(app, member, now):
    theirs = factories.api_client(app, "stranger@example.com")
    token_id = theirs.get("/tokens").get_json()[0]["id"]
    assert post(member, f"/settings/tokens/{token_id}/revoke", {}).status_code == 404
    assert theirs.get("/me").status_code == 200


def test_deleting_the_account_signs_out_and_forgets_it(member):
    answer = post(
        member,
        "/settings/delete",
        {"email": " Member@Example.com ", "password": factories.PASSWORD},
    )
    assert answer.status_code == 302 and answer.headers["Location"] == "/login"
    assert "has been deleted" in page(member, "/login").text()
    assert member.get("/").status_code == 302
    assert _sign_in(member).status_code == 401
    assert factories.sign_up_page(member.application.test_client(), MEMBER).status_code == 302


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"email": "someone@example.com", "password": factories.PASSWORD}, "email"),
        ({"email": "", "password": factories.PASSWORD}, "email"),
        ({"email": MEMBER, "password": "not my password"}, "password"),
        ({"email": MEMBER}, "password"),
    ],
    ids=["other-email", "no-email", "wrong-password", "no-password"],
)
def test_a_refused_deletion_says_why_and_deletes_nothing(member, form, field):
    answer = post(member, "/settings/delete", form)
    assert answer.status_code == 400
    assert error_beside(parse(answer.get_data(as_text=True)), field)
    assert member.get("/").status_code == 200


SETTINGS_FORMS = [
    ("/settings/password", {"current_password": factories.PASSWORD, "new_password": NEW_PASSWORD}),
    ("/settings/sessions", {"revoke_tokens": "yes"}),
    ("/settings/tokens", {"name": "sneaky"}),
    ("/settings/delete", {"email": MEMBER, "password": factories.PASSWORD}),
]


@pytest.mark.parametrize(("path", "form"), SETTINGS_FORMS, ids=lambda v: str(v)[:20])
def test_settings_forms_refuse_a_missing_csrf_token(member, elsewhere, path, form):
    answer = member.post(path, data=form)
    assert answer.status_code == 400
    assert elsewhere.get("/").status_code == 200
    assert member.get("/").status_code == 200
    assert page(member, "/settings/tokens").all("li", data_token_id=True) == []


def _zone(client) -> str:
    return client.get("/api/v1/me").get_json()["timezone"]


def _listed_zone(document) -> str:
    """The zone the settings form shows chosen: the selected option of its list."""
    picked = document.one("select", name="timezone").all("option", selected=True)
    assert len(picked) == 1
    return picked[0].attrs["value"]


def test_moving_to_another_time_zone_moves_today_with_it(member, now):
    assert _zone(member) == "Europe/Berlin"
    answer = post(member, "/settings/timezone", {"timezone": " America/New_York "})
    assert answer.status_code == 302
    assert _zone(member) == "America/New_York"
    hub = page(member, "/settings")
    assert "Your days now follow America/New_York." in hub.text()
    assert _listed_zone(hub) == "America/New_York"


def test_the_time_zone_list_also_takes_a_city(member):
    assert post(member, "/settings/timezone", {"timezone": "Berlin"}).status_code == 302
    assert _zone(member) == "Europe/Berlin"
    assert post(member, "/settings/timezone", {"timezone": "Tokyo"}).status_code == 302
    assert _zone(member) == "Asia/Tokyo"
    assert _listed_zone(page(member, "/settings")) == "Asia/Tokyo"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param("Mars/Olympus_Mons", "unknown timezone", id="unknown"),
        pytest.param("", "unknown timezone", id="empty"),
        pytest.param("x" * 65, "64 characters or fewer", id="too-long"),
        pytest.param("Europe/Berlin\x00", "unknown timezone", id="nul"),
    ],
)
def test_a_refused_time_zone_says_why_beside_the_field_and_keeps_the_old_one(
    member, typed, message
):
    answer = post(member, "/settings/timezone", {"timezone": typed})
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, "timezone").lower()
    assert _listed_zone(document) == "Europe/Berlin"  # the zone still in force
    assert _zone(member) == "Europe/Berlin"


def test_the_time_zone_form_needs_its_csrf_token(member):
    assert member.post("/settings/timezone", data={"timezone": "Asia/Tokyo"}).status_code == 400
    assert _zone(member) == "Europe/Berlin"
