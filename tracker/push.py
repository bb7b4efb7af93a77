"""Sending Web Push messages (RFC 8030, aes128gcm RFC 8291, VAPID RFC 8292) with pywebpush.

The only module that imports pywebpush. Its sharp edges, handled here: it writes `aud` and
`exp` into the claims dict it is given (so every call gets a fresh dict, or the next push
service would receive the previous one's audience); its TTL defaults to 0 (a phone offline
for a minute would lose the reminder); it has no request timeout by default; and the status
of a refusal is on the exception's `response`.
"""

from __future__ import annotations

import email.utils
import json
import logging
import signal
import threading
import urllib.request
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import NamedTuple

import requests
import urllib3
from pywebpush import WebPushException, webpush
from requests.adapters import HTTPAdapter
from sqlalchemy.orm import Session

from tracker.core import reminders as rules
from tracker.models import PushSubscription
from tracker.services import push_subscriptions
from tracker.services.deliveries import Job, Result

log = logging.getLogger(__name__)

# How long a push service keeps a message for a device that is offline, per kind: a morning
# plan is still worth reading at lunch, an evening nudge not the next day.
TTL_SECONDS = {"plan": 4 * 3600, "comeback": 4 * 3600, "nudge": 2 * 3600, "test": 600}
TIMEOUT = (5, 10)  # seconds to connect, seconds to read the answer
WORKERS = 16
GONE = frozenset({404, 410})


@dataclass(frozen=True)
class Vapid:
    """The server's VAPID identity: the private key (URL-safe base64 of the 32-byte scalar)
    and the `sub` claim (mailto: or https:)."""

    private_key: str
    subject: str
    _signer: object = field(default=None, compare=False, repr=False)

    @classmethod
    def from_config(cls, config: Mapping) -> Vapid:
        """Build it from the app's VAPID_PRIVATE_KEY and VAPID_SUBJECT settings."""
        from py_vapid import Vapid as Signer  # pywebpush's own dependency

        key = config["VAPID_PRIVATE_KEY"]
        return cls(key, config["VAPID_SUBJECT"], Signer.from_raw(key.encode()))

    def claims(self) -> dict:
        """A fresh claims dict for one call; pywebpush fills in `aud` (the endpoint's origin)
        and `exp` (12 hours ahead)."""
        return {"sub": self.subject}


class Sent(NamedTuple):
    """What the push service did with one message (`outcome` as in deliveries.Result)."""

    outcome: str
    http_status: int | None = None
    retry_after: float | None = None
    detail: str = ""


def _retry_after(response) -> float | None:
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


def classify(response) -> Sent:
    """Turn a push service's answer into an outcome: 2xx delivered; 404/410 gone; 429 and
    5xx retry (with Retry-After when given); anything else (400, 401, 403, 413 …) failed."""
    status = response.status_code
    detail = f"{status} {response.reason or ''}".strip()
    if 200 <= status < 300:
        return Sent("delivered", status)
    if status in GONE:
        return Sent("gone", status, None, detail)
    if status == 429 or status >= 500:
        return Sent("retry", status, _retry_after(response), detail)
    return Sent("failed", status, None, (detail + " " + (response.text or "")[:120]).strip())


def send(
    subscription: Mapping,
    payload: bytes,
    kind: str,
    vapid: Vapid,
    client: HttpClient,
) -> Sent:
    """Send one encrypted message to `subscription` ({endpoint, keys: {p256dh, auth}}) over
    `client` (see http_client) and report what happened; network failures and timeouts come
    back as `retry`, never raise."""
    headers = {"Urgency": "normal", "Topic": kind}
    try:
        response = webpush(
            dict(subscription),
            data=payload,
            vapid_private_key=vapid._signer,
            vapid_claims=vapid.claims(),
            content_encoding="aes128gcm",
            headers=headers,
            ttl=TTL_SECONDS.get(kind, 3600),
            timeout=TIMEOUT,
            requests_session=client,
        )
    except WebPushException as error:
        if error.response is None:
            return Sent("failed", None, None, str(error.message)[:200])
        return classify(error.response)
    except (requests.Timeout, urllib3.exceptions.TimeoutError):
        return Sent("retry", None, None, "timeout")
    except (requests.RequestException, urllib3.exceptions.HTTPError) as error:
        return Sent("retry", None, None, f"network: {type(error).__name__}")
    return classify(response)


