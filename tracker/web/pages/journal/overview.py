"""The journal's overview: its sections at a glance (rejections: journal/rejections.py)."""

from __future__ import annotations

from flask import Blueprint

from tracker.extensions import db
from tracker.services import applications, journal, practice, reflections
from tracker.web.http.forms import login_required
from tracker.web.http.identity import today_for
from tracker.web.pages.journal import journal_page

bp = Blueprint("journal", __name__, url_prefix="/journal")


@bp.get("")
@login_required
def index(user):
    today = today_for(user)
    pipeline = applications.list_applications(db.session, user)
    open_ones = [a for a in pipeline if a.stage in applications.PIPELINE]
    sessions = practice.list_sessions(db.session, user)
    entries = reflections.list_reflections(db.session, user)
    return journal_page(
        "journal/index.html",
        user,
        today,
        open_count=len(open_ones),
        quiet_count=sum(applications.is_quiet(a, today) for a in open_ones),
        sent_today=sum(a.date == today for a in pipeline),
        item=practice.item_of_the_day(db.session, user, today),
        practised_today=sum(s.date == today for s in sessions),
        prompt=reflections.prompt_of_the_day(today),
        latest=entries[0] if entries else None,
        rejections=journal.list_rejections(db.session, user),
    )
