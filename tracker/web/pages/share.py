"""The share target (SPEC section 9): a job listing shared from another app opens a "Save this
listing" form, filled from what was shared, that saves it as a `saved` application."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, flash, redirect, render_template, request, url_for

from tracker.core.listing_titles import (
    MAX_SHARED_TEXT,
    MAX_SHARED_TITLE,
    MAX_SHARED_URL,
    clean,
    first_link,
    guess_listing,
    without_links,
)
from tracker.services import applications as service
from tracker.web.http.forms import dated_write, form_data, safe_next, save_form
from tracker.web.http.identity import session_user
from tracker.web.schemas import ApplicationCreate

bp = Blueprint("share", __name__)
FIELDS = ("company", "role", "link")
# A signed-out share goes to the sign-in page with its address in `next`. A proxy refuses a
# request line past a few kilobytes (gunicorn: 4094 bytes), and `next` is encoded once more:
# past this length only what the form reads (the title and the link) is carried, cut.
MAX_CARRIED = 1500


def shared_values(args) -> dict[str, str]:
    """The form's fields from a share's `title`, `text` and `url`: the link (the `url`, or the
    first http(s) address in the text) and a company and a role guessed from the title (or,
    without one, from the text without its links). Each is cut before it is read."""
    title = clean(args.get("title"), MAX_SHARED_TITLE)
    text = args.get("text", "")[:MAX_SHARED_TEXT]
    url = clean(args.get("url"), MAX_SHARED_URL)
    link = url if url.lower().startswith(("http://", "https://")) else first_link(text) or url
    guess = guess_listing(title or without_links(text))
    return {"company": guess.company, "role": guess.role, "link": link}


def _carried() -> str:
    """Where signing in leads back to: this share's address, or a shorter one saying as much."""
    whole = request.full_path.rstrip("?")
    if len(whole) <= MAX_CARRIED and safe_next(whole, "/") == whole:
        return whole
    title = clean(request.args.get("title"), MAX_SHARED_TITLE)
    text = request.args.get("text", "")[:MAX_SHARED_TEXT]
    kept = {
        "title": (title or without_links(text))[:200],
        "url": shared_values(request.args)["link"][:MAX_CARRIED],
    }
    query = urlencode({name: value for name, value in kept.items() if value})
    return url_for("share.index") + (f"?{query}" if query else "")


def _form_page(user, values: dict, errors: dict | None = None, status: int = 200):
    return render_template("share.html", user=user, values=values, errors=errors or {}), status


@bp.get("/share")
def index():
    user = session_user()
    if user is None:  # the share survives signing in
        return redirect(url_for("auth.login", next=_carried()))
    return _form_page(user, shared_values(request.args))


@bp.post("/share")
def save():
    user = session_user()
    if user is None:
        return redirect(url_for("auth.login", next=url_for("share.index")))
    values = form_data(*FIELDS, optional=("link",))
    data = {**values, "stage": "saved"}  # a listing kept for later: never counted (SPEC 4)
    application, errors = save_form(
        ApplicationCreate, data, dated_write(service.create_application, user)
    )
    if application is None:
        return _form_page(user, values, errors, 400)
    flash(f"Saved for later: {application.company}, {application.role}. Apply when you’re ready.")  # noqa: RUF001
    return redirect(url_for("applications.detail", application_id=application.id))
