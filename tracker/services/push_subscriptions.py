"""Push subscriptions: which devices of a user receive reminders, and where the server may send.

A push endpoint is an address the server will POST to, so it is checked as strictly as any
outbound request: only hosts listed in PUSH_ALLOWED_HOSTS (or their subdomains), https, the
default port, no user info, no IP literals but loopback ones listed for tests.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy.orm import Session

from tracker.models import PushSubscription, Removal, User
from tracker.queries import push as push_queries
from tracker.services import reminders, removals
from tracker.services.errors import Invalid, require_found

MAX_ENDPOINT = 1024
# A user reinstalling the app many times leaves old subscriptions behind; past this many,
# the one seen longest ago makes room (it is most likely dead).
MAX_DEVICES = 20
LOOPBACK_NAMES = frozenset({"localhost"})
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+={0,2}")
_ENDPOINT_HELP = "Use the push address your browser gave, on an allowed push service over https."


def _refuse(reason: str) -> Invalid:
    return Invalid("This push endpoint is not accepted.", {"endpoint": reason})


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _allowed(host: str, allowed: Iterable[str]) -> bool:
    # Subdomains count for push service names (wns2-par02p.notify.windows.com), never for
    # loopback entries or addresses.
    return any(
        host == name
        or (name not in LOOPBACK_NAMES and _ip(name) is None and host.endswith("." + name))
        for name in allowed
    )


def check_endpoint(endpoint: str, allowed_hosts: Iterable[str]) -> str:
    """Return `endpoint` if the server may send to it, else raise Invalid naming `endpoint`.

    https on the default port to a host of `allowed_hosts` (or a subdomain of one); http and
    any port only for loopback hosts that are themselves listed (tests, a local push service).
    IP literals other than listed loopback ones (private ranges, link-local metadata
    addresses), user info, fragments, spaces and control characters are refused.
    """
    allowed = {h.lower() for h in allowed_hosts}
    if len(endpoint) > MAX_ENDPOINT:
        raise _refuse(f"Use at most {MAX_ENDPOINT} characters.")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 or ch == "\\" for ch in endpoint):
        raise _refuse(_ENDPOINT_HELP)
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        raise _refuse(_ENDPOINT_HELP) from None
    host = (parts.hostname or "").lower()
    if not host or not host.isascii() or "@" in parts.netloc or parts.fragment:
        raise _refuse(_ENDPOINT_HELP)
    address = _ip(host)
    loopback = (address is not None and address.is_loopback) or host in LOOPBACK_NAMES
    if address is not None and not (loopback and host in allowed):
        raise _refuse("Push services are reached by name, not by IP address.")
    if not _allowed(host, allowed):
        raise _refuse(f"{host} is not a push service this server sends to.")
    scheme = parts.scheme.lower()
    if loopback:
        if scheme not in ("http", "https"):
            raise _refuse(_ENDPOINT_HELP)
    elif scheme != "https" or port not in (None, 443):
        raise _refuse("Push endpoints must use https on the standard port.")
    return endpoint


def _decode(value: str) -> bytes | None:
    if not _BASE64URL.fullmatch(value):
        return None
    try:
        return base64.urlsafe_b64decode(value.rstrip("=") + "=" * (-len(value.rstrip("=")) % 4))
    except (binascii.Error, ValueError):
        return None


def check_keys(p256dh: str, auth: str) -> None:
    """Raise Invalid unless `p256dh` is URL-safe base64 of an uncompressed P-256 point (65
    bytes, 0x04 first, on the curve) and `auth` URL-safe base64 of 16 bytes."""
    fields = {}
    point = _decode(p256dh)
    try:
        if point is None or len(point) != 65 or point[0] != 4:
            raise ValueError
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        fields["keys.p256dh"] = "Must be URL-safe base64 of an uncompressed P-256 public key."
    secret = _decode(auth)
    if secret is None or len(secret) != 16:
        fields["keys.auth"] = "Must be URL-safe base64 of 16 bytes."
    if fields:
        raise Invalid("The subscription keys are not valid.", fields)


def subscribe(
    session: Session,
    user: User,
    now: datetime,
    *,
    endpoint: str,
    p256dh: str,
    auth: str,
    allowed_hosts: Iterable[str],
    user_agent: str = "",
) -> PushSubscription:
    """Store the subscription for `user`, idempotently per endpoint: sending it again
    refreshes its keys and `last_seen_at`, and an endpoint registered to another user moves
    to this one (the browser now belongs to whoever signed in). Creates the user's reminder
    rules with their defaults if they have none yet. Raises Invalid for a refused endpoint
    or malformed keys."""
    check_endpoint(endpoint, allowed_hosts)
    check_keys(p256dh, auth)
    values = {
        "user_id": user.id,
        "endpoint": endpoint,
        "p256dh": p256dh.rstrip("="),
        "auth": auth.rstrip("="),
        "user_agent": user_agent[:300],
        "created_at": now,
        "last_seen_at": now,
    }
    subscription = push_queries.upsert_subscription(session, values)
    push_queries.trim_subscriptions(session, user.id, MAX_DEVICES)
    reminders.ensure_rules(session, user, now)
    return subscription


def unsubscribe(session: Session, user: User, endpoint: str) -> None:
    """Forget the user's subscription at `endpoint`; nothing happens for an unknown endpoint
    or one registered to someone else."""
    push_queries.delete_subscription_at(session, user.id, endpoint)


def devices(session: Session, user: User) -> list[PushSubscription]:
    """The user's subscriptions, most recently seen first."""
    return push_queries.subscriptions_of_user(session, user.id)


def device(session: Session, user: User, subscription_id: int) -> PushSubscription:
    """One of the user's subscriptions; any other id raises NotFound."""
    return require_found(
        push_queries.subscription_of_user(session, user.id, subscription_id), "No such device."
    )


def remove_device(
    session: Session, user: User, subscription_id: int, name: str, now: datetime
) -> Removal:
    """Delete one of the user's subscriptions by id, so that it can be put back (`name`
    says which device it was); any other id raises NotFound."""
    return removals.remove(session, device(session, user, subscription_id), name, now)


def forget(session: Session, subscription_ids: Iterable[int]) -> None:
    """Delete subscriptions the push service called gone (404/410)."""
    push_queries.delete_subscriptions(session, list(subscription_ids))
