"""Sign up, sign in, sign out."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from tracker import clock
from tracker.core.days import local_date
from tracker.extensions import db
from tracker.services import accounts
from tracker.services.errors import Conflict
from tracker.web.http.forms import form_data, safe_next, validate_form
from tracker.web.http.identity import session_user, sign_in, sign_out
from tracker.web.http.ratelimit import password_failed, sign_in_attempt, sign_up
from tracker.web.pages import onboarding
from tracker.web.schemas import AccountCreate
from tracker.web.schemas.fields import timezone_choices, zone_named

bp = Blueprint("auth", __name__)


def _next_url() -> str:
    """Where to go after signing in: a path on this site only, never another host."""
    return safe_next(request.args.get("next") or request.form.get("next"))


@bp.context_processor
def _time_zones() -> dict:
    """The zone list of the sign-up page, also for its 429 answer (rendered by ratelimit)."""
    return {"zones": timezone_choices(), "zone_named": zone_named}


def _signup_page(values: dict, errors: dict, status: int = 200):
    registration_open = current_app.config["REGISTRATION_OPEN"]
    page = render_template(
        "auth/signup.html", values=values, errors=errors, registration_open=registration_open
    )
    return page, status


@bp.route("/signup", methods=["GET", "POST"])
@sign_up
def signup():
    if session_user() is not None:
        return redirect(url_for("today.index"))
    if request.method == "GET" or not current_app.config["REGISTRATION_OPEN"]:
        return _signup_page({"email": ""}, {}, 200 if request.method == "GET" else 403)
    values = form_data("email", "password", "timezone")
    data, errors = validate_form(AccountCreate, values)
    if data is None:
        return _signup_page(values, errors, 400)
    now = clock.now_utc()
    try:
        user = accounts.create_account(
            db.session,
            data.email,
            data.password,
            data.timezone,
            local_date(now, data.timezone),
            now,
        )
    except Conflict as conflict:
        db.session.rollback()
        return _signup_page(values, conflict.fields, conflict.status)
    sign_in(user)
    onboarding.begin()  # after sign_in, which starts the session afresh
    db.session.commit()
    return redirect(url_for("onboarding.intro"))


@bp.route("/login", methods=["GET", "POST"])
@sign_in_attempt
def login():
    if session_user() is not None and request.method == "GET":
        return redirect(url_for("today.index"))
    email = ""
    error = None
    if request.method == "POST":
        email = (request.form.get("email") or "").strip()[:254]
        password = (request.form.get("password") or "")[:1024]
        user = accounts.authenticate(db.session, email, password) if email and password else None
        if user is not None:
            sign_in(user)
            db.session.commit()
            return redirect(_next_url())
        password_failed()
        error = "No account matches that email and password. Check both and try again."
    return render_template(
        "auth/login.html",
        email=email,
        errors={"password": error} if error else {},
        next=request.args.get("next", ""),
    ), (401 if error else 200)


@bp.post("/logout")
def logout():
    sign_out()
    db.session.commit()
    return redirect(url_for("auth.login"))
