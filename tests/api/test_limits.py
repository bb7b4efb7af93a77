"""SPEC section 6, Limits: an account holds at most 100 goals and 20,000 journal records of
each kind; one more answers 422 naming the limit, and nothing already saved changes.

The accounts are filled straight through SQLAlchemy Core (20,000 requests would take
minutes); the last records go through the API, as a user would add them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert

from tests.api.expect import error, unchanged
from tests.factories import sign_up_page
from tests.web.pages import error_beside, parse, token
from tracker.core import limits
from tracker.extensions import db
from tracker.models import (
    Goal,
)
from tracker.queries.imports import RECORD_MODELS

NOW = datetime(2026, 3, 18, 12, tzinfo=UTC)
DAY = date(2026, 3, 1)


def _row(kind: str, user_id: int, n: int) -> dict:
    """The n-th filler record of `kind`, as a row of its table."""
    day = DAY - timedelta(days=n % 3000)
    return (
        {
            "applications": {"company": f"Co {n}", "role": "Dev", "date": day, "stage": "applied"},
            "rejections": {"date": day, "company": f"Co {n}"},
            "breaks": {"start": day, "end": day},
            "practice_sessions": {"date": day, "rating": 3},
            "reflections": {"date": day, "text": f"Reflection {n}"},
            "practice_questions": {"text": f"Question {n}?"},
        }[kind]
        | {"user_id": user_id}
        | ({} if kind == "breaks" else {"created_at": NOW})
    )


def fill(app, user_id: int, kind: str, count: int) -> None:
    """Give the user `count` more records of `kind`, straight into the table."""
    with app.app_context():
        table = RECORD_MODELS[kind].__table__
        db.session.execute(insert(table), [_row(kind, user_id, n) for n in range(count)])
        db.session.commit()


def fill_goals(app, user_id: int, count: int, archived: bool = False) -> None:
    with app.app_context():
        rows = [
            {
                "user_id": user_id,
                "category": "practice",
                "title": f"Filler {n}",
                "target": 1,
                "weekday_mask": 127,
                "created_on": DAY,
                "archived_on": DAY if archived else None,
            }
            for n in range(count)
        ]
        db.session.execute(insert(Goal.__table__), rows)
        db.session.commit()


# One more record of each kind, as the API takes it.
CREATE = {
    "applications": ("/applications", {"company": "Acme", "role": "Engineer"}),
    "rejections": ("/rejections", {"date": "2026-03-17"}),
    "breaks": ("/breaks", {"start": "2026-03-20", "end": "2026-03-21"}),
    "practice_sessions": ("/practice", {"date": "2026-03-17", "rating": 4}),
    "reflections": ("/reflections", {"date": "2026-03-17", "text": "Today I kept going."}),
    "practice_questions": ("/practice/questions", {"text": "Why this team?"}),
}


def test_the_hundredth_goal_is_created_and_the_next_is_422(api, app):
    fill_goals(app, api.user_id, limits.MAX_GOALS - 3 - 1)  # with the three starter goals
    new = {"category": "apply", "title": "One more"}
    assert api.post("/goals", new).status_code == 201
    with unchanged(api):
        answer = api.post("/goals", {**new, "title": "Too many"})
        err = error(answer, 422, code="limit_reached")
    assert "at most 100 goals" in err["message"]
    assert len(api.get("/goals").get_json()) == limits.MAX_GOALS


def test_archived_goals_count_towards_the_limit(api, app):
    fill_goals(app, api.user_id, limits.MAX_GOALS - 3, archived=True)
    with unchanged(api):
        err = error(api.post("/goals", {"category": "apply", "title": "New"}), 422)
    assert "archived ones included" in err["message"]


@pytest.mark.parametrize("kind", list(CREATE))
def test_the_last_record_of_a_kind_is_saved_and_the_next_is_422(api, app, kind):
    fill(app, api.user_id, kind, limits.MAX_RECORDS - 1)
    path, body = CREATE[kind]
    first = api.post(path, body)
    assert first.status_code == 201, first.get_json()
    with unchanged(api):
        answer = api.post(path, {**body, "text": "Another?"} if "text" in body else body)
        err = error(answer, 422, code="limit_reached")
    assert f"at most {limits.MAX_RECORDS:,} {limits.RECORD_KINDS[kind]}" in err["message"]


def test_one_kind_at_its_limit_leaves_the_others_free(api, app):
    fill(app, api.user_id, "rejections", limits.MAX_RECORDS)
    error(api.post("/rejections", {"date": "2026-03-17"}), 422)
    assert api.post("/reflections", CREATE["reflections"][1]).status_code == 201
    other = api.post("/applications", CREATE["applications"][1])
    assert other.status_code == 201  # logged as applied: it logs no rejection


def test_a_page_says_which_limit_beside_the_form(client, app, now):
    sign_up_page(client, "page@example.com")
    with app.app_context():
        user_id = db.session.scalar(db.select(Goal.user_id).limit(1))
    fill(app, user_id, "applications", limits.MAX_RECORDS)
    answer = client.post(
        "/journal/applications",
        data={"company": "Acme", "role": "Dev", "csrf_token": token(client)},
    )
    assert answer.status_code in (400, 422)
    said = error_beside(parse(answer.get_data(as_text=True)), "company")
    assert f"at most {limits.MAX_RECORDS:,} applications" in said


def test_the_goal_page_answers_422_with_the_limit(client, app, now):
    sign_up_page(client, "page@example.com")
    with app.app_context():
        user_id = db.session.scalar(db.select(Goal.user_id).limit(1))
    fill_goals(app, user_id, limits.MAX_GOALS - 3)
    answer = client.post(
        "/goals",
        data={
            "category": "apply",
            "title": "More",
            "target": "1",
            "weekdays": ["1", "3"],
            "csrf_token": token(client),
        },
    )
    assert answer.status_code == 422
    assert "at most 100 goals" in answer.get_data(as_text=True)
