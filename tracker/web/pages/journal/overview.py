"""The journal: its overview, the rejections collected, and the debrief after a "no"."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from tracker import clock
from tracker.core import prompts
from tracker.extensions import db
from tracker.services import applications, journal, practice, reflections
from tracker.web.http.forms import form_data, login_required, validate_form
from tracker.web.http.identity import today_for
from tracker.web.pages.insights import badge_news
from tracker.web.pages.journal.reflections import prompt_groups, read_form, save
from tracker.web.schemas.fields import Input
from tracker.web.schemas.practice import QuestionText

bp = Blueprint("journal", __name__, url_prefix="/journal")


class QuestionForm(Input):
    """A question for the user's own practice list."""

    question: QuestionText


class HabitForm(Input):
    """A habit to work on (the debrief's body-language question), for the practice list."""

    habit: QuestionText


# The two one-field forms of the debrief's practice-list card: the posted field of each.
LIST_FORMS = {"question": QuestionForm, "habit": HabitForm}


@bp.get("")
@login_required
def index(user):
    today = today_for(user)
    pipeline = applications.list_applications(db.session, user)
    open_ones = [a for a in pipeline if a.stage in applications.PIPELINE]
    sessions = practice.list_sessions(db.session, user)
    entries = reflections.list_reflections(db.session, user)
    return render_template(
        "journal/index.html",
        user=user,
        today=today,
        open_count=len(open_ones),
        quiet_count=sum(applications.is_quiet(a, today) for a in open_ones),
        sent_today=sum(a.date == today for a in pipeline),
        item=practice.item_of_the_day(user, today),
        practised_today=sum(s.date == today for s in sessions),
        prompt=reflections.prompt_of_the_day(today),
        latest=entries[0] if entries else None,
        rejections=journal.list_rejections(db.session, user),
        new_badges=badge_news(user),
    )


@bp.get("/rejections")
@login_required
def rejections(user):
    found = journal.list_rejections(db.session, user)
    debriefed = {r.rejection_id for r in reflections.list_reflections(db.session, user)}
    return render_template(
        "journal/rejections.html",
        user=user,
        today=today_for(user),
        rejections=found,
        debriefed=debriefed,
        new_badges=badge_news(user),
    )


def _debrief_page(user, rejection, values=None, errors=None, listed=None, status=200):
    """The debrief of one rejection: the next of its six themes not yet answered comes first.

    `listed` is {"field", "values", "errors"} of a practice-list form sent back with errors.
    """
    today = today_for(user)
    written = reflections.reflections_on(db.session, user, rejection.id)
    featured = prompts.next_debrief_prompt({r.prompt for r in written if r.prompt})
    groups = prompt_groups(
        [featured],
        ("Another question about this “no”", [p for p in prompts.DEBRIEF if p != featured]),
        ("More about the “no” itself", prompts.DEBRIEF_MORE),
    )
    values = values or {}
    questions = practice.list_questions(db.session, user)
    return render_template(
        "journal/debrief.html",
        user=user,
        today=today,
        rejection=rejection,
        written=written,
        questions=[q for q in questions if q.rejection_id == rejection.id],
        groups=groups,
        selected=values.get("prompt", featured.id),
        habit_prompt=prompts.HABIT_PROMPT,
        values=values,
        errors=errors or {},
        listed=listed or {"field": None, "values": {}, "errors": {}},
        item=practice.item_of_the_day(user, today),
        new_badges=badge_news(user),
    ), status


@bp.get("/rejections/<id:rejection_id>/debrief")
@login_required
def debrief(user, rejection_id: int):
    return _debrief_page(user, journal.get_rejection(db.session, user, rejection_id))


@bp.post("/rejections/<id:rejection_id>/debrief")
@login_required
def write_debrief(user, rejection_id: int):
    rejection = journal.get_rejection(db.session, user, rejection_id)
    values, errors, data = read_form([*prompts.DEBRIEF, *prompts.DEBRIEF_MORE], rejection.id)
    if data is not None:
        errors = save(user, data)
        if not errors:
            flash(
                "Saved. Note the habit under “A habit to work on” to put it on your practice list."
                if data.prompt == prompts.HABIT_PROMPT.text
                else "Saved to your journal. That was the hard part; the next steps are small."
            )
            return redirect(url_for("journal.debrief", rejection_id=rejection.id))
    return _debrief_page(user, rejection, values, errors, status=400)


def _add_to_list(user, rejection_id: int, field: str):
    rejection = journal.get_rejection(db.session, user, rejection_id)
    values = form_data(field)
    data, errors = validate_form(LIST_FORMS[field], values)
    if data is None:
        listed = {"field": field, "values": values, "errors": errors}
        return _debrief_page(user, rejection, listed=listed, status=400)
    practice.add_question(
        db.session, user, clock.now_utc(), text=getattr(data, field), rejection_id=rejection.id
    )
    db.session.commit()
    if field == "habit":
        flash("On your practice list. Noticing a habit is the first step to changing it.")
    else:
        flash("Added to your practice list. Practise it whenever you’re ready.")  # noqa: RUF001
    return redirect(url_for("journal.debrief", rejection_id=rejection.id) + "#tripped")


@bp.post("/rejections/<id:rejection_id>/question")
@login_required
def add_question(user, rejection_id: int):
    """One tap from the debrief: the question that tripped you joins your practice list."""
    return _add_to_list(user, rejection_id, "question")


@bp.post("/rejections/<id:rejection_id>/habit")
@login_required
def add_habit(user, rejection_id: int):
    """One tap from the debrief: a habit an old "no" left joins your practice list."""
    return _add_to_list(user, rejection_id, "habit")
