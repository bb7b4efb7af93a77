"""Sending Web Push messages (RFC 8030, aes128gcm RFC 8291, VAPID RFC 8292).

The only module that imports pywebpush, and a leaf: plain values in (Message, Vapid, the
time), plain results out (Sent). pywebpush encrypts each message; requests posts it with a
TTL (pywebpush's default 0 would lose a reminder to a phone offline a minute) and a timeout."""

from __future__ import annotations

import contextlib
import email.utils
import threading
import urllib.request
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
import urllib3
from py_vapid import Vapid as Signer  # pywebpush's own dependency
from pywebpush import WebPusher, WebPushException, webpush
from requests.adapters import HTTPAdapter

TIMEOUT = (5, 10)  # seconds to connect, seconds to read the answer
# A sweep's threads, and how many may talk to one push service at once (docs/push.md).
WORKERS, PER_HOST = 32, 16
HOSTS = 32  # push services whose keep-alive connections are kept (FCM, autopush, Apple, WNS…)
# A VAPID JWT is signed for LIFETIME seconds (RFC 8292: at most 24 hours) and used for REUSE.
LIFETIME, REUSE = 12 * 3600, 3600
GONE = frozenset({404, 410})


@dataclass(frozen=True)
class Vapid:
    """The server's VAPID identity: its private key (base64url, parsed once) and `sub` claim."""

    private_key: str
    subject: str
    _signer: Signer | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_config(cls, config: Mapping) -> Vapid:
        """Build it from the app's VAPID_PRIVATE_KEY and VAPID_SUBJECT settings."""
        key = config["VAPID_PRIVATE_KEY"]
        return cls(key, config["VAPID_SUBJECT"], Signer.from_raw(key.encode()))

    def sign(self, audience: str, expires: int) -> str:
        """A `vapid t=<JWT>, k=<key>` Authorization for `audience`, valid until `expires`."""
        claims = {"sub": self.subject, "aud": audience, "exp": expires}
        return self._signer.sign(claims)["Authorization"]


class Signatures:
    """VAPID Authorization headers, signed once per (audience, key, subject) with `exp` LIFETIME
    seconds ahead and reused for REUSE seconds, then (or once the clock went back) afresh. `now`
    is the real time (push services check `exp`). Thread-safe; at most `limit` audiences."""

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
    """One message for one device: its subscription, the bytes to encrypt, the seconds a push
    service may keep it for a device offline (`ttl`), its RFC 8030 Topic (a newer replaces it)."""

    endpoint: str
    p256dh: str
    auth: str
    payload: bytes
    ttl: int
    topic: str | None = None


@dataclass(frozen=True)
class Sent:
    """What the push service did with one message: delivered (2xx), gone (404/410), retry
    (429, 5xx, timeout, network; `retry_after`: its wish in seconds) or failed (`detail`)."""

    outcome: str
    http_status: int | None = None
    retry_after: float | None = None
    detail: str = ""


def _retry_after(response: requests.Response) -> float | None:
    """Seconds to wait from Retry-After (a number, or an HTTP date less the answer's Date)."""
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
    """A push service's answer as an outcome: 2xx delivered; 404/410 gone; 429 and 5xx retry
    (with Retry-After when given); anything else (3xx, 400, 401, 403, 413 …) failed."""
    status = response.status_code
    detail = f"{status} {response.reason or ''}".strip()
    if 200 <= status < 300:
        return Sent("delivered", status)
    if status in GONE:
        return Sent("gone", status, None, detail)
    if status == 429 or status >= 500:
        return Sent("retry", status, _retry_after(response), detail)
    return Sent("failed", status, None, (detail + " " + (response.text or "")[:120]).strip())


def http_session(connections: int) -> requests.Session:
    """A requests.Session with up to `connections` keep-alive connections to each push service
    and no retries (the sweep decides). Honours HTTPS_PROXY and NO_PROXY. Close it when done."""
    session = requests.Session()
    session.trust_env = bool(urllib.request.getproxies())  # else no scan of it per request
    session.max_redirects = 0  # for webpush; a Sender does not follow them at all
    # A push service answers with an empty body: no Accept, and HTTP/1.1 keeps alive anyway.
    for name in ("Accept", "Connection"):
        del session.headers[name]
    adapter = HTTPAdapter(HOSTS, connections, max_retries=0, pool_block=True)
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


def _refused(error: Exception) -> Sent:
    return Sent("failed", None, None, str(getattr(error, "message", error))[:200])


def _headers(message: Message) -> dict[str, str]:
    return {"Urgency": "normal"} | ({"Topic": message.topic} if message.topic else {})


def _outcome(post: Callable[[], requests.Response]) -> Sent:
    """What one POST came to; refusals, network failures and timeouts are a Sent, never raise."""
    try:
        response = post()
    except WebPushException as error:  # webpush (send): a refusal, or keys it cannot use
        return classify(error.response) if error.response is not None else _refused(error)
    except requests.TooManyRedirects as error:  # webpush (send): max_redirects = 0
        return classify(error.response) if error.response is not None else _refused(error)
    except (requests.Timeout, urllib3.exceptions.TimeoutError):
        return Sent("retry", None, None, "timeout")
    except (requests.RequestException, urllib3.exceptions.HTTPError) as error:
        return Sent("retry", None, None, f"network: {type(error).__name__}")
    return classify(response)


