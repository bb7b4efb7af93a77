"""Accounts, tokens and the signed-in user."""

from __future__ import annotations

from flask import current_app

from tracker import clock
from tracker.core.days import local_date
from tracker.extensions import db
from tracker.services import accounts
from tracker.services.errors import ServiceError
from tracker.web.api import bp
from tracker.web.api.registry import operation
from tracker.web.http.identity import Unauthorized, has_browser_session, sign_in, sign_out
from tracker.web.http.ratelimit import (
    confirm_password,
    password_check,
    password_failed,
    sign_in_attempt,
    sign_up,
)
from tracker.web.schemas import Account, AccountCreate, MeUpdate, NewToken, TokenCreate
from tracker.web.schemas.accounts import AccountDelete, PasswordChange, TokenOut


class RegistrationClosed(ServiceError):
    status = 403
    code = "registration_closed"


@operation(
    bp,
    "POST",
    "/accounts",
    summary="Create an account",
    body=AccountCreate,
    response=Account,
    status=201,
    auth=False,
    errors=(403, 409, 429),
)
@sign_up
def create_account(body: AccountCreate):
    if not current_app.config["REGISTRATION_OPEN"]:
        raise RegistrationClosed("New accounts are not being accepted on this server.")
    now = clock.now_utc()
    user = accounts.create_account(
        db.session, body.email, body.password, body.timezone, local_date(now, body.timezone), now
    )
    db.session.commit()
    return user


@operation(
    bp,
    "POST",
    "/tokens",
    summary="Create an API token",
    body=TokenCreate,
    response=NewToken,
    status=201,
    auth=False,
    errors=(401, 429),
)
@sign_in_attempt
def create_token(body: TokenCreate):
    user = accounts.authenticate(db.session, body.email, body.password)
    if user is None:
        password_failed()
        raise Unauthorized("Email or password is not right.")
    token, raw = accounts.issue_token(db.session, user, body.name, clock.now_utc())
    db.session.commit()
    return {"id": token.id, "token": raw}


@operation(bp, "DELETE", "/tokens/<int:token_id>", summary="Revoke an API token", status=204)
def revoke_token(user, token_id: int):
    accounts.revoke_token(db.session, user, token_id, clock.now_utc())
    db.session.commit()


@operation(bp, "GET", "/me", summary="The signed-in account", response=Account)
def me(user):
    return user


@operation(bp, "PATCH", "/me", summary="Change the account", body=MeUpdate, response=Account)
def update_me(user, body: MeUpdate):
    if body.timezone is not None:
        accounts.set_timezone(db.session, user, body.timezone)
        db.session.commit()
    return user


@operation(bp, "GET", "/tokens", summary="List your API tokens", response=list[TokenOut])
def list_tokens(user):
    return accounts.tokens_of(db.session, user)


@operation(
    bp,
    "POST",
    "/me/password",
    summary="Change your password (ends your other browser sessions)",
    body=PasswordChange,
    status=204,
    errors=(403, 429),
)
@password_check
def change_password(user, body: PasswordChange):
    confirm_password(user, body.current_password)
    browser = has_browser_session()
    accounts.change_password(db.session, user, body.new_password)
    if browser:
        sign_in(user)  # the browser that asked stays signed in
    db.session.commit()


@operation(
    bp,
    "DELETE",
    "/me",
    summary="Delete your account and all its data",
    body=AccountDelete,
    status=204,
    errors=(403, 429),
)
@password_check
def delete_me(user, body: AccountDelete):
    confirm_password(user, body.password)
    accounts.delete_account(db.session, user)
    db.session.commit()
    if has_browser_session():
        sign_out()
