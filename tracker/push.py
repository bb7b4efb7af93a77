"""Sending Web Push messages (RFC 8030, aes128gcm RFC 8291, VAPID RFC 8292) with pywebpush.

The only module that imports pywebpush, and a leaf: plain values in (a Message, the server's
Vapid identity, the time), plain results out (Sent); it knows nothing of the database or the
product. pywebpush's sharp edges, handled here: it writes `aud` and `exp` into the claims
dict it is given (so every call gets a fresh dict, or the next push service would receive the
previous one's audience); its TTL defaults to 0 (a phone offline for a minute would lose the
reminder); it has no request timeout by default; and the status of a refusal is on the
exception's `response`.
A sweep's messages (send_all) carry VAPID headers from a Signatures cache: the JWT names only
the push service's origin, so one signature serves every message to it for an hour.
"""

from __future__ import annotations

import email.utils
import itertools
import threading
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
import urllib3
from py_vapid import Vapid as Signer  # pywebpush's own dependency
from pywebpush import WebPusher, WebPushException, webpush
from requests.adapters import HTTPAdapter

# How long a push service keeps a message for a device that is offline, per kind: a morning
# plan is still worth reading at lunch, an evening nudge not the next day.
TTL_SECONDS = {"plan": 4 * 3600, "comeback": 4 * 3600, "nudge": 2 * 3600, "test": 600}
DEFAULT_TTL = 3600
TIMEOUT = (5, 10)  # seconds to connect, seconds to read the answer
# Sending threads of a sweep, and how many may talk to one push service at once (its
# connection pool blocks the rest): measured in docs/push.md ("Sending and retries").
WORKERS, PER_HOST = 32, 16
HOSTS = 32  # push services whose keep-alive connections are kept (FCM, autopush, Apple, WNS…)
# A VAPID JWT is signed for LIFETIME seconds (RFC 8292: at most 24 hours) and used for REUSE.
LIFETIME, REUSE = 12 * 3600, 3600
GONE = frozenset({404, 410})


@dataclass(frozen=True)
class Vapid:
    """The server's VAPID identity: the private key (URL-safe base64 of the 32-byte scalar)
    and the `sub` claim (mailto: or https:). The key is parsed once, here."""

    private_key: str
    subject: str
    _signer: Signer | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_config(cls, config: Mapping) -> Vapid:
        """Build it from the app's VAPID_PRIVATE_KEY and VAPID_SUBJECT settings."""
        key = config["VAPID_PRIVATE_KEY"]
        return cls(key, config["VAPID_SUBJECT"], Signer.from_raw(key.encode()))

    def claims(self) -> dict:
        """A fresh claims dict for one call; pywebpush fills in `aud` (the endpoint's origin)
        and `exp` (12 hours ahead)."""
        return {"sub": self.subject}

    def sign(self, audience: str, expires: int) -> str:
        """A `vapid t=<JWT>, k=<public key>` Authorization value (RFC 8292) for the push
        service at `audience` (its origin), valid until `expires` (seconds since the epoch)."""
        claims = {"sub": self.subject, "aud": audience, "exp": expires}
        return self._signer.sign(claims)["Authorization"]


class Signatures:
    """VAPID Authorization headers, signed once per (audience, key, subject) and reused.

    A header is signed with `exp` LIFETIME seconds ahead and handed out for REUSE seconds
    after signing; then (or when the clock went back) it is signed afresh. `now` is the
    real time in seconds since the epoch: push services check `exp` against their own clock.
    Thread-safe; holds headers for at most `limit` audiences (the oldest make room).
    """

    def __init__(self, lifetime: int = LIFETIME, reuse: int = REUSE, limit: int = 256) -> None:
        self.lifetime, self.reuse, self.limit = lifetime, reuse, limit
        self._lock = threading.Lock()
        self._signed: dict[tuple[str, str, str], tuple[float, str]] = {}

    def authorization(self, vapid: Vapid, audience: str, now: float) -> str:
        """The header for a message to `audience` at `now`: the cached one while fresh."""
        key = (audience, vapid.private_key, vapid.subject)
        with self._lock:
            signed = self._signed.get(key)
            if signed is None or not signed[0] <= now < signed[0] + self.reuse:
                signed = (now, vapid.sign(audience, int(now) + self.lifetime))
                self._signed.pop(key, None)
                if len(self._signed) >= self.limit:
                    del self._signed[next(iter(self._signed))]
                self._signed[key] = signed
            return signed[1]


