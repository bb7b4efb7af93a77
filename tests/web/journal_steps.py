"""Steps the journal and insights page tests share: read what the server stored for the
signed-in member, and another account's journal to try to reach."""

from __future__ import annotations

from datetime import date, timedelta

from tests import factories
from tests.web.conftest import MEMBER, TODAY
from tests.web.pages import page, post, today_goals
from tracker import queries
from tracker.extensions import db
from tracker.services import applications, journal, practice, reflections

DAY = date.fromisoformat(TODAY)


def member_user():
    return queries.user_by_email(db.session, MEMBER)


def stored(app, read):
    """What `read(session, user)` returns for the member, inside an app context."""
    with app.app_context():
        result = read(db.session, member_user())
        db.session.remove()
        return result


def rejections(app) -> list[tuple]:
    return stored(
        app,
        lambda s, u: [
            (r.date.isoformat(), r.company, r.role, r.stage, r.application_id)
            for r in journal.list_rejections(s, u)
        ],
    )


def reflection_rows(app) -> list[tuple]:
    return stored(
        app,
        lambda s, u: [
            (r.date.isoformat(), r.prompt, r.text, r.rejection_id)
            for r in reflections.list_reflections(s, u)
        ],
    )


def question_rows(app) -> list[tuple]:
    """The member's own practice questions, the one added last first: (text, rejection_id)."""
    return stored(
        app, lambda s, u: [(q.text, q.rejection_id) for q in practice.list_questions(s, u)]
    )


def application_rows(app) -> list[tuple]:
    return stored(
        app,
        lambda s, u: [
            (a.company, a.role, a.link, a.date.isoformat(), a.stage)
            for a in applications.list_applications(s, u)
        ],
    )


def session_rows(app) -> list[tuple]:
    return stored(
        app,
        lambda s, u: [
            (r.date.isoformat(), r.item_id, r.rating, r.note) for r in practice.list_sessions(s, u)
        ],
    )


def log_rejection(client, **fields) -> int:
    """Log a rejection through the form; the id of the debrief it leads to."""
    answer = post(client, "/rejections", {"date": TODAY, **fields})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    location = answer.headers["Location"]
    assert location.startswith("/journal/rejections/") and location.endswith("/debrief")
    return int(location.split("/")[3])


def add_application(client, company="Initech", role="Analyst", **fields) -> int:
    answer = post(client, "/journal/applications", {"company": company, "role": role, **fields})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return int(answer.headers["Location"].rsplit("-", 1)[1])


def goal_done(client, category_title: str) -> bool:
    """Whether the Today page shows the goal with this title as done."""
    goal = today_goals(page(client, "/"))[category_title]
    return goal.one("button", aria_pressed=True).attrs["aria-pressed"] == "true"


def age_application(app, application_id: int, days: int) -> None:
    """Move an application's history back in time, as if it had been sent `days` ago."""
    with app.app_context():
        found = applications.get_application(db.session, member_user(), application_id)
        for step in found.history:
            step.date = DAY - timedelta(days=days)
        found.date = DAY - timedelta(days=days)
        db.session.commit()
        db.session.remove()


def strangers_journal(app, now) -> dict[str, int]:
    """Make another account with an application, a rejection, a reflection on it and a
    question on their practice list; their ids as {"application", "rejection", "reflection",
    "question"}."""
    user_id = factories.make_user(app, "journal-stranger@example.com")
    with app.app_context():
        user = queries.user_by_id(db.session, user_id)
        day = now.value.date()
        application = applications.create_application(
            db.session, user, day, now.value, company="Their Co", role="Their role"
        )
        rejection = journal.log_rejection(db.session, user, day, now.value, date=day)
        reflection = reflections.add_reflection(
            db.session, user, day, now.value, date=day, text="Theirs.", rejection_id=rejection.id
        )
        question = practice.add_question(
            db.session, user, now.value, text="Their question?", rejection_id=rejection.id
        )
        ids = {
            "application": application.id,
            "rejection": rejection.id,
            "reflection": reflection.id,
            "question": question.id,
        }
        db.session.commit()
        db.session.remove()
        return ids
