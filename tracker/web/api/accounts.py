"""Accounts, tokens and the signed-in user."""

from __future__ import annotations

from flask import current_app

from tracker import clock
from tracker.core.days import local_date
from tracker.extensions import db
from tracker.services import accounts
from tracker.services.errors import ServiceError
from tracker.web.api import bp
from tracker.web.api.auth import Unauthorized
from tracker.web.api.registry import operation
from tracker.web.schemas import Account, AccountCreate, MeUpdate, NewToken, TokenCreate


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
def create_token(body: TokenCreate):
    user = accounts.authenticate(db.session, body.email, body.password)
    if user is None:
        raise Unauthorized("Email or password is not right.")
    token, raw = accounts.issue_token(db.session, user, body.name, clock.now_utc())
    db.session.commit()
    return {"id": token.id, "token": raw}


@operation(bp, "DELETE", "/tokens/<int:token_id>", summary="Revoke an API token", status=204)
def revoke_token(user, token_id: int):
    accounts.revoke_token(db.session, user, token_id)
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