# The process's signatures: each sweep builds its Vapid afresh, the headers outlive it.
SIGNATURES = Signatures()


@dataclass(frozen=True)
class Message:
    """One message for one device: the subscription (its endpoint and its `keys.p256dh` and
    `keys.auth`), the bytes to encrypt, how many seconds the push service may keep it for a
    device that is offline (`ttl`), and its RFC 8030 Topic (a newer message with the same
    topic replaces one still waiting)."""

    endpoint: str
    p256dh: str
    auth: str
    payload: bytes
    ttl: int
    topic: str | None = None


@dataclass(frozen=True)
class Sent:
    """What the push service did with one message. `outcome`: delivered (2xx), gone (404/410:
    the subscription is dead), retry (429, 5xx, timeout, network; `retry_after` is the
    service's wish in seconds, if any) or failed (any other answer; `detail` says which)."""

    outcome: str
    http_status: int | None = None
    retry_after: float | None = None
    detail: str = ""


def ttl_for(kind: str) -> int:
    """The TTL for a message of `kind` (TTL_SECONDS; an hour for any other kind)."""
    return TTL_SECONDS.get(kind, DEFAULT_TTL)


def _retry_after(response: requests.Response) -> float | None:
    """Seconds to wait from a Retry-After header (a number, or an HTTP date measured against
    the answer's own Date header)."""
    raw = (response.headers.get("Retry-After") or "").strip()
    if not raw:
        return None
    if raw.isdigit():
        return float(raw)
    try:
        then = email.utils.parsedate_to_datetime(raw)
        sent = email.utils.parsedate_to_datetime(response.headers.get("Date", ""))
        return max(0.0, (then - sent).total_seconds())
    except (TypeError, ValueError):  # malformed, or one of the two without a zone
        return None


def classify(response: requests.Response) -> Sent:
    """Turn a push service's answer into an outcome: 2xx delivered; 404/410 gone; 429 and
    5xx retry (with Retry-After when given); anything else (3xx, 400, 401, 403, 413 …)
    failed."""
    status = response.status_code
    detail = f"{status} {response.reason or ''}".strip()
    if 200 <= status < 300:
        return Sent("delivered", status)
    if status in GONE:
        return Sent("gone", status, None, detail)
    if status == 429 or status >= 500:
        return Sent("retry", status, _retry_after(response), detail)
    return Sent("failed", status, None, (detail + " " + (response.text or "")[:120]).strip())


def http_session(size: int, per_host: int | None = None) -> requests.Session:
    """A requests.Session for up to `size` threads at once, at most `per_host` of them (all,
    by default) talking to one push service, the others waiting for one of its connections:
    keep-alive connections, no retries (the sweep decides when to try again) and no redirects
    (a push endpoint is checked against the allowed hosts; an answer must not send the request
    elsewhere). Honours HTTPS_PROXY and NO_PROXY. Close it when done."""
    session = requests.Session()
    # Without a proxy in the environment, skip requests' scan of it on every request (a
    # sixth of each push's CPU); with one, requests applies it and NO_PROXY as usual.
    session.trust_env = bool(urllib.request.getproxies())
    session.max_redirects = 0
    adapter = HTTPAdapter(
        pool_connections=HOSTS, pool_maxsize=per_host or size, pool_block=True, max_retries=0
    )
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def subscription_info(message: Message) -> dict:
    """The subscription as pywebpush takes it (the shape of PushSubscription.toJSON())."""
    return {"endpoint": message.endpoint, "keys": {"p256dh": message.p256dh, "auth": message.auth}}


