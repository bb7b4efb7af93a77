"""Goals: creating, changing, archiving and deleting them (check-ins are tested elsewhere)."""

from __future__ import annotations

import pytest

from tests.services.conftest import TODAY, days_ago
from tracker import queries
from tracker.services import goals
from tracker.services.errors import NotFound


def test_a_new_goal_starts_today_and_is_due_every_day_unless_told(session, user):
    goal = goals.create_goal(session, user, TODAY, category="practice", title="Mock interview")
    assert (goal.created_on, goal.weekdays, goal.target, goal.archived) == (
        TODAY,
        [1, 2, 3, 4, 5, 6, 7],
        1,
        False,
    )
    assert queries.goals_of_user(session, user.id)[-1] is goal


@pytest.mark.parametrize(
    ("weekdays", "kept"),
    [([1, 3, 5], [1, 3, 5]), ([7, 6], [6, 7]), ([2, 2], [2])],
    ids=["mon-wed-fri", "weekend in any order", "a day named twice"],
)
def test_a_goal_is_due_on_the_weekdays_chosen(session, user, weekdays, kept):
    goal = goals.create_goal(
        session, user, TODAY, category="apply", title="Apply", target=2, weekdays=weekdays
    )
    assert goal.weekdays == kept


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "Send 2 applications"},
        {"target": 3},
        {"category": "reflect"},
        {"weekdays": [6, 7]},
        {"title": "Two a day", "target": 2},
    ],
    ids=lambda changes: "+".join(changes),
)
def test_an_update_changes_only_what_it_names(session, user, changes):
    goal = queries.goals_of_user(session, user.id)[0]
    before = {
        "title": goal.title,
        "target": goal.target,
        "category": goal.category,
        "weekdays": goal.weekdays,
    }
    goals.update_goal(session, goal, TODAY, changes)
    after = {
        "title": goal.title,
        "target": goal.target,
        "category": goal.category,
        "weekdays": goal.weekdays,
    }
    assert after == before | changes
    assert goal.archived_on is None


def test_archiving_keeps_the_goal_and_dates_it_from_today(session, user):
    goal = queries.goals_of_user(session, user.id)[0]
    goals.update_goal(session, goal, TODAY, {"archived": True})
    assert goal.archived_on == TODAY
    assert goal in queries.goals_of_user(session, user.id)  # history stays
    assert queries.first_goal(session, user.id, goal.category) is None


def test_archiving_again_keeps_the_first_day_it_was_archived(session, user):
    goal = queries.goals_of_user(session, user.id)[0]
    goals.update_goal(session, goal, days_ago(3), {"archived": True})
    goals.update_goal(session, goal, TODAY, {"archived": True})
    assert goal.archived_on == days_ago(3)


def test_unarchiving_puts_the_goal_back_in_the_plan(session, user):
    goal = queries.goals_of_user(session, user.id)[0]
    goals.update_goal(session, goal, days_ago(3), {"archived": True})
    goals.update_goal(session, goal, TODAY, {"archived": False})
    assert goal.archived_on is None
    assert queries.first_goal(session, user.id, goal.category) is goal


def test_someone_elses_goal_is_not_found(session, user, other):
    theirs = queries.goals_of_user(session, other.id)[0]
    with pytest.raises(NotFound):
        goals.get_goal(session, user, theirs.id)
    assert goals.get_goal(session, other, theirs.id) is theirs


def test_a_deleted_goal_is_gone_from_the_list(session, user):
    first, *rest = queries.goals_of_user(session, user.id)
    goals.delete_goal(session, first)
    assert queries.goals_of_user(session, user.id) == rest
    with pytest.raises(NotFound):
        goals.get_goal(session, user, first.id)
