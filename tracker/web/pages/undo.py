"""Undo: after a page removes something, the next page offers to put it back (SPEC 8).

A view that removes returns `removed(removal, back)` (or calls `offer_undo(removal, back)`
itself); the page it redirects to shows a small form (templates/_undo.html) whose `data-undo`
button posts to `/undo/<id>`, which restores exactly what was removed and goes back. It works
without JavaScript.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, session

from tracker import clock
from tracker.extensions import db
from tracker.services import removals
from tracker.web.http.forms import login_required, safe_next

bp = Blueprint("undo", __name__)
_KEY = "undo"


def offer_undo(removal, back: str) -> None:
    """Offer, on the next page shown, to undo `removal` and then return to `back`."""
    session[_KEY] = {"id": removal.id, "label": removal.label, "back": back}


def removed(removal, back: str):
    """After a view removed something: commit, offer to undo it on the next page, go `back`."""
    offer_undo(removal, back)
    db.session.commit()
    return redirect(back)


def pending_undo() -> dict | None:
    """The undo to offer on this page (once), or None; for the templates."""
    return session.pop(_KEY, None) if _KEY in session else None


@bp.post("/undo/<id:removal_id>")
@login_required
def undo(user, removal_id: int):
    back = safe_next(request.form.get("back"))
    # Another user's removal, or one undone already, is NotFound (404) like any other id.
    removal = removals.restore(db.session, user, removal_id, clock.now_utc())
    db.session.commit()
    flash(f"Put back: {removal.label}.")
    return redirect(back)


def register_template_globals(app) -> None:
    app.jinja_env.globals["pending_undo"] = pending_undo
