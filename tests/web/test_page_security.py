"""CSRF on every page form, security headers on every page, and the session cookie's flags."""

from __future__ import annotations

import pytest

from tests import factories
from tests.web.conftest import TODAY
from tests.web.pages import parse

SIGNED_OUT_FORMS = [
    ("/signup", {"email": "csrf@example.com", "password": factories.PASSWORD, "timezone": "UTC"}),
    ("/login", {"email": "member@example.com", "password": factories.PASSWORD}),
]
SIGNED_IN_FORMS = [
    ("/checkin/{goal}", {"date": TODAY, "action": "toggle"}),
    ("/goals", {"category": "apply", "title": "Sneaky", "target": "1", "weekdays": ["1"]}),
    ("/goals/{goal}", {"action": "archive"}),
    ("/rejections", {"date": TODAY}),
    ("/breaks", {"start": TODAY, "end": TODAY}),
    ("/logout", {}),
]
SIGNED_IN_IDS = ["checkin", "new-goal", "archive-goal", "rejection", "break", "logout"]
BAD_TOKENS = [None, "", "forged-token", "IjEyMyI.aaaa.bbbb"]


def _first_goal(client) -> int:
    html = client.get("/").get_data(as_text=True)
    return int(parse(html).all(data_goal_id=True)[0].attrs["data-goal-id"])


def _send(client, path, data, token):
    body = dict(data) if token is None else {**data, "csrf_token": token}
    return client.post(path, data=body)


@pytest.mark.parametrize("token", BAD_TOKENS, ids=["missing", "blank", "forged", "signed-junk"])
@pytest.mark.parametrize(("path", "data"), SIGNED_OUT_FORMS, ids=["signup", "login"])
def test_signed_out_forms_refuse_a_missing_or_invalid_csrf_token(client, app, path, data, token):
    factories.make_user(app, "member@example.com")
    answer = _send(client, path, data, token)
    assert answer.status_code == 400
    assert "form has expired" in parse(answer.get_data(as_text=True)).text()
    assert client.get("/").status_code == 302  # not signed in


@pytest.mark.parametrize("token", BAD_TOKENS, ids=["missing", "blank", "forged", "signed-junk"])
@pytest.mark.parametrize(("path", "data"), SIGNED_IN_FORMS, ids=SIGNED_IN_IDS)
def test_signed_in_forms_refuse_a_missing_or_invalid_csrf_token(member, path, data, token):
    goal = _first_goal(member)
    before = member.get("/").get_data(as_text=True).count('aria-pressed="true"')
    answer = _send(member, path.format(goal=goal), data, token)
    assert answer.status_code == 400
    assert "Reload the page" in parse(answer.get_data(as_text=True)).text()
    after = member.get("/")
    assert after.status_code == 200  # still signed in, nothing changed
    assert after.get_data(as_text=True).count('aria-pressed="true"') == before


def test_a_token_from_another_session_is_refused(app, member):
    other = app.test_client()
    factories.sign_up_page(other, "other@example.com")
    foreign = factories.csrf_token(other, "/")
    answer = _send(member, "/rejections", {"date": TODAY}, foreign)
    assert answer.status_code == 400


@pytest.mark.parametrize(
    "path", ["/", "/goals", "/history", "/rejections/new", "/?date=2026-03-01"]
)
def test_signed_out_pages_redirect_to_login(client, path):
    answer = client.get(path)
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(
    "path", ["/", "/goals", "/history", "/rejections/new", "/login", "/signup", "/no-such-page"]
)
def test_pages_send_security_headers(member, path):
    answer = member.get(path)
    csp = answer.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "path", ["/", "/goals", "/history", "/rejections/new", "/login", "/signup"]
)
def test_pages_hold_no_inline_script_or_style(member, path):
    """The CSP forbids them, so any that slipped in would silently not work."""
    if path in ("/login", "/signup"):
        member.post("/logout", data={"csrf_token": factories.csrf_token(member, "/")})
    document = parse(member.get(path).get_data(as_text=True))
    for script in document.all("script"):
        assert script.attrs.get("src", "").startswith("/static/"), script
        assert script.text() == ""
    assert document.all("style") == []
    assert [el for el in document.walk() if "style" in el.attrs] == []
    assert [el for el in document.walk() if any(a.startswith("on") for a in el.attrs)] == []


def test_session_cookie_is_httponly_and_samesite_lax(client):
    answer = factories.sign_up_page(client, "cookie@example.com")
    cookies = [v for k, v in answer.headers.items() if k == "Set-Cookie"]
    session = [c for c in cookies if c.startswith("bio_session=")]
    assert session, cookies
    flags = {part.strip().split("=")[0].lower(): part for part in session[0].split(";")}
    assert "httponly" in flags
    assert flags["samesite"].strip().lower() == "samesite=lax"


def test_sign_out_is_post_only(member):
    assert member.get("/logout").status_code == 405
    assert member.get("/").status_code == 200


def test_static_files_do_not_send_the_session_cookie(member):
    answer = member.get("/static/css/app.css")
    answer.close()
    assert answer.status_code == 200
    assert "Set-Cookie" not in answer.headers
    assert "Cookie" not in answer.headers.get("Vary", "")


def test_pages_still_slide_the_session_expiry(member):
    answer = member.get("/")
    cookies = [v for k, v in answer.headers.items() if k == "Set-Cookie"]
    assert any(c.startswith("bio_session=") and "Expires=" in c for c in cookies), cookies


def test_the_page_token_holds_for_every_copy_of_the_signed_in_cookie(member):
    # A request that started with the cookie of the sign-up answer, and ends after the
    # Today page was served, may hand that older copy back to the browser.
    first_copy = member.get_cookie("bio_session").value
    token = factories.csrf_token(member, "/")
    goal = _first_goal(member)
    member.set_cookie("bio_session", first_copy)
    answer = member.put(
        f"/api/v1/goals/{goal}/entries/{TODAY}",
        json={"value": 1},
        headers={"X-CSRFToken": token},
    )
    assert answer.status_code == 200, answer.get_json()
