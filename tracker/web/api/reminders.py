"""Reminder rules: plan, nudge and comeback."""

from __future__ import annotations

from tracker import clock
from tracker.extensions import db
from tracker.services import reminders
from tracker.web.api import bp
from tracker.web.api.answers import BODY, SIGNED_IN, WRITE, json_answer
from tracker.web.api.hooks import caller
from tracker.web.schemas.lists import ReminderList
from tracker.web.schemas.push import RemindersIn


@bp.get("/reminders", responses={200: ReminderList, **SIGNED_IN})
def list_reminders():
    """The reminder rules (plan, nudge, comeback)"""
    return json_answer(ReminderList, reminders.list_rules(db.session, caller()))


@bp.put("/reminders", responses={200: ReminderList, **WRITE, **BODY})
def put_reminders(body: RemindersIn):
    """Change reminder rules; kinds and fields left out keep their setting"""
    items = [item.model_dump(exclude_unset=True) for item in body.root]
    answer = reminders.put_rules(db.session, caller(), clock.now_utc(), items)
    db.session.commit()
    return json_answer(ReminderList, answer)
