"""The share target (SPEC section 9): a shared listing opens a filled "Save this listing" form,
one tap saves it as a `saved` application (never counted), bad input is refused beside its
field, and a share made signed out survives signing in. And the count the Today page gives
the app badge."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests import factories
from tests.web.conftest import MEMBER, TODAY
from tests.web.journal_steps import application_rows, goal_done
from tests.web.pages import error_beside, page, parse, post, today_goals

APPLY = "Send 1 application"
LISTING = "https://jobs.example.com/backend-42"


def _share(**params) -> str:
    return "/share?" + urlencode(params)


def _values(document) -> dict[str, str]:
    return {name: document.one("input", name=name).attrs.get("value", "") for name in FIELDS}


FIELDS = ("company", "role", "link")


@pytest.mark.parametrize(
    ("params", "company", "role", "link"),
    [
        ({"title": "Senior Engineer at Acme", "url": LISTING}, "Acme", "Senior Engineer", LISTING),
        (
            {"title": "Backend Developer - Acme | LinkedIn", "text": f"Look: {LISTING}."},
            "Acme",
            "Backend Developer",
            LISTING,
        ),
        ({"text": f"Acme – Data Analyst {LISTING}"}, "Acme", "Data Analyst", LISTING),  # noqa: RUF001
        ({"title": "Job: Designer (Initech)"}, "Initech", "Designer", ""),
        ({"title": "Careers", "url": LISTING}, "", "", LISTING),  # unsure: left empty
        ({}, "", "", ""),
    ],
)
def test_a_share_opens_the_form_filled_from_what_was_shared(member, params, company, role, link):
    document = page(member, _share(**params))
    assert document.one("h1").text().strip() == "Save this listing"
    assert _values(document) == {"company": company, "role": role, "link": link}
    assert document.one("button", class_="button-primary").text().strip() == "Save it"


def test_save_it_keeps_a_saved_listing_that_does_not_count_towards_the_apply_goal(member, app):
    values = {"company": "Acme", "role": "Senior Engineer", "link": LISTING}
    answer = post(member, "/share", values)
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location.startswith("/journal/applications/")
    assert application_rows(app) == [("Acme", "Senior Engineer", LISTING, TODAY, "saved")]
    detail = member.get(location)
    assert detail.status_code == 200
    assert "Saved for later: Acme, Senior Engineer" in detail.get_data(as_text=True)
    assert not goal_done(member, APPLY)


def test_a_listing_without_a_link_is_saved_too(member, app):
    assert (
        post(member, "/share", {"company": "Acme", "role": "Engineer", "link": ""}).status_code
        == 302
    )
    assert application_rows(app) == [("Acme", "Engineer", None, TODAY, "saved")]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"company": "", "role": "Engineer"}, "company"),
        ({"company": "   ", "role": "Engineer"}, "company"),
        ({"company": "Acme", "role": ""}, "role"),
        ({"company": "A" * 121, "role": "Engineer"}, "company"),
        ({"company": "Acme", "role": "R" * 121}, "role"),
        ({"company": "Acme", "role": "Engineer", "link": "ftp://example.com/job"}, "link"),
        ({"company": "Acme", "role": "Engineer", "link": "javascript:alert(1)"}, "link"),
        (
            {"company": "Acme", "role": "Engineer", "link": "https://x.example/" + "a" * 2000},
            "link",
        ),
    ],
)
def test_a_bad_form_comes_back_with_a_message_beside_the_field_and_saves_nothing(
    member, app, values, field
):
    answer = post(member, "/share", values)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert error_beside(document, field)
    assert document.one("input", name="company").attrs.get("value", "") == values["company"]
    assert application_rows(app) == []


@pytest.mark.parametrize(
    "params",
    [
        {"title": "x" * 1_000_000},
        {"text": "y " * 200_000, "url": "z" * 100_000},
        {
            "title": "\x00\x01\x1b[31mEngineer\x7f at \x00Acme\r\n",
            "text": "\x00https://a.example/\x00",
        },
        "title=%ED%A0%80%FF%00&url=https://%E2%80%AEjobs.example/&text=%C3",  # bad UTF-8
        {"title": "Engineer at \u202eemcA", "url": "https://jobs.example/\u2028"},
        {"url": "javascript:alert(1)", "title": "<script>alert(1)</script> at Acme"},
    ],
)
def test_absurd_or_hostile_shares_never_break_the_page(member, params):
    answer = member.get("/share", query_string=params)
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert "<script>alert" not in html
    document = parse(html)
    for value in _values(document).values():
        assert len(value) <= 2001
        assert not any(ord(char) < 0x20 for char in value)


def test_the_control_characters_of_a_title_are_dropped_before_the_guess(member):
    document = page(member, _share(title="Engineer\x00\n at \x1bAcme\r\n"))
    assert _values(document)["company"] == "Acme"
    assert _values(document)["role"] == "Engineer"


def test_signed_out_the_share_survives_signing_in(client, app):
    factories.make_user(app, MEMBER)
    shared = _share(title="Senior Engineer at Acme", text="Have a look", url=LISTING)
    answer = client.get(shared)
    assert answer.status_code == 302
    login = urlsplit(answer.headers["Location"])
    assert login.path == "/login"
    carried = parse_qs(login.query)["next"][0]
    assert carried == shared
    form = page(client, answer.headers["Location"])  # the sign-in form keeps `next`
    action = form.one("form", method="post").attrs["action"]
    signed_in = post(client, action, {"email": MEMBER, "password": factories.PASSWORD})
    assert signed_in.status_code == 302
    assert signed_in.headers["Location"] == shared
    document = page(client, signed_in.headers["Location"])
    assert _values(document) == {"company": "Acme", "role": "Senior Engineer", "link": LISTING}


def test_a_huge_share_made_signed_out_carries_what_the_form_needs_in_a_short_address(client, app):
    factories.make_user(app, MEMBER)
    answer = client.get(
        "/share",
        query_string={"title": "Senior Engineer at Acme", "text": f"{LISTING} " + "w" * 50_000},
    )
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert len(location) < 4000  # within what a proxy takes as a request line
    carried = parse_qs(urlsplit(location).query)["next"][0]
    assert carried.startswith("/share?")
    token = factories.csrf_token(client, "/login")
    client.post(
        location, data={"email": MEMBER, "password": factories.PASSWORD, "csrf_token": token}
    )
    document = page(client, carried)
    assert _values(document) == {"company": "Acme", "role": "Senior Engineer", "link": LISTING}


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example/share?title=x",
        "https://evil.example/share",
        "/\\evil.example/share",
        "/share\r\nLocation: https://evil.example",
    ],
)
def test_signing_in_never_follows_a_next_to_another_site(client, app, next_url):
    factories.make_user(app, MEMBER)
    token = factories.csrf_token(client, "/login")
    answer = client.post(
        "/login",
        query_string={"next": next_url},
        data={"email": MEMBER, "password": factories.PASSWORD, "csrf_token": token},
    )
    assert answer.status_code == 302
    assert urlsplit(answer.headers["Location"]).netloc in ("", "localhost")
    assert "evil" not in answer.headers["Location"]


def test_a_share_of_another_sites_address_stays_a_form_field(client, app):
    """A shared `url` is the listing's link, never where the app sends anyone."""
    factories.make_user(app, MEMBER)
    answer = client.get(_share(url="https://evil.example/"))
    assert urlsplit(answer.headers["Location"]).path == "/login"
    assert parse_qs(urlsplit(answer.headers["Location"]).query)["next"][0].startswith("/share?")


