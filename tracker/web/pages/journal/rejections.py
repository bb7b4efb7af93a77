"""Rejections: the quick form that logs one, the list the journal collects, the debrief after
a "no" (its reflection and the practice-list cards), and removing one (which can lower the
streak it shielded)."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for

from tracker import clock
from tracker.core import prompts
from tracker.extensions import db
from tracker.services import applications, history, journal, practice, reflections
from tracker.web.http.forms import dated_write, form_data, login_required, save_form, validate_form
from tracker.web.http.identity import today_for
from tracker.web.pages.journal import journal_page
from tracker.web.pages.journal.reflections import prompt_groups, read_form, save
from tracker.web.pages.undo import removed
from tracker.web.schemas import RejectionCreate
from tracker.web.schemas.fields import Input
from tracker.web.schemas.practice import QuestionText

bp = Blueprint("rejections", __name__)


class QuestionForm(Input):
    """A question for the user's own practice list."""

    question: QuestionText


class HabitForm(Input):
    """A habit to work on (the debrief's body-language question), for the practice list."""

    habit: QuestionText


# Fields of the rejection form that may be left blank (no application: not one of these).
FOR_ANY = ("stage", "application_id")
# The two one-field forms of the debrief's practice-list card: the posted field of each.
LIST_FORMS = {"question": QuestionForm, "habit": HabitForm}


@bp.get("/journal/rejections")
@login_required
def index(user):
    found = journal.list_rejections(db.session, user)
    debriefed = {r.rejection_id for r in reflections.list_reflections(db.session, user)}
    return journal_page(
        "journal/rejections.html", user, today_for(user), rejections=found, debriefed=debriefed
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
    return journal_page(
        "journal/debrief.html",
        user,
        today,
        status,
        rejection=rejection,
        written=written,
        questions=[q for q in questions if q.rejection_id == rejection.id],
        groups=groups,
        selected=values.get("prompt", featured.id),
        habit_prompt=prompts.HABIT_PROMPT,
        values=values,
        errors=errors or {},
        listed=listed or {"field": None, "values": {}, "errors": {}},
        item=practice.item_of_the_day(db.session, user, today),
    )


@bp.get("/journal/rejections/<id:rejection_id>/debrief")
@login_required
def debrief(user, rejection_id: int):
    return _debrief_page(user, reflections.own_rejection(db.session, user, rejection_id))


@bp.post("/journal/rejections/<id:rejection_id>/debrief")
@login_required
def write_debrief(user, rejection_id: int):
    rejection = reflections.own_rejection(db.session, user, rejection_id)
    values, errors, data = read_form([*prompts.DEBRIEF, *prompts.DEBRIEF_MORE], rejection.id)
    if data is not None:
        errors = save(user, data)
        if not errors:
            flash(
                "Saved. Note the habit under “A habit to work on” to put it on your practice list."
                if data.prompt == prompts.HABIT_PROMPT.text
                else "Saved to your journal. That was the hard part; the next steps are small."
            )
            return redirect(url_for("rejections.debrief", rejection_id=rejection.id))
    return _debrief_page(user, rejection, values, errors, status=400)


def _add_to_list(user, rejection_id: int, field: str):
    rejection = reflections.own_rejection(db.session, user, rejection_id)
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
    return redirect(url_for("rejections.debrief", rejection_id=rejection.id) + "#tripped")


@bp.post("/journal/rejections/<id:rejection_id>/question")
@login_required
def add_question(user, rejection_id: int):
    """One tap from the debrief: the question that tripped you joins your practice list."""
    return _add_to_list(user, rejection_id, "question")


@bp.post("/journal/rejections/<id:rejection_id>/habit")
@login_required
def add_habit(user, rejection_id: int):
    """One tap from the debrief: a habit an old "no" left joins your practice list."""
    return _add_to_list(user, rejection_id, "habit")


def _rejection_page(user, values, errors, status=200):
    found = applications.list_applications(db.session, user)
    return render_template(
        "rejection.html",
        user=user,
        values=values,
        errors=errors,
        today=today_for(user),
        open_applications=[a for a in found if a.stage in applications.OPEN_STAGES],
    ), status


@bp.get("/rejections/new")
@login_required
def new(user):
    return _rejection_page(user, {"date": today_for(user).isoformat()}, {})


@bp.post("/rejections")
@login_required
def log(user):
    values = form_data(
        "date", "company", "role", "stage", "note", "application_id", optional=FOR_ANY
    )
    write = dated_write(applications.log_rejection, user)
    rejection, errors = save_form(RejectionCreate, values, write)
    if rejection is not None:
        flash(_logged_words(user, rejection.date))
        # Straight on to the debrief, while it is fresh.
        return redirect(url_for("rejections.debrief", rejection_id=rejection.id))
    return _rejection_page(user, values, errors, 400)


def _logged_words(user, day: date) -> str:
    """What logging a rejection of `day` did: a comeback already, when the person showed up
    on that day or the next (up to today), or the one still to earn."""
    today = today_for(user)
    result = history.load_history(db.session, user, today).result
    answered = [d for d in (day, day + timedelta(days=1)) if d in result.comeback_dates]
    if answered:
        when = (
            "today"
            if answered[0] == today
            else "that day"
            if answered[0] == day
            else "the day after"
        )
        return (
            "Logged, and already answered: you showed up " + when + ", so it counts as a "
            "comeback, and your streak is safe."
        )
    return (
        "Logged. That’s one more “no” collected, and your streak is safe. "  # noqa: RUF001
        "Show up for one goal today or tomorrow to earn a comeback."
    )


@bp.route("/rejections/<id:rejection_id>/delete", methods=["GET", "POST"])
@login_required
def delete(user, rejection_id: int):
    """Removing a rejection can lower the streak it shielded: GET says so and asks first;
    POST removes it, with an undo on the page after."""
    if request.method == "GET":
        rejection = reflections.own_rejection(db.session, user, rejection_id)
        today = today_for(user)
        now, after = history.streak_without_rejection(db.session, user, rejection.date, today)
        return render_template(
            "rejection_delete.html", user=user, rejection=rejection, now=now, after=after
        )
    back = url_for("history.index") + "#rejections"
    return removed(journal.delete_rejection(db.session, user, rejection_id, clock.now_utc()), back)
