"""Push subscriptions, the server's public key, and reminder rules."""

from __future__ import annotations

import re
from datetime import time
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    RootModel,
    Strict,
    StringConstraints,
    WithJsonSchema,
)

from tracker.web.schemas.fields import Input, Instant, Weekdays, no_nul

_HH_MM = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
ReminderKind = Literal["plan", "nudge", "comeback"]


def _local_time(value: object) -> time:
    if not isinstance(value, str) or not _HH_MM.fullmatch(value):
        raise ValueError("Use the form HH:MM, from 00:00 to 23:59.")
    return time(int(value[:2]), int(value[3:]))


Key = Annotated[str, StringConstraints(max_length=200), AfterValidator(no_nul)]
Endpoint = Annotated[str, StringConstraints(max_length=1024), AfterValidator(no_nul)]
# Read from "HH:MM" into a time (nothing else: no seconds, no numbers).
LocalTime = Annotated[
    time,
    Strict(False),
    BeforeValidator(_local_time),
    WithJsonSchema({"type": "string", "pattern": f"^{_HH_MM.pattern}$", "example": "09:00"}),
]


class SubscriptionKeys(Input):
    p256dh: Key
    auth: Key


class SubscriptionIn(Input):
    """A browser's PushSubscription as `toJSON()` gives it (`expirationTime` is accepted and
    not used: the push service's 404/410 tells when a subscription has ended)."""

    endpoint: Endpoint
    keys: SubscriptionKeys
    expirationTime: int | float | None = None  # the name PushSubscription.toJSON() uses


class EndpointIn(Input):
    endpoint: Endpoint


class DeviceOut(BaseModel):
    """A subscribed device; `endpoint` lets a page tell which entry is the device itself."""

    id: int
    endpoint: str
    user_agent: str
    created_at: Instant
    last_seen_at: Instant


class PushKeyOut(BaseModel):
    """The VAPID public key: URL-safe base64 of the uncompressed P-256 point, to pass to
    `pushManager.subscribe({applicationServerKey})`."""

    public_key: str


class TestPushOut(BaseModel):
    """What the push service answered a test notification: `delivered`; `gone` (the device
    unsubscribed: it was removed); `retry` (the service is busy or unreachable: try later);
    `failed` (refused)."""

    outcome: Literal["delivered", "gone", "retry", "failed"]
    status: int | None


class ReminderIn(Input):
    """One rule to change; fields left out keep their setting. For `comeback` only `enabled`
    counts: it goes at the plan's time, on any day."""

    kind: ReminderKind
    time: LocalTime | None = None
    weekdays: Weekdays | None = None
    enabled: bool | None = None


class RemindersIn(RootModel[Annotated[list[ReminderIn], Field(max_length=3)]]):
    """The rules to change, each kind at most once."""


class ReminderOut(BaseModel):
    kind: ReminderKind
    time: str
    weekdays: list[int]
    enabled: bool
