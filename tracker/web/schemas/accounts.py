"""Accounts and API tokens."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, StringConstraints

from tracker.web.schemas.fields import Email, Input, Password, Timezone, no_nul


class AccountCreate(Input):
    email: Email
    password: Password
    timezone: Timezone


class TokenCreate(Input):
    email: Annotated[str, StringConstraints(max_length=254)]
    password: Annotated[str, StringConstraints(max_length=1024)]
    name: Annotated[str, StringConstraints(max_length=80), AfterValidator(no_nul)] = ""


class MeUpdate(Input):
    timezone: Timezone | None = None


class Account(BaseModel):
    id: int
    email: str
    timezone: str


class NewToken(BaseModel):
    id: int
    token: str
