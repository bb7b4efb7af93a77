"""The applications page as a board (/journal/applications): a column per group of stages,
one tap to the next stage, search and filter, "Show more" through a long column, the CSV
download, and 2,000 applications that never make the page heavy. Every bad value in the
address is refused calmly with 400."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime, timedelta

import pytest

from tests.web.conftest import TODAY
from tests.web.journal_steps import (
    DAY,
    add_application,
    age_application,
    application_rows,
    stored,
)
from tests.web.pages import page, parse, post
from tracker.models import Application, StageChange
from tracker.services import pipeline

CSV_HEADER = "company,role,stage,date,stage_date,link,location,contact,notes"


def _column(document, key: str):
    return document.one("section", class_=f"stage-{key}")


def _cards(document, key: str) -> list[str]:
    return [li.one("h3").text() for li in _column(document, key).all("li", class_="board-card")]


def _count(document, key: str) -> int:
    return int(_column(document, key).one("h2").one("span", class_="group-count").text())


def _move(member, application: int, stage: str, **fields):
    return post(member, f"/journal/applications/{application}/stage", {"stage": stage, **fields})


def _bulk(app, count: int, stage_of, days_ago=lambda i: 40, company=lambda i: f"Company {i}"):
    """`count` applications of the member's, written straight to the database (the use cases
    would take minutes): application i at `stage_of(i)`, sent `days_ago(i)` days ago."""

    def write(session, user):
        for i in range(count):
            day = DAY - timedelta(days=days_ago(i))
            stage = stage_of(i)
            session.add(
                Application(
                    user_id=user.id,
                    company=company(i),
                    role=f"Role {i}",
                    date=day,
                    stage=stage,
                    created_at=datetime(2026, 3, 1),
                    history=[StageChange(stage=stage, date=day)],
                )
            )
        session.commit()

    stored(app, write)


def test_the_board_has_a_column_per_group_in_pipeline_order(member):
    for company, stage in [
        ("Acme", "saved"),
        ("Initech", "applied"),
        ("Globex", "screen"),
        ("Hooli", "interview"),
        ("Stark", "offer"),
        ("Wayne", "ghosted"),
        ("Umbrella", "rejected"),
        ("Soylent", "applied"),
    ]:
        application = add_application(member, company, "Analyst", stage="saved")
        if stage != "saved":
            _move(member, application, stage)
    document = page(member, "/journal/applications")
    columns = [s.attrs["id"] for s in document.one("div", class_="board").all("section")]
    assert columns == [
        "column-saved",
        "column-applied",
        "column-screen",
        "column-interview",
        "column-offer",
        "column-closed",
    ]
    assert _cards(document, "applied") == ["Soylent", "Initech"]  # newest first
    assert _cards(document, "closed") == ["Umbrella", "Wayne"]
    assert [_count(document, key) for key in ("saved", "applied", "closed")] == [1, 2, 2]
    jump = document.one("nav", aria_label="Stages")
    assert [a.attrs["href"] for a in jump.all("a")] == [f"#{c}" for c in columns]
    assert (
        "Ghosted (no reply) since 18 Mar"
        in document.one("li", class_="board-card", data_stage="ghosted").text()
    )


def test_a_card_says_since_when_and_links_to_the_application(member, app):
    application = add_application(member, "Initech", "Data analyst")
    age_application(app, application, 10)
    _move(member, application, "screen", stage_date=(DAY - timedelta(days=5)).isoformat())
    post(member, f"/journal/applications/{application}/follow-up", {})  # not a new stage
    card = page(member, "/journal/applications").one("li", id=f"application-{application}")
    assert card.one("h3").one("a").attrs["href"] == f"/journal/applications/{application}"
    assert card.one("p", class_="application-role").text() == "Data analyst"
    assert card.one("time").attrs["datetime"] == (DAY - timedelta(days=5)).isoformat()
    assert "Since 13 Mar" in card.text()


@pytest.mark.parametrize(
    ("stage", "button"),
    [
        ("saved", "Move Initech to Applied"),
        ("applied", "Move Initech to Screening call"),
        ("screen", "Move Initech to Interview"),
        ("interview", "Move Initech to Offer"),
    ],
)
def test_one_tap_moves_a_card_to_the_next_stage_today(member, app, stage, button):
    application = add_application(member, "Initech", "Analyst", stage="saved", date=TODAY)
    if stage != "saved":
        _move(member, application, stage)
    document = page(member, "/journal/applications")
    card = document.one("li", id=f"application-{application}")
    form = card.one("form", class_="next-form")
    assert form.one("button").accessible_name(document) == button
    sent = {i.attrs["name"]: i.attrs.get("value", "") for i in form.all("input")}
    assert sent["stage_date"] == TODAY  # today unless another day is picked
    answer = post(member, form.attrs["action"], sent)
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/journal/applications#application-{application}"
    assert application_rows(app)[0][-1] == pipeline.NEXT_STAGE[stage]


def test_another_day_dates_the_move(member, app):
    application = add_application(member)
    age_application(app, application, 20)
    answer = _move(member, application, "screen", stage_date="2026-03-02")
    assert answer.status_code == 302
    detail = page(member, f"/journal/applications/{application}")
    steps = [li.text() for li in detail.one("ol", class_="timeline").all("li")]
    assert steps[-1] == "2 Mar 2026 Screening call"


@pytest.mark.parametrize("stage", ["offer", "rejected", "withdrawn", "ghosted"])
def test_an_offer_or_a_closed_card_has_no_next_step(member, stage):
    application = add_application(member)
    _move(member, application, stage)
    card = page(member, "/journal/applications").one("li", id=f"application-{application}")
    assert card.all("form", class_="next-form") == []


@pytest.mark.parametrize(
    ("stage_date", "message"),
    [
        ("2026-03-19", "after today"),
        ("2026-02-30", "real date"),
        ("someday", "YYYY-MM-DD"),
        ("2026-03-01", "from 10 March 2026"),  # before the day it was sent
    ],
)
def test_a_refused_one_tap_move_says_why_on_the_card(member, app, stage_date, message):
    application = add_application(member, date="2026-03-10")
    answer = _move(member, application, "screen", stage_date=stage_date)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    card = document.one("li", id=f"application-{application}")
    date_field = card.one("input", name="stage_date")
    assert date_field.attrs["aria-invalid"] == "true"
    assert message in document.one(id=date_field.attrs["aria-describedby"]).text()
    assert date_field.attrs["value"] == stage_date  # what was typed, kept
    assert card.one("option", selected=True).attrs["value"] == "screen"
    assert application_rows(app)[0][-1] == "applied"


def test_a_refused_move_of_a_card_on_a_later_page_shows_above_the_board(member, app):
    oldest = add_application(member, "Oldest Ltd", date="2026-01-05")
    _bulk(app, pipeline.PAGE + 1, lambda i: "applied", days_ago=lambda i: 3)
    answer = _move(member, oldest, "screen", stage_date="2026-03-19")
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    refused = document.one("ul", class_="board-refused").one("li", id=f"application-{oldest}")
    assert "after today" in refused.one("p", class_="move-error").text()
    assert "Oldest Ltd" not in _cards(document, "applied")


def test_the_search_matches_company_or_role_ignoring_case(member):
    add_application(member, "Initech", "Data analyst")
    add_application(member, "Globex", "Designer")
    add_application(member, "DataCorp", "Engineer")
    add_application(member, "100% Remote_Co", "Writer")
    document = page(member, "/journal/applications?q=DATA")
    assert _cards(document, "applied") == ["DataCorp", "Initech"]
    assert document.one("p", class_="result-count").text().startswith("2 applications with “DATA”.")
    assert document.one("input", name="q").attrs["value"] == "DATA"
    assert document.one("details", class_="board-filter").attrs.get("open") == ""
    assert _cards(page(member, "/journal/applications?q=+designer+"), "applied") == ["Globex"]
    assert _cards(page(member, "/journal/applications?q=%25+R"), "applied") == ["100% Remote_Co"]
    nothing = page(member, "/journal/applications?q=0_")  # _ is no wildcard
    assert nothing.all("li", class_="board-card") == []


def test_nothing_found_says_so_and_offers_everything(member):
    add_application(member, "Initech")
    document = page(member, "/journal/applications?q=zebra")
    assert (
        document.one("p", class_="result-count").text() == "0 applications with “zebra”. Show all"
    )
    assert document.all("div", class_="board") == []


def test_the_stage_filter_shows_that_stage_alone(member):
    screen = add_application(member, "Globex")
    _move(member, screen, "screen")
    ghost = add_application(member, "Hooli")
    _move(member, ghost, "ghosted")
    add_application(member, "Initech")
    document = page(member, "/journal/applications?stage=screen")
    assert [s.attrs["id"] for s in document.all("section", class_="board-column")] == [
        "column-screen"
    ]
    assert (
        document.one("p", class_="result-count")
        .text()
        .startswith("1 application at Screening call.")
    )
    closed = page(member, "/journal/applications?stage=ghosted&q=hoo")
    assert closed.one("h2", id="group-closed").text() == "Ghosted (no reply) 1"
    assert page(member, "/journal/applications?stage=all").all("section", class_="board-column")


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("q=" + "x" * 121, "q", "120 characters or fewer"),
        ("q=a%00b", "q", "NUL"),
        ("stage=hired", "stage", "Pick one of the stages"),
        ("stage=Applied", "stage", "Pick one of the stages"),
        ("stage=applied,screen", "stage", "Pick one of the stages"),
        ("applied_from=-30", "board", "does not exist"),
        ("applied_from=thirty", "board", "does not exist"),
        ("applied_from=99999999999999999999999", "board", "does not exist"),
        ("applied_from=３０", "board", "does not exist"),  # noqa: RUF001 (full-width digits)
    ],
)
def test_a_bad_filter_is_refused_calmly(member, query, field, message):
    add_application(member, "Initech")
    answer = member.get(f"/journal/applications?{query}")
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    if field == "board":
        assert message in document.one("p", class_="board-error").text()
    else:
        control = document.one(id=f"f-{field}")
        assert control.attrs["aria-invalid"] == "true"
        assert message in document.one(id=control.attrs["aria-describedby"]).text()
    assert _cards(document, "applied") == ["Initech"]  # the board, unfiltered


def test_show_more_pages_through_a_long_column(member, app):
    total = pipeline.PAGE * 2 + 5
    _bulk(app, total, lambda i: "applied", days_ago=lambda i: i % 10)
    _bulk(app, 3, lambda i: "screen", company=lambda i: f"Screen {i}")
    first = page(member, "/journal/applications")
    assert _count(first, "applied") == total
    assert len(_cards(first, "applied")) == pipeline.PAGE
    seen = _cards(first, "applied")
    more = _column(first, "applied").one("a", class_="button")
    address = more.attrs["href"]
    assert address == f"/journal/applications?applied_from={pipeline.PAGE}#column-applied"
    for _ in range(2):
        following = page(member, address.split("#")[0])
        assert _count(following, "applied") == total
        assert _cards(following, "screen") == ["Screen 2", "Screen 1", "Screen 0"]
        seen += _cards(following, "applied")
        links = _column(following, "applied").all("a", class_="button")
        assert links[-1].text() == "Back to the newest Applied"
        assert links[-1].attrs["href"] == "/journal/applications#column-applied"
        address = links[0].attrs["href"]
    assert len(seen) == len(set(seen)) == total  # each card once, none left out
    far = page(member, "/journal/applications?applied_from=5000")
    assert "Nothing more here." in _column(far, "applied").text()


def test_show_more_keeps_the_search_and_the_other_columns_pages(member, app):
    _bulk(app, pipeline.PAGE + 2, lambda i: "applied", company=lambda i: f"Acme {i}")
    _bulk(app, pipeline.PAGE + 2, lambda i: "screen", company=lambda i: f"Acme S{i}")
    document = page(member, f"/journal/applications?q=acme&screen_from={pipeline.PAGE}")
    more = _column(document, "applied").one("a", class_="button").attrs["href"]
    assert more == (
        f"/journal/applications?q=acme&applied_from={pipeline.PAGE}&screen_from={pipeline.PAGE}"
        "#column-applied"
    )
    assert _cards(document, "screen") == ["Acme S1", "Acme S0"]


def test_two_thousand_applications_make_a_light_page_with_true_counts(member, app):
    """Every one of them quiet for weeks: the heaviest card, with the follow-up prompt too."""
    stages = ("saved", "applied", "screen", "interview", "offer", "rejected", "ghosted")

    def stage_of(i: int) -> str:
        return stages[i % 7] if i % 3 else "applied"

    _bulk(app, 2000, stage_of, days_ago=lambda i: 30 + i % 50)
    answer = member.get("/journal/applications")
    assert answer.status_code == 200
    size = len(answer.get_data())
    assert size < 150_000, f"the board weighs {size} bytes"
    document = parse(answer.get_data(as_text=True))
    held = Counter(stage_of(i) for i in range(2000))
    expected = {key: held[key] for key in ("saved", "applied", "screen", "interview", "offer")}
    expected["closed"] = held["rejected"] + held["ghosted"]
    assert expected["applied"] > 800 and expected["closed"] > 350
    assert {key: _count(document, key) for key in expected} == expected
    assert len(document.all("li", class_="board-card")) == 6 * pipeline.PAGE
    assert len(document.all("div", class_="quiet")) == 3 * pipeline.PAGE
    alone = member.get("/journal/applications?stage=applied")
    assert len(alone.get_data()) < 150_000
    assert len(parse(alone.get_data(as_text=True)).all("li", class_="board-card")) == (
        pipeline.PAGE_ALONE
    )


def test_the_pipeline_downloads_as_csv_every_cell_spreadsheet_safe(member, app):
    application = add_application(
        member,
        '=HYPERLINK("http://evil")',
        "+Analyst",
        link="https://jobs.example.com/1",
        date="2026-03-10",
        contact="@Dana",
        location="-Berlin",
        notes="Fine = good",
    )
    _move(member, application, "screen", stage_date="2026-03-12")
    add_application(member, "Globex", "Designer", stage="saved")
    answer = member.get("/journal/applications.csv")
    assert answer.status_code == 200
    assert answer.mimetype == "text/csv"
    assert "attachment" in answer.headers["Content-Disposition"]
    assert answer.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True), newline="")))
    assert ",".join(rows[0]) == CSV_HEADER
    assert rows[1:] == [
        ["Globex", "Designer", "saved", TODAY, TODAY, "", "", "", ""],
        [
            '\'=HYPERLINK("http://evil")',
            "'+Analyst",
            "screen",
            "2026-03-10",
            "2026-03-12",
            "https://jobs.example.com/1",
            "'-Berlin",
            "'@Dana",
            "Fine = good",
        ],
    ]
    link = page(member, "/journal/applications").one("a", class_="board-download")
    assert link.attrs["href"] == "/journal/applications.csv"


def test_the_csv_follows_the_search_and_refuses_a_bad_one(member):
    add_application(member, "Initech")
    add_application(member, "Globex")
    document = page(member, "/journal/applications?q=glob&stage=applied")
    href = document.one("a", class_="board-download").attrs["href"]
    assert href == "/journal/applications.csv?q=glob&stage=applied"
    rows = list(csv.reader(io.StringIO(member.get(href).get_data(as_text=True))))
    assert [r[0] for r in rows[1:]] == ["Globex"]
    refused = member.get("/journal/applications.csv?stage=hired")
    assert refused.status_code == 400
    assert "Pick one of the stages" in refused.get_data(as_text=True)


def test_the_csv_is_for_signed_in_people(app, now):
    answer = app.test_client().get("/journal/applications.csv")
    assert answer.status_code in (302, 303)
    assert answer.headers["Location"].startswith("/login")


def test_the_board_and_the_csv_show_only_the_members_applications(member, stranger_ids):
    add_application(member, "Initech")
    assert "Their Co" not in page(member, "/journal/applications").text()
    assert "Their Co" not in member.get("/journal/applications.csv").get_data(as_text=True)


def test_stage_since_ignores_follow_ups(app, member):
    application = add_application(member)
    age_application(app, application, 30)
    post(member, f"/journal/applications/{application}/follow-up", {})

    def since(session, user):
        return pipeline.stage_since(session.get(Application, application))

    assert stored(app, since) == DAY - timedelta(days=30)
