"""The reflection journal: a new entry with a guided prompt, and a searchable list.

The form is shared with the debrief after a rejection (journal/rejections.py): `read_form` and
`prompt_groups` serve both.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for

from tracker import clock
from tracker.core import prompts
from tracker.extensions import db
from tracker.services import reflections as service
from tracker.services.errors import Invalid
from tracker.web.http.forms import dated_write, login_required, validate_form
from tracker.web.http.identity import today_for
from tracker.web.pages.journal import journal_page
from tracker.web.pages.undo import removed
from tracker.web.schemas import ReflectionCreate

bp = Blueprint("reflections", __name__, url_prefix="/journal/reflections")
PROMPTS = {p.id: p for p in (*prompts.GUIDED, *prompts.DEBRIEF, *prompts.DEBRIEF_MORE)}
DEBRIEF_TEXTS = frozenset(p.text for p in (*prompts.DEBRIEF, *prompts.DEBRIEF_MORE))
MAX_SEARCH = 200


def prompt_groups(featured, *others):
    """[(heading or None, prompts)]: the featured prompts shown open, then folded groups."""
    return [(None, list(featured)), *((heading, list(group)) for heading, group in others)]


def read_form(allowed: list[prompts.Prompt], rejection_id: int | str | None = None):
    """(values as typed, {field: message}, ReflectionCreate or None) from the posted form.

    `prompt` is the id of one of `allowed` (or blank for none); the reflection stores its text.
    A `rejection_id` as posted is checked like any field (a whole number from 1).
    """
    values = {name: request.form.get(name, "") for name in ("prompt", "text", "date")}
    errors: dict[str, str] = {}
    body: dict = {"date": values["date"], "text": values["text"]}
    if values["prompt"]:
        chosen = PROMPTS.get(values["prompt"])
        if chosen is None or chosen not in allowed:
            errors["prompt"] = "Pick one of the questions above, or write without one."
        else:
            body["prompt"] = chosen.text
    if rejection_id is not None:
        body["rejection_id"] = rejection_id
    data, form_errors = validate_form(ReflectionCreate, body)
    errors = {**form_errors, **errors}
    return values, errors, None if errors else data


def save(user, data: ReflectionCreate) -> dict[str, str]:
    """Save a checked reflection and commit; {field: message} when a rule refuses it."""
    try:
        dated_write(service.add_reflection, user)(data)
    except Invalid as error:
        db.session.rollback()
        return error.fields or {"date": error.message}
    db.session.commit()
    return {}


def _page(user, values=None, errors=None, status=200):
    today = today_for(user)
    search = request.args.get("q", "")
    search_error = None
    if len(search) > MAX_SEARCH:
        search_error = f"Keep a search to {MAX_SEARCH} characters or fewer."
        status = 400
    found = service.list_reflections(db.session, user, None if search_error else search.strip())
    recent = service.recent_rejection(db.session, user, today)
    # A "no" of today or yesterday without a debrief yet: the page offers that first.
    rejection = recent[0] if recent and not recent[1] else None
    daily = service.prompt_of_the_day(today)
    if rejection is not None:
        groups = prompt_groups(
            prompts.DEBRIEF[:1],
            ("Another question about this “no”", prompts.DEBRIEF[1:]),
            ("More about the “no” itself", prompts.DEBRIEF_MORE),
            ("Something else on your mind", prompts.GUIDED),
        )
    else:
        others = [p for p in prompts.GUIDED if p != daily]
        groups = prompt_groups([daily], ("Another question", others))
    values = values or {}
    return journal_page(
        "journal/reflections.html",
        user,
        today,
        status,
        reflections=found,
        search=search,
        search_error=search_error,
        rejection=rejection,
        groups=groups,
        selected=values.get("prompt", groups[0][1][0].id),
        values=values,
        errors=errors or {},
    )


@bp.get("")
@login_required
def index(user):
    return _page(user)


def _debrief_only(user, data: ReflectionCreate) -> ReflectionCreate:
    """The page offers a fresh rejection's debrief beside the general prompts, and its form
    always names the rejection: only an answer to a debrief question debriefs it. Anything
    else written here is a reflection of its own (the id is still checked: 404 if not theirs).
    """
    if data.prompt in DEBRIEF_TEXTS:
        return data
    service.own_rejection(db.session, user, data.rejection_id)
    return data.model_copy(update={"rejection_id": None})


@bp.post("")
@login_required
def create(user):
    # A debrief posted from this page names its rejection: one of the user's, or 404.
    rejection_id = request.form.get("rejection_id") or None
    debrief = [*prompts.DEBRIEF, *prompts.DEBRIEF_MORE] if rejection_id else []
    allowed = [*prompts.GUIDED, *debrief]
    values, errors, data = read_form(allowed, rejection_id)
    if data is not None and data.rejection_id is not None:
        data = _debrief_only(user, data)
    errors = errors or save(user, data)
    if errors:
        return _page(user, values, errors, 400)
    flash("Saved to your journal. It counts towards your reflect goal.")
    return redirect(_entries())


@bp.post("/<id:reflection_id>/delete")
@login_required
def delete(user, reflection_id: int):
    removal = service.delete_reflection(db.session, user, reflection_id, clock.now_utc())
    return removed(removal, _entries())


def _entries() -> str:
    """The list of the user's reflections on this page."""
    return url_for("reflections.index", _anchor="entries")