def _shared(http: requests.Session, origin: str, message: Message, authorization: str) -> tuple:
    """What messages like `message` to `origin` share, prepared once: the request they start
    from (`http`'s headers, `authorization`, TTL, Urgency, Topic, Content-Encoding) and
    `http`'s settings for the origin (its proxy, if any)."""
    headers = {"Authorization": authorization, "TTL": str(message.ttl)} | _headers(message)
    if message.payload:  # as pywebpush: a push without data is sent without an encoding
        headers["Content-Encoding"] = "aes128gcm"
    request = http.prepare_request(requests.Request("POST", origin + "/", headers=headers))
    return request, http.merge_environment_settings(request.url, {}, None, None, None)


def _post(http: requests.Session, shared: tuple, endpoint: str, body: bytes | None) -> Sent:
    """POST an encrypted `body` to `endpoint` as `shared` says and report what the push service
    did. A redirect is not followed (it must not take a request to a host never allowed)."""

    def post() -> requests.Response:
        request = shared[0].copy()
        request.prepare_url(endpoint, None)
        request.prepare_body(body, None)
        return http.send(request, timeout=TIMEOUT, allow_redirects=False, **shared[1])

    return _outcome(post)


def send(message: Message, vapid: Vapid, session: requests.Session) -> Sent:
    """Send one message now (the test notification) with pywebpush's webpush, which signs a
    JWT for it alone into the claims dict it is given (a fresh one: it writes `aud` there)."""
    return _outcome(
        lambda: webpush(
            subscription_info(message),
            data=message.payload,
            vapid_private_key=vapid._signer,
            vapid_claims={"sub": vapid.subject},
            content_encoding="aes128gcm",
            headers=_headers(message),
            ttl=message.ttl,
            timeout=TIMEOUT,
            requests_session=session,
        )
    )


def lanes(queues: list[deque], per_host: int) -> list[deque]:
    """Up to `per_host` lanes (queues) per push service, in turns ([a, a, a], [b], 2 → a b a)."""
    return [queue for turn in range(per_host) for queue in queues if turn < len(queue)]


class Sender(contextlib.AbstractContextManager):
    """A sweep's sending, kept across its batches: one requests.Session, `workers` threads
    (with the signal mask of the thread that starts them), at most `per_host` of them at one
    push service, VAPID headers from `signatures`. A context manager."""

    def __init__(
        self, workers: int = WORKERS, per_host: int = PER_HOST, signatures: Signatures = SIGNATURES
    ) -> None:
        self.per_host = min(per_host, workers)
        self.http = http_session(self.per_host)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="push")
        self.signatures = signatures

    def __exit__(self, *_exc) -> None:
        self.pool.shutdown()
        self.http.close()

    def _queues(self, messages: Sequence[Message], vapid: Vapid, now: float, answers) -> list:
        """Per push service, its messages as (index, what they share, the body). pywebpush
        encrypts every payload (aes128gcm, a new ECDH key and salt each) here, before the first
        request: cheaper than between requests (docs/push.md). Refused keys: answered failed."""
        queues: dict[str, deque] = {}
        shared: dict[tuple, tuple] = {}
        for index, message in enumerate(messages):
            try:  # an empty payload is sent without a body, as pywebpush does
                pusher = WebPusher(subscription_info(message))
                body = message.payload and pusher.encode(message.payload, "aes128gcm")["body"]
            except WebPushException as error:
                answers[index] = _refused(error)
                continue
            origin = audience(message.endpoint)
            like = (origin, message.ttl, message.topic, bool(body))
            if like not in shared:
                header = self.signatures.authorization(vapid, origin, now)
                shared[like] = _shared(self.http, origin, message, header)
            queues.setdefault(origin, deque()).append((index, shared[like], body))
        return list(queues.values())

    def send_all(
        self, messages: Sequence[Message], vapid: Vapid, stop=None, *, now: float
    ) -> list[Sent | None]:
        """Send every message with VAPID headers for `now` (the real time in seconds since the
        epoch); one answer each, in order. A lane (see `lanes`) is a thread sending its service's
        messages one by one: a slow service holds at most `per_host` threads, and no thread
        waits for a connection. Once `stop` (an Event) is set, messages not yet started come
        back as None; those on the wire finish and are reported."""
        answers: list[Sent | None] = [None] * len(messages)

        def lane(queue: deque) -> None:
            while stop is None or not stop.is_set():
                try:
                    index, shared, body = queue.popleft()  # atomic: a service's lanes share it
                except IndexError:
                    return
                answers[index] = _post(self.http, shared, messages[index].endpoint, body)

        ways = lanes(self._queues(messages, vapid, now, answers), self.per_host)
        for future in [self.pool.submit(lane, queue) for queue in ways]:
            future.result()
        return answers
