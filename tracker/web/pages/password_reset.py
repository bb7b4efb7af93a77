"""Forgot your password: /forgot asks for the address, /reset/<token> sets a new password.

This server sends no email yet, so /forgot says so and names the command that prints a reset
link (`flask --app tracker users reset-link EMAIL`) for whoever runs it; it answers the same
whether or not an account uses the address, and counts like a failed sign-in (SPEC 6).
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for

from tracker import clock
from tracker.extensions import db
from tracker.services import password_reset
from tracker.web.http.forms import form_data, validate_form
from tracker.web.http.identity import sign_out
from tracker.web.http.ratelimit import password_failed, sign_in_attempt
from tracker.web.schemas.accounts import NewPassword

bp = Blueprint("password_reset", __name__)
GONE = "This link has expired or was already used. Ask for a new one."
# Both pages hold a person's data (the address typed, a link that sets their password) even
# for a browser nobody is signed in to: never kept by a cache (SPEC 6).
PRIVATE = {"Cache-Control": "no-store"}


@bp.route("/forgot", methods=["GET", "POST"])
@sign_in_attempt
def forgot():
    """The same page whatever the address: it never says whether an account uses it."""
    sent = form_data("email").get("email", "").strip()[:254] or None
    if sent is not None:
        password_failed()  # each request counts like a failed sign-in of that address
    page = render_template("auth/forgot.html", email=sent or "", asked=sent is not None)
    return page, 200, PRIVATE


def _user(token: str):
    config = current_app.config
    return password_reset.user_for_reset(db.session, token, config["SECRET_KEY"], clock.now_utc())


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str):
    user = _user(token)
    if user is None:
        return render_template("auth/reset.html", gone=GONE, errors={}), 404, PRIVATE
    errors: dict = {}
    if form_data("password").get("password") is not None:
        data, errors = validate_form(NewPassword, form_data("password"))
        if data is not None:
            password_reset.reset_password(db.session, user, data.password)
            sign_out()  # whoever was signed in here, too
            db.session.commit()
            flash("Your new password is set, and every device was signed out. Sign in with it.")
            return redirect(url_for("auth.login"))
    page = render_template("auth/reset.html", gone=None, errors=errors)
    return page, 400 if errors else 200, PRIVATE
