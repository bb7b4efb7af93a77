"""Accounts, tokens and the signed-in user."""

from __future__ import annotations

from flask import current_app

from tracker import clock
from tracker.core.days import local_date
from tracker.extensions import db
from tracker.services import accounts
from tracker.services.errors import ServiceError
from tracker.web.api import ANYONE, bp
from tracker.web.api.answers import (
    BODY,
    NAMES_ID,
    SIGNED_IN,
    WRITE,
    errors,
    json_answer,
    no_content,
)
from tracker.web.api.hooks import caller
from tracker.web.api.writes import deleted
from tracker.web.http.identity import Unauthorized, has_browser_session, sign_in, sign_out
from tracker.web.http.ratelimit import (
    confirm_password,
    password_check,
    password_failed,
    sign_in_attempt,
    sign_up,
)
from tracker.web.schemas import Account, AccountCreate, MeUpdate, NewToken, TokenCreate
from tracker.web.schemas.accounts import (
    AccountDelete,
    PasswordChange,
    PasswordResetRequest,
    ResetAsked,
)
from tracker.web.schemas.lists import TokenList
from tracker.web.schemas.queries import TokenPath

# This server sends no email: the link comes from whoever runs it (`users reset-link`).
RESET_ASKED = (
    "If an account uses this address, the person who runs this server can make its reset "
    "link with: flask --app tracker users reset-link EMAIL"
)


class RegistrationClosed(ServiceError):
    status = 403
    code = "registration_closed"


@bp.post("/accounts", responses={201: Account, **BODY, **errors(403, 409, 429)}, security=ANYONE)
@sign_up
def create_account(body: AccountCreate):
    """Create an account"""
    if not current_app.config["REGISTRATION_OPEN"]:
        raise RegistrationClosed("New accounts are not being accepted on this server.")
    now = clock.now_utc()
    user = accounts.create_account(
        db.session, body.email, body.password, body.timezone, local_date(now, body.timezone), now
    )
    db.session.commit()
    return json_answer(Account, user, 201)


@bp.post("/tokens", responses={201: NewToken, **BODY, **errors(401, 429)}, security=ANYONE)
@sign_in_attempt
def create_token(body: TokenCreate):
    """Create an API token"""
    user = accounts.authenticate(db.session, body.email, body.password)
    if user is None:
        password_failed()
        raise Unauthorized("Email or password is not right.")
    token, raw = accounts.issue_token(db.session, user, body.name, clock.now_utc())
    db.session.commit()
    return json_answer(NewToken, {"id": token.id, "token": raw}, 201)


@bp.post("/password-reset", responses={202: ResetAsked, **BODY, **errors(429)}, security=ANYONE)
@sign_in_attempt
def ask_password_reset(body: PasswordResetRequest):
    """Ask for a password reset link (the same answer whether or not an account uses it)"""
    password_failed()  # each request counts like a failed sign-in of that address
    return json_answer(ResetAsked, {"message": RESET_ASKED}, 202)


@bp.delete("/tokens/<int:token_id>", responses={204: None, **WRITE, **NAMES_ID})
def revoke_token(path: TokenPath):
    """Revoke an API token"""
    return deleted(accounts.revoke_token, path.token_id)


@bp.get("/me", responses={200: Account, **SIGNED_IN})
def me():
    """The signed-in account"""
    return json_answer(Account, caller())


@bp.patch("/me", responses={200: Account, **WRITE, **BODY})
def update_me(body: MeUpdate):
    """Change the account"""
    user = caller()
    if body.timezone is not None:
        accounts.set_timezone(db.session, user, body.timezone, clock.now_utc())
        db.session.commit()
    return json_answer(Account, user)


@bp.get("/tokens", responses={200: TokenList, **SIGNED_IN})
def list_tokens():
    """List your API tokens"""
    return json_answer(TokenList, accounts.tokens_of(db.session, caller()))


@bp.post("/me/password", responses={204: None, **WRITE, **BODY, **errors(429)})
@password_check
def change_password(body: PasswordChange):
    """Change your password (ends your other browser sessions)"""
    user = caller()
    confirm_password(user, body.current_password)
    browser = has_browser_session()
    accounts.change_password(db.session, user, body.new_password)
    if browser:
        sign_in(user)  # the browser that asked stays signed in
    db.session.commit()
    return no_content()


@bp.delete("/me", responses={204: None, **WRITE, **BODY, **errors(429)})
@password_check
def delete_me(body: AccountDelete):
    """Delete your account and all its data"""
    user = caller()
    confirm_password(user, body.password)
    accounts.delete_account(db.session, user)
    db.session.commit()
    if has_browser_session():
        sign_out()
    return no_content()