def audience(endpoint: str) -> str:
    """The origin of a push endpoint, the `aud` of its VAPID JWT: scheme://host[:port]."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


def _headers(message: Message) -> dict[str, str]:
    headers = {"Urgency": "normal"}
    if message.topic:
        headers["Topic"] = message.topic
    return headers


def _outcome(post: Callable[[], requests.Response]) -> Sent:
    """What one POST to a push service came to; refusals, network failures and timeouts come
    back as a Sent, never raise."""
    try:
        response = post()
    except WebPushException as error:
        if error.response is None:
            return Sent("failed", None, None, str(error.message)[:200])
        return classify(error.response)
    except requests.TooManyRedirects as error:  # max_redirects = 0: the redirect itself
        if error.response is None:
            return Sent("failed", None, None, "redirect")
        return classify(error.response)
    except (requests.Timeout, urllib3.exceptions.TimeoutError):
        return Sent("retry", None, None, "timeout")
    except (requests.RequestException, urllib3.exceptions.HTTPError) as error:
        return Sent("retry", None, None, f"network: {type(error).__name__}")
    return classify(response)


def send(message: Message, vapid: Vapid, session: requests.Session) -> Sent:
    """Send one encrypted message over `session` (see http_session), with a VAPID JWT that
    pywebpush signs for it alone, and report what the push service did (see _outcome)."""
    return _outcome(
        lambda: webpush(
            subscription_info(message),
            data=message.payload,
            vapid_private_key=vapid._signer,
            vapid_claims=vapid.claims(),
            content_encoding="aes128gcm",
            headers=_headers(message),
            ttl=message.ttl,
            timeout=TIMEOUT,
            requests_session=session,
        )
    )


def send_signed(message: Message, authorization: str, session: requests.Session) -> Sent:
    """Send one encrypted message with a VAPID `authorization` already signed for its push
    service's origin (Signatures.authorization) and report what the push service did."""
    headers = _headers(message) | {"Authorization": authorization}
    pusher = WebPusher(subscription_info(message), requests_session=session)
    return _outcome(
        lambda: pusher.send(
            message.payload, headers, ttl=message.ttl, content_encoding="aes128gcm", timeout=TIMEOUT
        )
    )


def by_host(messages: Sequence[Message]) -> list[int]:
    """The messages' indexes taking the push services in turns (a, b, c, a, b, a, …), so
    that a slow or busy one holds at most its PER_HOST share of the threads."""
    queues: dict[str, list[int]] = {}
    for index, message in enumerate(messages):
        queues.setdefault(urlsplit(message.endpoint).netloc, []).append(index)
    turns = itertools.zip_longest(*queues.values())
    return [index for turn in turns for index in turn if index is not None]


def send_all(
    messages: Sequence[Message],
    vapid: Vapid,
    workers: int = WORKERS,
    stop: threading.Event | None = None,
    *,
    now: float,
    per_host: int = PER_HOST,
    signatures: Signatures = SIGNATURES,
) -> list[Sent | None]:
    """Send every message on a pool of `workers` threads, at most `per_host` at once to one
    push service, with VAPID headers from `signatures` at `now` (the real time in seconds since
    the epoch); one answer per message, in the order given.

    Once `stop` is set, messages not yet started come back as None (never attempted), while
    requests already on the wire finish and are reported. The threads inherit the caller's
    signal mask.
    """
    session = http_session(workers, min(per_host, workers))

    def one(index: int) -> tuple[int, Sent | None]:
        if stop is not None and stop.is_set():
            return index, None
        message = messages[index]
        header = signatures.authorization(vapid, audience(message.endpoint), now)
        return index, send_signed(message, header, session)

    answers: list[Sent | None] = [None] * len(messages)
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="push") as pool:
            for index, sent in pool.map(one, by_host(messages)):
                answers[index] = sent
    finally:
        session.close()
    return answers
