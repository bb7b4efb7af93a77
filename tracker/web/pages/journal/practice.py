"""Practice: the item of the day, a 1-5 rating and a note, recent sessions, your own questions
(added, practised, removed)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for

from tracker import clock
from tracker.core.limits import MAX_ID
from tracker.core.practice_bank import item_by_id
from tracker.extensions import db
from tracker.services import practice as service
from tracker.web.http.forms import dated_write, form_data, login_required, save_form, validate_form
from tracker.web.http.identity import today_for
from tracker.web.pages.journal import journal_page
from tracker.web.pages.journal.rejections import QuestionForm
from tracker.web.pages.undo import removed
from tracker.web.schemas import PracticeCreate

bp = Blueprint("practice", __name__, url_prefix="/journal/practice")
RATINGS = ((1, "Rough"), (2, "Shaky"), (3, "Okay"), (4, "Good"), (5, "Strong"))
RECENT = 10


def _own_question(user, raw: str | None):
    """The user's own question named by ?own= (404 for anyone else's or a malformed id)."""
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit() and 0 < int(raw) <= MAX_ID):
        abort(404)
    return service.get_question(db.session, user, int(raw))


def _bank_item(user, today):
    """The bank item the form is about: the one named by ?item= (the prep page's picks; 404
    for an id not in the bank), the one a refused form was sent on, or today's pick."""
    named = request.args.get("item")
    if named is not None:
        return item_by_id(named) or abort(404)
    sent = item_by_id(request.form.get("item_id") or "")
    return sent or service.item_of_the_day(db.session, user, today)


def _page(user, values=None, errors=None, question=None, status=200):
    today = today_for(user)
    own = _own_question(user, request.values.get("own") or None)
    item = None if own else _bank_item(user, today)
    sessions = service.list_sessions(db.session, user)
    values = values or {"date": today.isoformat(), "note": f"{own.text}\n\n" if own else ""}
    return journal_page(
        "journal/practice.html",
        user,
        today,
        status,
        item=item,
        own=own,
        ratings=RATINGS,
        sessions=[(s, item_by_id(s.item_id) if s.item_id else None) for s in sessions[:RECENT]],
        practised_today=sum(s.date == today for s in sessions),
        questions=service.list_questions(db.session, user),
        values=values,
        errors=errors or {},
        question=question or {"values": {}, "errors": {}},
    )


@bp.get("")
@login_required
def index(user):
    return _page(user)


@bp.post("")
@login_required
def log(user):
    values = form_data("date", "item_id", "rating", "note", optional=("item_id", "rating"))
    practised, errors = save_form(PracticeCreate, values, dated_write(service.log_session, user))
    if practised is not None:
        flash("Practice logged. That counts towards your practice goal. Well done.")
        return redirect(url_for("practice.index") + "#recent")
    if "rating" in errors:
        errors["rating"] = "Pick how it went, from 1 to 5."
    if "item_id" in errors:
        errors["item_id"] = (
            "That item isn’t in the practice bank. Reload the page for today’s pick."  # noqa: RUF001
        )
    return _page(user, values, errors, status=400)


@bp.post("/questions")
@login_required
def add_question(user):
    values = form_data("question")
    data, errors = validate_form(QuestionForm, values)
    if data is None:
        return _page(user, question={"values": values, "errors": errors}, status=400)
    service.add_question(db.session, user, clock.now_utc(), text=data.question)
    db.session.commit()
    flash("Added to your practice list.")
    return redirect(url_for("practice.index") + "#questions")


@bp.post("/questions/<id:question_id>/delete")
@login_required
def delete_question(user, question_id: int):
    back = url_for("practice.index") + "#questions"
    return removed(service.delete_question(db.session, user, question_id, clock.now_utc()), back)
