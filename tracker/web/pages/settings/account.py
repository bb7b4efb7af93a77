"""Settings: the hub, and the account's own pages (password, sign out everywhere, API tokens,
deleting the account). Reminders and "Your data" live on pages of their own under /settings."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from tracker import clock
from tracker.extensions import db
from tracker.services import accounts
from tracker.services.accounts import WrongPassword
from tracker.web.http.forms import form_data, login_required, validate_form
from tracker.web.http.identity import sign_in, sign_out
from tracker.web.http.ratelimit import confirm_password, password_check
from tracker.web.pages.undo import offer_undo
from tracker.web.schemas.accounts import AccountDelete, MeUpdate, PasswordChange, TokenName
from tracker.web.schemas.fields import timezone_choices, zone_named

bp = Blueprint("settings", __name__, url_prefix="/settings")


def _hub(user, errors=None, zone=None, status=200):
    tokens = accounts.tokens_of(db.session, user)
    page = render_template(
        "settings/index.html",
        user=user,
        token_count=len(tokens),
        errors=errors or {},
        zone=user.timezone if zone is None else zone,
        zones=timezone_choices(),
    )
    return page, status


@bp.get("")
@login_required
def index(user):
    return _hub(user)


@bp.post("/timezone")
@login_required
def timezone(user):
    """Moving to another zone: today, streaks and reminders follow the new one from now on;
    dates already logged stay the dates they were."""
    typed = (request.form.get("timezone") or "").strip()
    data, errors = validate_form(MeUpdate, {"timezone": typed})
    if data is None or data.timezone is None:
        errors = errors or {"timezone": "Pick a time zone, like Europe/Berlin."}
        return _hub(user, errors=errors, zone=zone_named(typed) or user.timezone, status=400)
    accounts.set_timezone(db.session, user, data.timezone, clock.now_utc())
    db.session.commit()
    flash(f"Your days now follow {data.timezone}.")
    return redirect(url_for("settings.index"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
@password_check
def password(user):
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = form_data("current_password", "new_password")
        data, errors = validate_form(PasswordChange, values)
        # The current password is checked even when the new one is refused, so both
        # mistakes are named at once (and a wrong one counts as a failed sign-in either way).
        if "current_password" not in errors:
            try:
                confirm_password(user, values["current_password"])
            except WrongPassword:
                errors["current_password"] = "That isn't your current password. Try again."
        if data is not None and not errors:
            accounts.change_password(db.session, user, data.new_password)
            sign_in(user)  # this browser stays signed in; every other one is signed out
            db.session.commit()
            flash("Password changed. Other browsers will need the new one to sign in.")
            return redirect(url_for("settings.index"))
    status = 400 if errors else 200
    return render_template("settings/password.html", user=user, errors=errors), status


@bp.post("/sessions")
@login_required
def sign_out_everywhere(user):
    revoke = request.form.get("revoke_tokens") == "yes"
    accounts.end_sessions(db.session, user, revoke_tokens=revoke)
    sign_in(user)
    db.session.commit()
    flash(
        "Every other browser is signed out"
        + (", and your API tokens no longer work." if revoke else ".")
        + " You're still signed in here."
    )
    return redirect(url_for("settings.index"))


def _tokens_page(user, errors=None, new_token=None, name="", status=200):
    page = render_template(
        "settings/tokens.html",
        user=user,
        tokens=accounts.tokens_of(db.session, user),
        errors=errors or {},
        new_token=new_token,
        name=name,
    )
    # A new token is shown once: never let a cache keep the page that holds it.
    return page, status, {"Cache-Control": "no-store"}


@bp.get("/tokens")
@login_required
def tokens(user):
    return _tokens_page(user)


@bp.post("/tokens")
@login_required
def create_token(user):
    name = request.form.get("name", "")
    data, errors = validate_form(TokenName, {"name": name.strip()})
    if data is None:
        return _tokens_page(user, errors=errors, name=name, status=400)
    token, raw = accounts.issue_token(db.session, user, data.name, clock.now_utc())
    db.session.commit()
    return _tokens_page(user, new_token={"id": token.id, "name": token.name, "value": raw})


@bp.post("/tokens/<id:token_id>/revoke")
@login_required
def revoke_token(user, token_id: int):
    back = url_for("settings.tokens")
    offer_undo(accounts.revoke_token(db.session, user, token_id, clock.now_utc()), back)
    db.session.commit()
    flash("Token revoked. Anything using it has lost access.")
    return redirect(back)


@bp.route("/delete", methods=["GET", "POST"])
@login_required
@password_check
def delete(user):
    errors: dict[str, str] = {}
    typed = ""
    if request.method == "POST":
        typed = (request.form.get("email") or "").strip()
        data, errors = validate_form(AccountDelete, form_data("password"))
        if typed.lower() != user.email:
            errors["email"] = "Type your email exactly as shown above to confirm."
        if not errors and data is not None:
            try:
                confirm_password(user, data.password)
            except WrongPassword:
                errors = {"password": "That isn't your current password. Try again."}
            else:
                accounts.delete_account(db.session, user)
                db.session.commit()
                sign_out()
                flash("Your account and everything in it has been deleted. Take care out there.")
                return redirect(url_for("auth.login"))
    status = 400 if errors else 200
    page = render_template("settings/delete.html", user=user, errors=errors, typed=typed)
    return page, status
