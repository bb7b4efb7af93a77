"""Accounts and API tokens."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, StringConstraints

from tracker.web.schemas.fields import Email, Input, Instant, Password, Timezone, no_nul


class AccountCreate(Input):
    email: Email
    password: Password
    timezone: Timezone


# A password typed to sign in or confirm a change: any length up to the sign-in limit, checked
# by its hash (never held to the rules of a new Password).
Confirmation = Annotated[str, StringConstraints(max_length=1024)]
# What a person calls an API token, on the API and the settings page alike.
TokenLabel = Annotated[str, StringConstraints(max_length=80), AfterValidator(no_nul)]


class TokenCreate(Input):
    email: Annotated[str, StringConstraints(max_length=254)]
    password: Confirmation
    name: TokenLabel = ""


class MeUpdate(Input):
    timezone: Timezone | None = None


class Account(BaseModel):
    id: int
    email: str
    timezone: str


class NewToken(BaseModel):
    id: int
    token: str


class PasswordChange(Input):
    current_password: Confirmation
    new_password: Password


class NewPassword(Input):
    """A new password set through a reset link."""

    password: Password


class PasswordResetRequest(Input):
    """Who asks for a reset link: an address, whether or not an account uses it."""

    email: Annotated[str, StringConstraints(max_length=254), AfterValidator(no_nul)]


class ResetAsked(BaseModel):
    """The answer to a reset request: the same whether or not an account uses the address."""

    message: str


class TokenName(Input):
    """A new token made from the settings page (the person is already signed in)."""

    name: TokenLabel = ""


class AccountDelete(Input):
    password: Confirmation


class TokenOut(BaseModel):
    """An API token as listed: never its value (only a hash of it is stored)."""

    id: int
    name: str
    created_at: Instant
