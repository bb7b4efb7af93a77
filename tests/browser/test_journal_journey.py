"""A new user's "no" in a real browser: log it, debrief it through its themes, put a habit and
the question that tripped them on the practice list, rate today's practice, log the next
application, and see the counters, badges and insights move. Then every journal page at
320 px: no sideways scrolling, targets of 48 px, nothing fetched from elsewhere."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import flows
from tests.browser.conftest import SKIP_WITHOUT_CHROMIUM, _context

pytestmark = [pytest.mark.browser, SKIP_WITHOUT_CHROMIUM]
QUESTION = "Why should we pick you over someone with more experience?"
HABIT = "Looking at the table when I am unsure"


def _counter(page, name: str):
    return page.locator(f'[data-counter="{name}"] .counter-value')


def _log_the_no(page) -> None:
    page.get_by_role("link", name="I got a rejection").click()
    page.get_by_label("Company (optional)").fill("Initech")
    page.get_by_label("Role (optional)").fill("Data analyst")
    page.get_by_label("How far did you get?").select_option("interview")
    page.get_by_role("button", name=re.compile("^Log it")).click()
    page.wait_for_url(re.compile(r"/journal/rejections/[0-9]+/debrief$"))


def test_a_no_leads_to_a_debrief_practice_and_the_next_application(phone):
    flows.sign_up(phone, "journal")
    _log_the_no(phone)
    expect(phone.get_by_role("heading", level=1)).to_have_text("After the “no” from Initech")
    celebration = phone.locator('[data-controller="celebrate"]')
    expect(celebration).to_contain_text("First no collected")
    expect(celebration).to_have_attribute("data-state", "celebrating")
    expect(phone.locator("[data-announce]")).to_have_text("New badge: First no collected.")
    phone.wait_for_timeout(700)  # the burst is over: the card as it stays
    flows.screenshot(phone, "debrief")
    celebration.get_by_role("button", name="Close").click()
    expect(celebration).to_be_hidden()

    # The debrief walks six themes; the first (the fear that comes with wanting the job) is
    # picked already, with its line under it. One answer is enough to go on.
    first = phone.get_by_role("radio").first
    expect(first).to_be_checked()
    expect(first).to_have_attribute("value", "debrief-fear")
    expect(phone.locator(".prompt-hint").first).to_contain_text("Fear comes with caring")
    phone.get_by_label("Your answer").fill("That I am not good enough for a job I really wanted.")
    phone.get_by_role("button", name="Save to my journal").click()
    expect(phone.get_by_role("status").first).to_contain_text("Saved to your journal")
    # Writing it was the reflect goal for today, on the day of the "no": a comeback.
    expect(phone.locator('[data-controller="celebrate"]')).to_contain_text("First comeback")
    # The next theme comes up: feeling outmatched by the other candidates.
    expect(phone.locator("input[name=prompt]:checked")).to_have_value("debrief-outmatched")

    # The habit question: answer it, then note the habit for the practice list in one tap.
    phone.locator(".prompt-more summary", has_text="Another question").click()
    phone.locator(".prompt-choice", has_text="left a habit").click()
    phone.get_by_label("Your answer").fill("I look at the table when I am unsure.")
    phone.get_by_role("button", name="Save to my journal").click()
    expect(phone.get_by_role("status").first).to_contain_text("A habit to work on")
    phone.get_by_role("textbox", name="A habit to work on").fill(HABIT)
    phone.get_by_role("button", name="Add the habit").click()
    expect(phone.locator("#tripped")).to_contain_text(HABIT)

    phone.get_by_label("The question that tripped you").fill(QUESTION)
    phone.get_by_role("button", name="Add the question").click()
    expect(phone.locator("#tripped")).to_contain_text(QUESTION)

    phone.get_by_role("link", name=re.compile("Today’s practice")).click()  # noqa: RUF001
    phone.wait_for_url("**/journal/practice")
    expect(phone.locator("#questions")).to_contain_text(QUESTION)
    expect(phone.locator("#questions")).to_contain_text(HABIT)
    pick = phone.locator("#pick-heading").inner_text()
    phone.locator(".rating-choice", has_text="Good").click()  # the label: a big target
    expect(phone.get_by_label("4 Good")).to_be_checked()
    phone.get_by_label("Note (optional)").fill("Slower this time.")
    phone.get_by_role("button", name="Log practice").click()
    expect(phone.locator("#recent")).to_contain_text("4/5 Good")
    expect(phone.locator("#recent")).to_contain_text(pick[:40])

    phone.get_by_role("link", name="Today", exact=True).click()
    phone.get_by_role("link", name="Log an application").click()
    phone.get_by_label("Company").fill("Globex")
    phone.get_by_label("Role").fill("Analyst")
    phone.get_by_role("button", name="Log it").click()
    expect(phone.locator(".stage-applied")).to_contain_text("Globex")

    phone.get_by_role("link", name="Today", exact=True).click()
    expect(phone.locator("[data-streak-current]")).to_have_text("1")
    expect(phone.locator("[data-streak-comebacks]")).to_have_text("1")
    for toggle in phone.locator("[data-goal-id] button[aria-pressed]").all():
        expect(toggle).to_have_attribute("aria-pressed", "true")  # all three, from the journal

    phone.get_by_role("link", name="Progress").click()
    expect(_counter(phone, "applications")).to_have_text("1")
    expect(_counter(phone, "rejections")).to_have_text("1")
    expect(_counter(phone, "comebacks")).to_have_text("1")
    expect(_counter(phone, "practice")).to_have_text("1")
    # Two debrief answers; the question and the habit are practice, not reflections.
    expect(_counter(phone, "reflections")).to_have_text("2")
    expect(phone.locator("[data-badges]")).to_contain_text("First no collected")
    expect(phone.locator("[data-badges]")).to_contain_text("First comeback")
    expect(phone.locator("[data-pace]")).to_contain_text("No interview yet from 1 application")

    phone.get_by_role("link", name="History", exact=True).click()
    expect(phone.locator("[data-comebacks]")).to_contain_text("earned a freeze")
    assert phone.problems == []


def test_a_new_badge_keeps_still_when_motion_is_reduced(browser, live_server):
    context = _context(browser, base_url=live_server, reduced_motion="reduce")
    page = context.new_page()
    flows.sign_up(page, "calm")
    _log_the_no(page)
    celebration = page.locator('[data-controller="celebrate"]')
    expect(celebration).to_contain_text("First no collected")
    expect(page.locator("[data-announce]")).to_have_text("New badge: First no collected.")
    assert celebration.get_attribute("data-state") is None
    context.close()


def test_without_javascript_the_debrief_and_practice_still_work(phone_without_js):
    page = phone_without_js
    flows.sign_up(page, "nojs")
    _log_the_no(page)
    expect(page.locator('[data-controller="celebrate"]')).to_contain_text("First no collected")
    page.get_by_label("Your answer").fill("It stung.")
    page.get_by_role("button", name="Save to my journal").click()
    expect(page.locator("details.written")).to_contain_text("1")
    page.goto("/journal/practice")
    page.get_by_label("5 Strong").check()
    page.get_by_role("button", name="Log practice").click()
    expect(page.locator("#recent")).to_contain_text("5/5 Strong")


PAGES = {
    "journal": "/journal",
    "applications": "/journal/applications",
    "practice": "/journal/practice",
    "reflections": "/journal/reflections",
    "insights": "/insights",
}
# Things to tap: each at least 48 px tall (inline links in running text are exempt).
TARGETS = (
    ".tabbar a, .subnav a, .button, .round, .chip, .shortcuts a, .step-links a, "
    ".prompt-choice span, .rating-choice span, summary, main select, main input:not([type=radio])"
)


@pytest.mark.parametrize("width", [320, 390])
def test_every_journal_page_fits_a_phone(browser, live_server, width):
    context = _context(browser, base_url=live_server)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 844})
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((live_server, "data:"))
            else None
        ),
    )
    flows.sign_up(page, "fit")
    _log_the_no(page)
    paths = {**PAGES, "debrief": page.url.removeprefix(live_server)}
    page.goto("/journal/applications/new")
    page.get_by_label("Company").fill("A company with a rather long name, Incorporated")
    page.get_by_label("Role").fill("Senior principal staff analyst of everything")
    page.get_by_role("button", name="Log it").click()
    for path in paths.values():
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{path} scrolls sideways at {width} px ({overflow})"
        shown, small = page.evaluate(
            """(selector) => {
                const shown = [...document.querySelectorAll(selector)]
                    .filter((el) => el.offsetParent !== null);
                const small = shown.filter((el) => el.getBoundingClientRect().height < 47.5);
                return [shown.length, small.map((el) => el.outerHTML.slice(0, 80))];
            }""",
            TARGETS,
        )
        assert shown >= 6, f"{path}: only {shown} targets found"
        assert small == [], f"{path}: targets under 48 px at {width} px: {small}"
    assert outside == []
    context.close()


def _seed_a_season(app, email: str) -> None:
    """Two months of a job search, through the app's own use cases: check-ins on most days,
    applications moving along the pipeline, two "no"s, practice and reflections."""
    from datetime import timedelta

    from tests import factories
    from tracker import clock, queries
    from tracker.core.days import local_date
    from tracker.extensions import db
    from tracker.services import applications, goals, journal, practice, reflections

    user_id = factories.make_user(app, email)
    with app.app_context():
        now = clock.now_utc()
        today = local_date(now, "Europe/Berlin")
        user = queries.user_by_id(db.session, user_id)
        for back in range(60, 0, -1):
            day = today - timedelta(days=back)
            for i, goal in enumerate(user.goals):
                if (back * 7 + i * 3) % 10 < (7 if day.weekday() < 5 else 4):
                    goals.check_in(db.session, user, goal.id, day, today, now)
        companies = ["Initech", "Globex", "Hooli", "Umbrella", "Stark", "Wayne", "Acme", "Soylent"]
        roles = ["Data analyst", "BI developer", "Analytics engineer", "Reporting lead"]
        for j, company in enumerate(companies):
            sent = today - timedelta(days=30 - 3 * j)
            role = roles[j % len(roles)]
            found = applications.create_application(
                db.session, user, today, now, company=company, role=role, date=sent
            )
            for stage, after in (("screen", 4), ("interview", 9), ("rejected", 15)):
                if j in {"screen": (1, 3, 5), "interview": (3, 5), "rejected": (5,)}[stage]:
                    applications.update_application(
                        db.session, user, found, sent + timedelta(days=after), now, {"stage": stage}
                    )
        journal.log_rejection(db.session, user, today, now, date=today - timedelta(days=12))
        for k in range(8):
            practice.log_session(
                db.session,
                user,
                today,
                now,
                date=today - timedelta(days=3 * k + 1),
                rating=3 + k % 3,
            )
        reflections.add_reflection(
            db.session,
            user,
            today,
            now,
            date=today - timedelta(days=2),
            text="Less rushing this week. I let the silence sit.",
            prompt=None,
        )
        db.session.commit()
        db.session.remove()


def test_a_season_of_searching_reads_well_on_a_phone(phone, app):
    """Two months of data on every new page at 390 x 844 (BIO_SCREENSHOTS saves them)."""
    email = "season@example.com"
    _seed_a_season(app, email)
    phone.goto("/login")
    phone.locator("input[type=email]").fill(email)
    phone.locator("input[type=password]").fill(flows.PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(re.compile(r"/$"))
    for name, path in {"today": "/", "history": "/history", **PAGES}.items():
        phone.goto(path)
        if name == "today":  # a two-digit streak stays on one line
            streak = phone.locator("[data-streak-current]")
            expect(streak).to_have_text("60")
            box = streak.bounding_box()
            assert box["height"] < 2 * float(
                streak.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")
            )
        if name == "insights":  # the charts, rather than the counters above them
            phone.locator("#funnel-heading").evaluate("(el) => scrollTo(0, el.offsetTop - 24)")
        flows.screenshot(phone, name)
    expect(_counter(phone, "applications")).to_have_text("8")
    expect(phone.locator("svg.chart-line")).to_have_count(3)
    points = phone.locator("svg.chart-line polyline").first.get_attribute("points")
    assert len(points.split()) == 13  # 13 evenly spaced points up to today
    expect(phone.locator("[data-pace]")).to_contain_text("At your current rate, about")
    assert phone.problems == []
