"""Your data (/settings/data): download everything, bring in an export or Loop's zip.

Uploads may be larger than other forms (up to import_limit(), SPEC section 6's 5 MB): the
limit is raised before the form is read, so these views check the CSRF token themselves,
after that. A refused file (too large: 413; past a count of tracker.core.limits: 422) is
named beside its field with the limit it passed, and nothing is written.
"""

from __future__ import annotations

import base64
import binascii
import json

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from pydantic import TypeAdapter, ValidationError
from werkzeug.exceptions import RequestEntityTooLarge

from tracker import clock
from tracker.core import limits
from tracker.core.limits import megabytes
from tracker.core.loop_habits import guess_category
from tracker.extensions import csrf, db
from tracker.models import CATEGORIES
from tracker.services import loop_import, transfer, transfer_import
from tracker.services.errors import ServiceError
from tracker.web.http.downloads import entries_csv
from tracker.web.http.forms import login_required
from tracker.web.http.identity import today_for
from tracker.web.http.uploads import give_back_memory, import_limit, too_large_message
from tracker.web.schemas.messages import validation_fields
from tracker.web.schemas.transfer import ExportFile, import_document

bp = Blueprint("data", __name__, url_prefix="/settings/data")
EXPORT = TypeAdapter(ExportFile)
MAX_SHOWN = 6


def _page(user, errors=None, problems=(), *, preview=None, status=200):
    return render_template(
        "settings/data.html",
        user=user,
        errors=errors or {},
        problems=list(problems)[:MAX_SHOWN],
        more=max(0, len(problems) - MAX_SHOWN),
        preview=preview,
        limit=megabytes(import_limit()),
        limits=limits,
    ), status


@bp.teardown_request
def _after_import(_error):
    if request.method == "POST":
        give_back_memory()


@bp.get("")
@login_required
def index(user):
    return _page(user)