def test_saving_signed_out_asks_to_sign_in_and_saves_nothing(client, app):
    token = factories.csrf_token(client, "/login")
    answer = client.post(
        "/share", data={"company": "Acme", "role": "Engineer", "csrf_token": token}
    )
    assert answer.status_code == 302
    assert urlsplit(answer.headers["Location"]).path == "/login"


# --- the app badge's count on the Today page ---------------------------------------------------


def _open_goals(client, path: str = "/") -> str | None:
    return page(client, path).one("ul", data_controller="today").attrs.get("data-open-goals")


def test_today_says_how_many_of_todays_goals_are_still_open_for_the_app_badge(member):
    assert _open_goals(member) == "3"
    goals = {
        title: int(el.attrs["data-goal-id"]) for title, el in today_goals(page(member, "/")).items()
    }
    titles = list(goals)
    assert (
        post(
            member, f"/checkin/{goals[titles[0]]}", {"date": TODAY, "action": "toggle"}
        ).status_code
        == 302
    )
    assert _open_goals(member) == "2"
    assert (
        post(member, f"/checkin/{goals[titles[1]]}", {"date": TODAY, "action": "skip"}).status_code
        == 302
    )
    assert _open_goals(member) == "1"  # a rest day is not open either
    assert (
        post(
            member, f"/checkin/{goals[titles[2]]}", {"date": TODAY, "action": "toggle"}
        ).status_code
        == 302
    )
    assert _open_goals(member) == "0"


def test_a_past_day_says_nothing_for_the_badge(member):
    assert _open_goals(member, "/?date=2026-03-17") is None


def test_the_share_form_sits_under_the_journal_tab(member):
    """Saving a listing is journal work: the tab bar says where the person is."""
    document = page(member, "/share?title=Engineer%20at%20Acme")
    [current] = document.one("nav", **{"aria-label": "Main"}).all("a", **{"aria-current": "page"})
    assert current.attrs["href"] == "/journal"
