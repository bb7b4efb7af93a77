"""Around the journal: the five tabs, sign-in and CSRF on every journal form, no inline
script or style, ids too large for any row, and a badge celebrated once per browser."""

from __future__ import annotations

import pytest

from tests import factories
from tests.web.conftest import TODAY
from tests.web.journal_steps import log_rejection, reflection_rows
from tests.web.pages import page, parse, post


@pytest.mark.parametrize(
    ("path", "tab"),
    [
        ("/", "Today"),
        ("/journal", "Journal"),
        ("/journal/applications", "Journal"),
        ("/journal/applications/new", "Journal"),
        ("/journal/practice", "Journal"),
        ("/journal/reflections", "Journal"),
        ("/journal/rejections", "Journal"),
        ("/rejections/new", "Journal"),
        ("/insights", "Progress"),
        ("/history", "Progress"),
        ("/goals", "Goals"),
    ],
)
def test_the_tab_bar_has_five_tabs_and_marks_where_you_are(member, path, tab):
    bar = page(member, path).one("nav", class_="tabbar")
    links = bar.all("a")
    names = [a.accessible_name(bar) for a in links]
    assert names == ["Today", "Journal", "Progress", "Goals", "Settings"]
    assert links[-1].attrs["href"] == "/settings"
    current = [a.accessible_name(bar) for a in links if a.attrs.get("aria-current") == "page"]
    assert current == [tab]


JOURNAL_PAGES = [
    "/journal",
    "/journal/rejections",
    "/journal/applications",
    "/journal/applications/new",
    "/journal/practice",
    "/journal/reflections",
    "/insights",
]


@pytest.mark.parametrize("path", JOURNAL_PAGES)
def test_journal_pages_need_a_sign_in(client, path):
    answer = client.get(path)
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("path", JOURNAL_PAGES)
def test_journal_pages_hold_no_inline_script_or_style(member, path):
    log_rejection(member)  # so the debrief-related parts and a celebration render too
    document = parse(member.get(path).get_data(as_text=True))
    for script in document.all("script"):
        assert script.attrs.get("src", "").startswith("/static/") and script.text() == ""
    assert document.all("style") == []
    assert [el for el in document.walk() if "style" in el.attrs] == []
    assert [el for el in document.walk() if any(a.startswith("on") for a in el.attrs)] == []


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/journal/applications", {"company": "Sneaky", "role": "Role"}),
        ("/journal/practice", {"date": TODAY, "rating": "3"}),
        ("/journal/practice/questions", {"question": "Sneaky?"}),
        ("/journal/reflections", {"text": "Sneaky", "date": TODAY}),
    ],
)
@pytest.mark.parametrize("token", [None, "forged"])
def test_journal_forms_refuse_a_missing_or_forged_csrf_token(member, app, path, data, token):
    body = dict(data) if token is None else {**data, "csrf_token": token}
    answer = member.post(path, data=body)
    assert answer.status_code == 400
    assert "Reload the page" in parse(answer.get_data(as_text=True)).text()
    assert reflection_rows(app) == []


def test_a_fresh_session_is_not_shown_old_badges_again(app, member):
    rejection = log_rejection(member)
    first = page(member, f"/journal/rejections/{rejection}/debrief")
    assert "First no collected" in first.one(data_controller="celebrate").text()
    again = page(member, f"/journal/rejections/{rejection}/debrief")
    assert again.all(data_controller="celebrate") == []
    other = app.test_client()
    token = factories.csrf_token(other, "/login")
    other.post(
        "/login",
        data={"email": "member@example.com", "password": factories.PASSWORD, "csrf_token": token},
    )
    assert page(other, "/").all(data_controller="celebrate") == []


@pytest.mark.parametrize(
    "path",
    [
        "/rejections/2147483648/delete",
        "/breaks/99999999999/delete",
        "/checkin/99999999999",
        "/journal/reflections/2147483648/delete",
        "/journal/applications/2147483648/follow-up",
    ],
)
def test_an_id_too_large_for_any_row_answers_404(member, path):
    """An INTEGER column ends at 2**31 - 1: a larger id is nobody's (and never reaches
    PostgreSQL, which would refuse to compare it)."""
    assert post(member, path, {"date": TODAY, "action": "toggle"}).status_code == 404