@bp.get("/export.json")
@login_required
def download(user):
    document = EXPORT.dump_python(
        EXPORT.validate_python(transfer.export_account(db.session, user, clock.now_utc())),
        mode="json",
    )
    name = f"bring-it-on-{today_for(user).isoformat()}.json"
    return Response(
        json.dumps(document, ensure_ascii=False, indent=1),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/entries.csv")
@login_required
def download_entries(user):
    return entries_csv(user)


def _read_upload(field: str) -> bytes:
    """The uploaded file's bytes, after the CSRF check; RequestEntityTooLarge past the limit."""
    request.max_content_length = import_limit()
    request.max_form_memory_size = import_limit() * 4 // 3 + 4096  # the zip, base64, on review
    csrf.protect()
    upload = request.files.get(field)
    return upload.read() if upload else b""


def _upload(user, field: str, missing: str) -> bytes:
    """The uploaded file's bytes; when it is too large or, in the words of `missing`, none
    came, the page saying so answers the request instead (the view goes no further)."""
    try:
        raw = _read_upload(field)
    except RequestEntityTooLarge:
        abort(make_response(_too_large(user, field)))
    if not raw:
        abort(make_response(_page(user, {field: missing}, status=400)))
    return raw


def _review_limit() -> int:
    return import_limit() * 3 // 2 + 64 * 1024


def _too_large(user, field: str):
    return _page(user, {field: too_large_message()}, status=413)


# What a person calls the lists of an export file, one of each (the file's own words are
# for programs: "goals.0.entries.3.date" is said "Goal 1, entry 4, date").
_ONE_OF = {
    "goals": "goal",
    "entries": "entry",
    "rejections": "rejection",
    "applications": "application",
    "history": "stage",
    "breaks": "break",
    "practice_sessions": "practice session",
    "reflections": "reflection",
    "practice_questions": "practice question",
    "reminders": "reminder",
    "weekdays": "weekday",
}


def _where(path: str) -> str:
    """A place in an export file, in words: "goals.0.entries.3.date" -> "Goal 1, entry 4, date"."""
    parts, words = path.split("."), []
    for i, part in enumerate(parts):
        if part.isdigit():
            continue
        name = part.replace("_", " ")
        if i + 1 < len(parts) and parts[i + 1].isdigit():
            name = f"{_ONE_OF.get(part, name)} {int(parts[i + 1]) + 1}"
        words.append(name)
    said = ", ".join(words)
    return said[:1].upper() + said[1:]


def _problem(path: str, text: str) -> str:
    return f"{_where(path)}: {text.replace('Input should be', 'It should be')}"


def _refused(user, field: str, error: ServiceError):
    message = error.message
    problems = [_problem(path, text) for path, text in error.fields.items() if path != "file"]
    if "file" in error.fields:
        message = error.fields["file"]
    return _page(user, {field: message}, problems, status=error.status)


@bp.post("/import")
@csrf.exempt
@login_required
def import_export(user):
    raw = _upload(user, "json_file", "Choose the file first.")
    try:
        document = ExportFile.model_validate_json(raw)
    except ValidationError as error:
        if any(item["type"] == "json_invalid" for item in error.errors()):
            message = "That file isn't a Bring It On export (it isn't JSON)."
            return _page(user, {"json_file": message}, status=400)
        fields = {**validation_fields(error), **_date_fields(error)}
        if "format" in fields:
            message = (
                "That file isn't a Bring It On export: choose the file that "
                "“Download everything” saved."
            )
            return _page(user, {"json_file": message}, status=400)
        if "version" in fields:
            message = "This export comes from a version of Bring It On this server can't read."
            return _page(user, {"json_file": message}, status=400)
        message = "Some of the file needs another look; nothing was imported."
        problems = [_problem(path, text) for path, text in fields.items()]
        return _page(user, {"json_file": message}, problems, status=400)
    try:
        summary = transfer_import.import_account(
            db.session, user, today_for(user), clock.now_utc(), import_document(document)
        )
    except ServiceError as error:
        return _refused(user, "json_file", error)
    db.session.commit()
    flash(_said(summary))
    return _to_the_news()


def _date_fields(error: ValidationError) -> dict[str, str]:
    """Dates said the way the other forms say them, rather than in pydantic's words."""
    return {
        ".".join(str(part) for part in item["loc"]): "Use a real date, like 2026-03-01."
        for item in error.errors(include_url=False)
        if item["type"].startswith("date_")
    }


def _to_the_news():
    """After an import, to the top of the page where its summary is: the form's own #import
    or #loop would otherwise carry over the redirect and scroll past it."""
    return redirect(url_for("data.index") + "#main")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _said(summary: dict) -> str:
    parts = [_count(summary["entries"], "check-in")]
    parts += [
        _count(summary[key], noun)
        for key, noun in (
            ("rejections", "rejection"),
            ("applications", "application"),
            ("practice_sessions", "practice session"),
            ("reflections", "reflection"),
            ("practice_questions", "practice question"),
            ("breaks", "break"),
        )
        if summary[key]
    ]
    goals = f"{_count(summary['goals_created'], 'new goal')}, {summary['goals_merged']} joined"
    return f"Your history is in: {goals}; {', '.join(parts)}."


@bp.post("/loop")
@csrf.exempt
@login_required
def review_loop(user):
    raw = _upload(user, "loop_file", "Choose the zip first.")
    kind = request.form.get("kind")
    try:
        result = loop_import.import_loop(
            db.session,
            user,
            today_for(user),
            clock.now_utc(),
            raw,
            default=kind if kind in CATEGORIES else None,
            dry_run=True,
        )
    except ServiceError as error:
        return _refused(user, "loop_file", error)
    result["archive"] = base64.b64encode(raw).decode()
    return _page(user, preview=result)


@bp.post("/loop/import")
@csrf.exempt
@login_required
def import_loop(user):
    try:
        # The reviewed zip comes back in base64 (a third larger), URL-encoded (its + and /
        # three times longer), with a field per habit.
        request.max_content_length = request.max_form_memory_size = _review_limit()
        csrf.protect()
        raw = base64.b64decode(request.form.get("archive", ""), validate=True)
    except RequestEntityTooLarge:
        return _too_large(user, "loop_file")
    except (binascii.Error, ValueError):
        message = "That upload got lost on the way. Choose it again."
        return _page(user, {"loop_file": message}, status=400)
    try:
        # The zip is read once: the habits' order pairs them with the form's habit-N fields.
        habits = loop_import.read_habits(raw, today_for(user))
        chosen = {}
        for n, habit in enumerate(habits):
            kind = request.form.get(f"habit-{n}")
            chosen[habit.name] = kind if kind in CATEGORIES else guess_category(habit.name)
        result = loop_import.import_habits(
            db.session, user, today_for(user), clock.now_utc(), habits, chosen=chosen
        )
    except ServiceError as error:
        return _refused(user, "loop_file", error)
    db.session.commit()
    count = len(result["habits"])
    flash(
        f"Loop’s history is in: {_count(count, 'habit')} became goals, with "  # noqa: RUF001
        f"{_count(result['entries'], 'day')} of history. Bring it on."
    )
    return _to_the_news()
