"""Your calendar (/settings/calendar): getting the secret address a phone's calendar
subscribes to, replacing it, and stopping it, as a person does in a browser."""

from __future__ import annotations

from urllib.parse import urlsplit

from icalendar import Calendar

from tests.web.pages import page, parse, post


def _new_address(client) -> str:
    answer = post(client, "/settings/calendar", {})
    assert answer.status_code == 200
    address = parse(answer.get_data(as_text=True)).one("input", id="calendar-address")
    return address.attrs["value"]


def _feed(client, address: str):
    return client.get(urlsplit(address).path)


def test_the_hub_leads_to_the_calendar_page(member):
    hub = page(member, "/settings")
    assert any(a.attrs.get("href") == "/settings/calendar" for a in hub.all("a"))
    document = page(member, "/settings/calendar")
    assert "Not subscribed yet" in document.text()
    assert not document.all("input", id="calendar-address")


def test_the_address_is_shown_once_and_serves_the_calendar(member):
    address = _new_address(member)
    assert address.startswith("http://127.0.0.1:5000/feeds/") and address.endswith(".ics")
    feed = _feed(member, address)
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    assert Calendar.from_ical(feed.get_data())["VERSION"] == "2.0"
    again = page(member, "/settings/calendar")
    assert "Your calendar is on" in again.text()
    assert not again.all("input", id="calendar-address")  # only its digest is kept
    assert address not in again.text()


def test_the_subscribe_link_is_the_same_address_over_webcal(member):
    answer = post(member, "/settings/calendar", {})
    document = parse(answer.get_data(as_text=True))
    address = document.one("input", id="calendar-address").attrs["value"]
    link = [a for a in document.all("a") if a.attrs.get("href", "").startswith("webcal://")]
    assert [a.attrs["href"] for a in link] == ["webcal://" + address.split("://", 1)[1]]
    assert answer.headers["Cache-Control"] == "no-store"


def test_a_new_address_stops_the_old_one(member):
    first = _new_address(member)
    second = _new_address(member)
    assert first != second
    assert _feed(member, first).status_code == 404
    assert _feed(member, second).status_code == 200


def test_stopping_ends_the_address(member):
    address = _new_address(member)
    answer = post(member, "/settings/calendar/stop", {})
    assert answer.status_code == 302 and answer.location.endswith("/settings/calendar")
    assert _feed(member, address).status_code == 404
    assert "Not subscribed yet" in page(member, "/settings/calendar").text()


def test_a_post_without_its_csrf_token_changes_nothing(member):
    address = _new_address(member)
    refused = member.post("/settings/calendar", data={})
    assert refused.status_code == 400
    assert member.post("/settings/calendar/stop", data={}).status_code == 400
    assert _feed(member, address).status_code == 200


def test_signed_out_people_are_sent_to_sign_in(client):
    for answer in (client.get("/settings/calendar"), post(client, "/settings/calendar", {})):
        assert answer.status_code == 302 and "/login" in answer.location