def subscription_info(endpoint: str, p256dh: str, auth: str) -> dict:
    """The subscription as pywebpush takes it (the shape of PushSubscription.toJSON())."""
    return {"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}}


def send_test(session: Session, subscription: PushSubscription, vapid: Vapid) -> Sent:
    """Send the test notification to one device, synchronously (the settings page waits);
    a device the push service calls gone is forgotten (the caller commits)."""
    payload = json.dumps(rules.trial_message()).encode()
    info = subscription_info(subscription.endpoint, subscription.p256dh, subscription.auth)
    client = http_client(1)
    try:
        sent = send(info, payload, "test", vapid, client)
    finally:
        client.close()
    if sent.outcome == "gone":
        push_subscriptions.forget(session, [subscription.id])
    return sent


def block_stop_signals() -> None:
    """Keep SIGTERM and SIGINT away from the calling (worker) thread.

    The kernel hands a process signal to any thread that does not block it; one caught by a
    worker would leave the main thread asleep in the scheduler's wait until its next job,
    so the process would not stop for up to a minute.
    """
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})


class _Answer:
    """What pywebpush and `classify` read of an answer (requests' names), from urllib3's."""

    def __init__(self, response: urllib3.BaseHTTPResponse) -> None:
        self.status_code = response.status
        self.reason = response.reason
        self.headers = response.headers
        self.text = response.data.decode("utf-8", "replace")


class _Pool:
    """The `post` pywebpush asks of a requests.Session, on urllib3 directly: requests' own
    machinery (settings merged per call, hooks, cookies) cost a third of each push's CPU.
    Keep-alive connections, thread-safe, no retries and no redirects (the sweep decides)."""

    def __init__(self, size: int) -> None:
        self._pool = urllib3.PoolManager(num_pools=16, maxsize=size, retries=False)

    def post(self, url: str, data=None, headers=None, timeout=TIMEOUT) -> _Answer:
        connect, read = timeout
        response = self._pool.request(
            "POST",
            url,
            body=data,
            headers=dict(headers or {}),
            timeout=urllib3.Timeout(connect=connect, read=read),
            redirect=False,
        )
        return _Answer(response)

    def close(self) -> None:
        self._pool.clear()


HttpClient = _Pool | requests.Session


def http_client(size: int) -> HttpClient:
    """A client for up to `size` threads at once. Where the environment names a proxy,
    requests (which honours HTTPS_PROXY and NO_PROXY); otherwise urllib3 directly."""
    if urllib.request.getproxies():
        session = requests.Session()
        session.mount("https://", HTTPAdapter(pool_connections=16, pool_maxsize=size))
        session.mount("http://", HTTPAdapter(pool_connections=16, pool_maxsize=size))
        return session
    return _Pool(size)


def send_all(
    jobs: Iterable[Job],
    vapid: Vapid,
    stop: threading.Event | None = None,
    workers: int = WORKERS,
) -> list[Result]:
    """Send every job on a pool of `workers` threads and return one Result per job, in order.

    Once `stop` is set, jobs not yet started come back `released` (the sweep puts them back
    in the queue) while requests already on the wire finish and are recorded.
    """
    client = http_client(workers)

    def one(job: Job) -> Result:
        if stop is not None and stop.is_set():
            return Result(job.message_id, job.subscription_id, job.slot, job.attempts, "released")
        info = subscription_info(job.endpoint, job.p256dh, job.auth)
        sent = send(info, job.payload.encode(), job.kind, vapid, client)
        if sent.outcome != "delivered":
            log.info("push %s: %s %s", job.message_id, sent.outcome, sent.detail)
        return Result(job.message_id, job.subscription_id, job.slot, job.attempts, *sent)

    try:
        with ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="push", initializer=block_stop_signals
        ) as pool:
            return list(pool.map(one, jobs))
    finally:
        client.close()
