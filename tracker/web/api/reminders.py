"""Reminder rules: plan, nudge and comeback."""

from __future__ import annotations

from tracker import clock
from tracker.extensions import db
from tracker.services import reminders
from tracker.web.api import bp
from tracker.web.api.registry import operation
from tracker.web.schemas.push import ReminderOut, RemindersIn


@operation(
    bp,
    "GET",
    "/reminders",
    summary="The reminder rules (plan, nudge, comeback)",
    response=list[ReminderOut],
)
def list_reminders(user):
    return reminders.list_rules(db.session, user)


@operation(
    bp,
    "PUT",
    "/reminders",
    summary="Change reminder rules; kinds and fields left out keep their setting",
    body=RemindersIn,
    response=list[ReminderOut],
)
def put_reminders(user, body: RemindersIn):
    items = [item.model_dump(exclude_unset=True) for item in body.root]
    answer = reminders.put_rules(db.session, user, clock.now_utc(), items)
    db.session.commit()
    return answer
