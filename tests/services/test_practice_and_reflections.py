"""Practice sessions, the user's own questions, reflections and their debrief prompts."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from tests.services.conftest import NOW, TODAY, days_ago
from tracker import queries
from tracker.core import practice_bank
from tracker.services import applications, interviews, journal, practice, reflections
from tracker.services.errors import Invalid, NotFound


def _rejection(session, user, day=TODAY):
    return journal.log_rejection(session, user, TODAY, NOW, date=day)


def test_a_practice_session_counts_towards_the_practice_goal(session, user):
    practice.log_session(session, user, TODAY, NOW, date=days_ago(2), rating=4)
    goal = queries.first_goal(session, user.id, "practice")
    assert queries.entry_for(session, goal.id, days_ago(2)).value == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"date": days_ago(-1)}, "date"), ({"item_id": "no-such-item"}, "item_id")],
    ids=["tomorrow", "an item not in the bank"],
)
def test_a_practice_session_is_refused_with_the_field_to_fix(session, user, changes, field):
    values = {"date": TODAY, "rating": 3, "item_id": "tell-me-about-yourself"} | changes
    with pytest.raises(Invalid) as refused:
        practice.log_session(session, user, TODAY, NOW, **values)
    assert field in refused.value.fields
    assert practice.list_sessions(session, user) == []


def test_the_item_of_the_day_stays_all_day(session, user):
    pick = practice.item_of_the_day(session, user, TODAY)
    assert pick == practice.item_of_the_day(session, user, TODAY)
    assert pick in practice.list_items()
    assert pick == practice_bank.daily_pick(user.id, TODAY)  # no interview ahead: the whole bank


def _interview(session, user, starts_at: datetime, kind: str, **fields):
    application = applications.create_application(
        session, user, TODAY, NOW, company="Acme", role="Dev", stage="applied", date=None
    )
    return interviews.schedule_interview(
        session, user, application, TODAY, NOW, starts_at=starts_at, kind=kind, **fields
    )


def _at(days: int, hour: int = 10) -> datetime:
    return datetime.combine(TODAY + timedelta(days=days), time(hour))


@pytest.mark.parametrize(
    ("days", "hour", "fits"),
    [
        (0, 0, True),  # earlier today, already over: still today's date
        (3, 10, True),
        (7, 23, True),  # the last date of the seven days ahead
        (8, 0, False),
        (-1, 23, False),
    ],
    ids=["today-midnight", "in-3-days", "day-7-late", "day-8", "yesterday"],
)
def test_the_pick_fits_an_interview_in_the_next_7_days(session, user, days, hour, fits):
    _interview(session, user, _at(days, hour), "technical")
    fitting = practice_bank.items_for("technical")
    expected = practice_bank.daily_pick(user.id, TODAY, fitting if fits else practice_bank.BANK)
    assert practice.item_of_the_day(session, user, TODAY) == expected


def test_the_soonest_interview_decides_and_another_users_does_not(session, user, other):
    _interview(session, user, _at(5), "behavioural")
    _interview(session, user, _at(2), "phone")
    _interview(session, other, _at(1), "technical")
    pick = practice.item_of_the_day(session, user, TODAY)
    assert pick == practice_bank.daily_pick(user.id, TODAY, practice_bank.items_for("phone"))
    assert pick.kind in practice_bank.DRILLS


def test_prep_recalls_earlier_debriefs_latest_first_and_the_own_questions(session, user, other):
    said = {"outcome": "unsure", "debrief": "Rushed the first answer."}
    first = _interview(session, user, _at(-20), "phone")
    interviews.update_interview(session, user, first, TODAY, said)
    second = _interview(session, user, _at(-10), "video")
    interviews.update_interview(session, user, second, TODAY, {"debrief": "Better pace."})
    _interview(session, user, _at(-5), "onsite")  # nothing said about it
    theirs = _interview(session, other, _at(-3), "video")
    interviews.update_interview(session, other, theirs, TODAY, said)
    question = practice.add_question(session, user, NOW, text="Looking away when unsure")
    coming = _interview(session, user, _at(2), "technical")
    later = _interview(session, user, _at(30), "final")
    interviews.update_interview(session, user, later, TODAY, said)  # after it: not earlier
    prep = practice.interview_prep(session, user, coming, TODAY)
    assert prep.debriefs == [second, first]
    assert prep.questions == [question]
    assert prep.picks == practice_bank.prep_picks(user.id, TODAY, "technical")


def test_a_question_sent_twice_is_on_the_list_once(session, user):
    first = practice.add_question(session, user, NOW, text="Tell me about a conflict")
    again = practice.add_question(session, user, NOW, text="Tell me about a conflict")
    assert again is first
    assert practice.list_questions(session, user) == [first]


@pytest.mark.parametrize("use", ["question", "reflection", "prompts"])
def test_someone_elses_rejection_cannot_be_debriefed(session, user, other, use):
    theirs = _rejection(session, other)
    with pytest.raises(NotFound):
        if use == "question":
            practice.add_question(session, user, NOW, text="x", rejection_id=theirs.id)
        elif use == "reflection":
            reflections.add_reflection(
                session, user, TODAY, NOW, date=TODAY, text="x", rejection_id=theirs.id
            )
        else:
            reflections.prompts_for(session, user, theirs.id)
    assert practice.list_questions(session, user) == []
    assert reflections.list_reflections(session, user) == []


def test_a_reflection_counts_towards_the_reflect_goal(session, user):
    reflections.add_reflection(session, user, TODAY, NOW, date=TODAY, text="Calmer today")
    goal = queries.first_goal(session, user.id, "reflect")
    assert queries.entry_for(session, goal.id, TODAY).value == 1


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("", ["Straße", "INTERVIEW went fine", "Nothing new"]),
        ("interview", ["INTERVIEW went fine"]),
        ("STRASSE", ["Straße"]),  # Unicode case folding, on every database
        ("salary", ["Nothing new"]),  # the prompt is searched too
        ("zebra", []),
    ],
)
def test_searching_reflections_ignores_case(session, user, search, found):
    for n, (text, prompt) in enumerate(
        [("Nothing new", "What about salary?"), ("INTERVIEW went fine", None), ("Straße", None)]
    ):
        reflections.add_reflection(
            session, user, TODAY, NOW, date=days_ago(2 - n), text=text, prompt=prompt
        )
    assert [r.text for r in reflections.list_reflections(session, user, search)] == found


@pytest.mark.parametrize(
    ("rejected", "recent"), [(0, True), (1, True), (2, False)], ids=["today", "yesterday", "older"]
)
def test_a_rejection_asks_for_a_debrief_while_it_shields_the_streak(
    session, user, rejected, recent
):
    rejection = _rejection(session, user, days_ago(rejected))
    found = reflections.recent_rejection(session, user, TODAY)
    assert found == ((rejection, False) if recent else None)


def test_once_debriefed_the_recent_rejection_says_so(session, user):
    rejection = _rejection(session, user, days_ago(1))
    reflections.add_reflection(
        session, user, TODAY, NOW, date=TODAY, text="Ask for feedback", rejection_id=rejection.id
    )
    assert reflections.recent_rejection(session, user, TODAY) == (rejection, True)


def test_the_prompt_of_the_day_changes_with_the_day():
    today = reflections.prompt_of_the_day(TODAY)
    assert reflections.prompt_of_the_day(TODAY) == today
    assert reflections.prompt_of_the_day(TODAY + timedelta(days=1)) != today


def test_a_debrief_gets_other_prompts_than_an_ordinary_day(session, user):
    rejection = _rejection(session, user)
    assert reflections.prompts_for(session, user, rejection.id) != reflections.prompts_for(
        session, user
    )
