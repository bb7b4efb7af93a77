"""Practice sessions, the user's own questions, reflections and their debrief prompts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.services.conftest import NOW, TODAY, days_ago
from tracker import queries
from tracker.services import journal, practice, reflections
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


def test_the_item_of_the_day_stays_all_day(user):
    assert practice.item_of_the_day(user, TODAY) == practice.item_of_the_day(user, TODAY)
    assert practice.item_of_the_day(user, TODAY) in practice.list_items()


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
