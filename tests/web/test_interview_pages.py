"""Interviews on an application's own page (SPEC section 4) and the next ones on Today:
scheduling, changing, cancelling with undo, saying how it went. Every bad input is refused
beside its field, with what was typed kept, and never answered with a 500.

The tests' clock stands on Wednesday 2026-03-18, 13:00 in Berlin."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from tests import factories
from tests.web.journal_steps import add_application, stored
from tests.web.pages import error_beside, page, parse, post
from tests.web.refusals import each_refusal
from tracker import queries
from tracker.extensions import db
from tracker.services import interviews

# The form's names stand apart from the application's own fields on the same page.
TYPED = {
    "day": "2026-03-19",
    "time": "10:00",
    "duration_minutes": "45",
    "kind": "video",
    "place": "Zoom, link in the invite",
    "interview_notes": "Ask about the team.",
}


def _rows(app) -> list[dict]:
    def read(session, user):
        return [
            {
                "starts_at": i.starts_at.strftime("%Y-%m-%dT%H:%M"),
                "duration_minutes": i.duration_minutes,
                "kind": i.kind,
                "location": i.location,
                "notes": i.notes,
                "outcome": i.outcome,
                "debrief": i.debrief,
                "application_id": i.application_id,
            }
            for i in interviews.list_interviews(session, user, None, None)
        ]

    return stored(app, read)


def _ids(app) -> list[int]:
    return stored(app, lambda s, u: [i.id for i in interviews.list_interviews(s, u, None, None)])


def _schedule(client, application: int, **fields) -> int:
    answer = post(client, f"/journal/applications/{application}/interviews", {**TYPED, **fields})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return int(answer.headers["Location"].rsplit("-", 1)[1])


def _detail(client, application: int):
    return page(client, f"/journal/applications/{application}")


def _kept(document, form_id: str, typed: dict, skip: str) -> None:
    form = document.one(id=form_id).parent
    while form.tag != "form":
        form = form.parent
    for name, value in typed.items():
        if name == skip:
            continue
        if name == "interview_notes":
            assert form.one("textarea", name=name).text() == value
        elif name == "kind":
            assert form.one("option", value=value).attrs.get("selected") is not None
        else:
            assert form.one("input", name=name).attrs["value"] == value


@pytest.fixture
def application(member, now):
    return add_application(member, "Acme", "Analyst", date="2026-03-10")


def test_a_scheduled_interview_is_shown_in_words_and_moves_the_application(
    member, app, application
):
    _schedule(member, application)
    [row] = _rows(app)
    assert row == {
        "starts_at": "2026-03-19T10:00",
        "duration_minutes": 45,
        "kind": "video",
        "location": "Zoom, link in the invite",
        "notes": "Ask about the team.",
        "outcome": None,
        "debrief": "",
        "application_id": application,
    }
    document = _detail(member, application)
    item = document.one("li", class_="interview")
    assert "Thursday 19 March, 10:00" in item.text()
    assert "Video call · 45 min · Zoom, link in the invite" in item.text()
    assert "Interview" in document.one("header", class_="page-head").text()
    assert "How did it go?" not in item.text()  # not happened yet


def test_the_length_defaults_to_an_hour(member, app, application):
    document = _detail(member, application)
    assert document.one("input", id="iv-new-length").attrs["value"] == "60"
    _schedule(member, application, duration_minutes="")
    assert _rows(app)[0]["duration_minutes"] == 60


BAD = [
    pytest.param("day", "someday", "YYYY-MM-DD", id="date-word"),
    pytest.param("day", "", "YYYY-MM-DD", id="date-empty"),
    pytest.param("day", "2026-02-30", "YYYY-MM-DD", id="date-no-such-day"),
    pytest.param("day", "1999-12-31", "2000-01-01", id="date-too-old"),
    pytest.param("day", "2029-03-19", "2029-03-18", id="date-too-far"),
    pytest.param("time", "25:00", "14:30", id="time-no-such-hour"),
    pytest.param("time", "ten", "14:30", id="time-word"),
    pytest.param("time", "", "14:30", id="time-empty"),
    pytest.param("duration_minutes", "4", "5", id="length-short"),
    pytest.param("duration_minutes", "601", "600", id="length-long"),
    pytest.param("duration_minutes", "an hour", "number", id="length-word"),
    pytest.param("kind", "lunch", "Pick one", id="unknown-kind"),
    pytest.param("place", "l" * 201, "200 characters", id="long-place"),
    pytest.param("place", "a\x00b", "NUL", id="nul-place"),
    pytest.param("interview_notes", "n" * 5001, "5000 characters", id="long-notes"),
]
IDS = {"day": "date", "time": "time", "duration_minutes": "length", "kind": "kind"}
IDS.update({"place": "place", "interview_notes": "notes"})


@each_refusal(BAD)
def test_a_bad_new_interview_is_refused_beside_its_field(
    member, app, application, field, value, message
):
    typed = {**TYPED, field: value}
    answer = post(member, f"/journal/applications/{application}/interviews", typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    control = document.one(id=f"iv-new-{IDS[field]}")
    error = document.one(id=control.attrs["aria-describedby"].split()[0])
    assert message in error.text()
    _kept(document, f"iv-new-{IDS[field]}", typed, skip=field)
    assert _rows(app) == []


def test_an_interview_can_be_moved_and_changed(member, app, application):
    interview = _schedule(member, application)
    changed = {**TYPED, "day": "2026-03-24", "time": "14:30", "kind": "onsite"}
    changed.update(duration_minutes="90", place="Main St 1", interview_notes="")
    answer = post(member, f"/journal/applications/interviews/{interview}/edit", changed)
    assert answer.status_code == 302
    [row] = _rows(app)
    assert row["starts_at"] == "2026-03-24T14:30"
    assert (row["kind"], row["duration_minutes"], row["location"], row["notes"]) == (
        "onsite",
        90,
        "Main St 1",
        "",
    )
    assert "Tuesday 24 March, 14:30" in _detail(member, application).text()


@each_refusal(BAD)
def test_a_bad_change_is_refused_beside_its_field(member, app, application, field, value, message):
    interview = _schedule(member, application)
    before = _rows(app)
    typed = {**TYPED, field: value}
    answer = post(member, f"/journal/applications/interviews/{interview}/edit", typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    fid = f"iv-{interview}-{IDS[field]}"
    assert message in error_beside(document.one(id=fid).parent, field)
    _kept(document, fid, typed, skip=field)
    assert _rows(app) == before


def test_how_it_went_is_asked_once_it_has_happened(member, app, application, now):
    interview = _schedule(member, application, day="2026-03-18", time="09:00")
    item = _detail(member, application).one("li", id=f"interview-{interview}")
    assert "How did it go?" in item.text()
    outcome = f"/journal/applications/interviews/{interview}/outcome"
    answer = post(member, outcome, {"outcome": "went_well", "debrief": "Nailed the case."})
    assert answer.status_code == 302
    assert (_rows(app)[0]["outcome"], _rows(app)[0]["debrief"]) == ("went_well", "Nailed the case.")
    item = _detail(member, application).one("li", id=f"interview-{interview}")
    assert "It went well: Nailed the case." in item.text()
    assert post(member, outcome, {"outcome": "", "debrief": ""}).status_code == 302
    assert _rows(app)[0]["outcome"] is None


@each_refusal(
    [
        pytest.param("outcome", "great", "Pick one", id="unknown-outcome"),
        pytest.param("debrief", "d" * 5001, "5000 characters", id="long-debrief"),
        pytest.param("debrief", "a\x00b", "NUL", id="nul-debrief"),
    ]
)
def test_a_bad_outcome_is_refused_beside_its_field(member, app, application, field, value, message):
    interview = _schedule(member, application, day="2026-03-18", time="09:00")
    typed = {"outcome": "unsure", "debrief": "Hard to read them.", field: value}
    answer = post(member, f"/journal/applications/interviews/{interview}/outcome", typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    fid = f"outcome-{interview}-{'choice' if field == 'outcome' else 'debrief'}"
    assert message in document.one(id=f"{fid}-error").text()
    if field == "debrief":
        assert document.one("input", value="unsure").attrs.get("checked") is not None
    else:
        assert (
            document.one("textarea", id=f"outcome-{interview}-debrief").text() == typed["debrief"]
        )
    assert _rows(app)[0]["outcome"] is None


def test_cancelling_offers_undo_and_undo_puts_it_back(member, app, application):
    interview = _schedule(member, application)
    before = _rows(app)
    answer = post(member, f"/journal/applications/interviews/{interview}/delete", {})
    assert answer.status_code == 302
    assert _rows(app) == []
    shown = parse(member.get(answer.headers["Location"]).get_data(as_text=True))
    [button] = shown.all("button", data_undo=True)
    form = button.parent
    while form.tag != "form":
        form = form.parent
    fields = {i.attrs["name"]: i.attrs.get("value", "") for i in form.all("input")}
    assert member.post(form.attrs["action"], data=fields).status_code == 302
    assert _rows(app) == before


def test_another_persons_interview_is_not_found(member, app, application):
    interview = _schedule(member, application)
    other = app.test_client()
    factories.sign_up_page(other, "other@example.com")
    for action, data in (("edit", TYPED), ("outcome", {"outcome": "unsure"}), ("delete", {})):
        path = f"/journal/applications/interviews/{interview}/{action}"
        assert post(other, path, data).status_code == 404
    path = f"/journal/applications/{application}/interviews"
    assert post(other, path, TYPED).status_code == 404
    assert len(_rows(app)) == 1


# Today: the next interviews, from now on, within 14 days, at most three.


def _today_lines(client) -> list[str]:
    return [li.text() for li in page(client, "/").all("li", class_="next-interview")]


def test_today_names_the_next_interviews(member, application):
    other = add_application(member, "Globex", "Designer", date="2026-03-10")
    _schedule(member, application, day="2026-03-19", time="10:00")
    sooner = _schedule(member, other, day="2026-03-18", time="15:30")
    lines = _today_lines(member)
    assert lines == ["Interview at Globex, today 15:30", "Interview at Acme, tomorrow 10:00"]
    link = page(member, "/").all("li", class_="next-interview")[0].one("a")
    assert link.attrs["href"] == f"/journal/applications/interviews/{sooner}/prep"


def test_today_leaves_out_past_far_and_cancelled_interviews(member, app, application):
    _schedule(member, application, day="2026-03-18", time="12:59")  # started before now
    _schedule(member, application, day="2026-04-01", time="13:00")  # 14 days on: too far
    cancelled = _schedule(member, application, day="2026-03-20", time="09:00")
    kept = _schedule(member, application, day="2026-03-31", time="12:00")
    assert post(member, f"/journal/applications/interviews/{cancelled}/delete", {}).status_code
    assert _today_lines(member) == ["Interview at Acme, Tuesday 31 March, 12:00"]
    assert kept in _ids(app)


def test_today_shows_at_most_three(member, application):
    for hour in ("09:00", "10:00", "11:00", "12:00"):
        _schedule(member, application, day="2026-03-20", time=hour)
    lines = _today_lines(member)
    assert len(lines) == 3
    assert lines[0] == "Interview at Acme, Friday 09:00"


def test_a_bad_date_and_a_bad_length_are_both_said_at_once(member, app, application):
    typed = {**TYPED, "day": "someday", "duration_minutes": "700"}
    answer = post(member, f"/journal/applications/{application}/interviews", typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert "YYYY-MM-DD" in document.one(id="iv-new-date-error").text()
    assert "600" in document.one(id="iv-new-length-error").text()
    assert _rows(app) == []


def test_todays_interviews_cost_one_query(member, app, application, now):
    for hour in ("09:00", "10:00"):
        _schedule(member, application, day="2026-03-20", time=hour)
    statements = []

    def count(*args):
        statements.append(args[2])

    with app.app_context():
        user = stored(app, lambda s, u: u.id)
        member_user = queries.user_by_id(db.session, user)
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            found = interviews.next_interviews(db.session, member_user, now.value)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        db.session.remove()
    assert [row.company for row in found] == ["Acme", "Acme"]
    assert len(statements) == 1
