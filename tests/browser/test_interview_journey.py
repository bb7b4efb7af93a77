"""The interview journey in a real browser: a listing saved to apply to later, applied to with
one tap on the board, an interview scheduled, its prep page; then the day's messages, built by
a real sweep, sent through the local push service and handed to the service worker with CDP,
each opening its page; and after it, how it went, then either the next stage or the "no"
with its debrief."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser import flows
from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM
from tracker import scheduler
from tracker.extensions import db
from tracker.models import Interview

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]
JOURNEY = ("interview_prep", "interview_pep", "interview_after")


def _today(page) -> date:
    return date.fromisoformat(page.locator("[data-today]").first.get_attribute("data-today"))


def _to_the_interview(page) -> int:
    """Save a listing at Acme, apply with one tap on the board, schedule a video interview
    tomorrow at 10:00 on its page; returns the interview's id."""
    page.goto("/")
    tomorrow = (_today(page) + timedelta(days=1)).isoformat()
    page.goto("/journal/applications/new")
    page.get_by_label("Saved to apply to later").check()
    page.get_by_label("Company").fill("Acme")
    page.get_by_label("Role").fill("Backend engineer")
    page.get_by_role("button", name="Log it").click()
    page.goto("/journal/applications")
    page.get_by_role("button", name="Move Acme to Applied").click()
    card = page.locator(".board-card", has_text="Acme")
    expect(card).to_have_attribute("data-stage", "applied")
    card.get_by_role("link", name="Acme").click()
    page.get_by_label("Date", exact=True).fill(tomorrow)
    page.get_by_label("Time", exact=True).fill("10:00")
    page.get_by_role("button", name="Schedule it").click()
    expect(page.locator(".interviews li")).to_have_count(1)
    link = page.get_by_role("link", name=re.compile("Get ready"))
    return int(re.search(r"interviews/([0-9]+)/prep", link.get_attribute("href")).group(1))


def _messages_of_the_day(app, page, push_service, interview_id: int) -> tuple[list, list]:
    """What real sweeps at each message's due instant sent to the local push service for
    this user's other device, in order, and those instants."""
    info = push_service.subscribe(app.config["VAPID_PUBLIC_KEY"])
    flows.api_call(page, "POST", "/push/subscriptions", info)
    with app.app_context():
        interview = db.session.scalars(select(Interview).where(Interview.id == interview_id)).one()
        due = [interview.prep_at, interview.pep_at, interview.after_at]
        db.session.remove()
    for instant in due:
        scheduler.sweep(app, instant.replace(tzinfo=UTC) + timedelta(seconds=5))
    sent = [r.payload for r in push_service.received if r.payload["kind"] in JOURNEY]
    return sent, [instant.replace(tzinfo=UTC) for instant in due]


def _open_from_notification(page, message: tuple, live_server: str, now) -> None:
    """At the instant the message was due, it reaches the worker and is tapped."""
    payload, due = message
    now.value = due
    flows.deliver_push(page, payload)
    result = flows.click_notification(page, payload["tag"])
    assert result["outcome"] == "opened"
    page.wait_for_url(f"{live_server}{payload['url']}")


@pytest.fixture
def booked(app, now, phone, live_server, push_service, local_push):
    """A person with an interview tomorrow, and the day's three messages as sent: (payload,
    when it was due) each."""
    now.value = datetime.now(UTC)
    phone.context.grant_permissions(["notifications"], origin=live_server)
    flows.sign_up(phone, "journey")
    flows.wait_until_controlled(phone)
    interview_id = _to_the_interview(phone)
    phone.goto("/")
    flows.wait_for(phone, "import('/static/js/outbox.js').then((o) => o.getSession())")
    sent, due = _messages_of_the_day(app, phone, push_service, interview_id)
    return interview_id, list(zip(sent, due, strict=True))


def test_the_day_of_the_interview_from_prep_to_the_next_stage(phone, live_server, now, booked):
    interview_id, (prep, pep, after) = booked
    assert [prep[0]["kind"], pep[0]["kind"], after[0]["kind"]] == list(JOURNEY)
    assert prep[0]["title"] == "Tomorrow: interview at Acme"

    # The evening before: the message opens the prep page, where the plan is written.
    _open_from_notification(phone, prep, live_server, now)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Before the interview")
    expect(phone.locator(".prep-countdown")).to_have_text("Tomorrow")
    phone.get_by_label("Your plan").fill("If I freeze, then I will ask for a moment and breathe.")
    phone.get_by_role("button", name="Keep my plan").click()
    expect(phone.get_by_role("status").first).to_contain_text("Your plan is kept")

    # Two hours before: the pep talk opens the same page, the plan there.
    phone.goto("/")
    _open_from_notification(phone, pep, live_server, now)
    expect(phone.locator(".prep-countdown")).to_have_text("Today")
    expect(phone.get_by_label("Your plan")).to_have_value(re.compile("^If I freeze"))

    # An hour after: "How did it go?" opens the interview on its application's page.
    _open_from_notification(phone, after, live_server, now)
    item = phone.locator(f"#interview-{interview_id}")
    item.get_by_label("It went well").check()
    item.get_by_label("A short debrief (optional)").fill("Calm on the system design question.")
    item.get_by_role("button", name="Save how it went").click()
    expect(phone.locator(f"#interview-{interview_id}")).to_contain_text("It went well")

    # Then the next stage: an offer, celebrated.
    phone.goto("/journal/applications")
    phone.get_by_role("button", name="Move Acme to Offer").click()
    expect(phone.locator(".board-card", has_text="Acme")).to_have_attribute("data-stage", "offer")
    assert phone.problems == []


def test_after_the_interview_a_no_names_its_application_and_opens_its_debrief(
    phone, live_server, now, booked
):
    interview_id, (_prep, _pep, after) = booked
    _open_from_notification(phone, after, live_server, now)
    item = phone.locator(f"#interview-{interview_id}")
    item.get_by_label("It went badly").check()
    item.get_by_role("button", name="Save how it went").click()

    phone.goto("/")
    phone.get_by_role("link", name="I got a rejection").click()
    acme = phone.locator("select[name=application_id] option", has_text="Acme")
    phone.get_by_label("Which application is it? (optional)").select_option(
        acme.get_attribute("value")
    )
    phone.get_by_role("button", name=re.compile("^Log it")).click()
    phone.wait_for_url(re.compile(r"/journal/rejections/[0-9]+/debrief$"))
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Acme")
    phone.goto("/journal/applications")
    expect(phone.locator(".board-card", has_text="Acme")).to_have_attribute(
        "data-stage", "rejected"
    )
    assert phone.problems == []
