"""A local Web Push service: what FCM or Mozilla's autopush would do with our requests.

It hands out subscriptions (an endpoint on 127.0.0.1 plus subscriber keys it generated, as a
browser would), and for every POST to an endpoint it verifies the VAPID JWT (RFC 8292: ES256
signed with the key in `k=`, `aud` the endpoint's origin, `exp` in the future and within 24
hours, `sub` a mailto: or https: address, `k` the application server key the subscription
was made with) and decrypts the aes128gcm body (RFC 8291) with the subscriber's private key.
Valid messages answer 201 and are kept; anything else answers 400/401/403 with the reason.

Tests run it in a thread (`PushService().start()`); the benchmark in its own process
(`python tools/push_service.py [--decrypt-every N]`: every JWT verified, every Nth body
decrypted, so that on a shared machine the figure is the sender's), over HTTP: POST
/_subscribe {count, server_key}, GET /_stats.
"""

from __future__ import annotations

import argparse
import base64
import json
import secrets
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


@dataclass
class Subscriber:
    """A browser's side of one subscription: its ECDH key pair and auth secret."""

    token: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    server_key: str | None  # the applicationServerKey it subscribed with

    def keys(self) -> dict[str, str]:
        raw = serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        point = self.private_key.public_key().public_bytes(*raw)
        return {"p256dh": b64encode(point), "auth": b64encode(self.auth)}


@dataclass
class Received:
    token: str
    payload: dict | None  # None: not decrypted (--decrypt-every)
    ttl: int
    urgency: str | None
    topic: str | None
    claims: dict = field(default_factory=dict)  # of the JWT, as verified
    at: float = 0.0
    authorization: str = ""  # the header as sent (reused VAPID signatures show here)


@dataclass
class Script:
    """Answers to give an endpoint before accepting: (status, headers) each, in order; a
    status of 0 holds the request `hang` seconds and then drops it unanswered (a timeout)."""

    answers: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    gone: bool = False
    hang: float = 0.0


def verify_vapid(authorization: str, origin: str, expected_key: str | None, now: float) -> dict:
    """The claims of a valid `vapid t=…,k=…` header, or Refused naming what is wrong."""
    scheme, _, params = authorization.partition(" ")
    if scheme.lower() != "vapid":
        raise Refused(401, "Authorization is not vapid")
    parts = dict(item.strip().split("=", 1) for item in params.split(",") if "=" in item)
    token, key = parts.get("t", ""), parts.get("k", "")
    if expected_key is not None and key.rstrip("=") != expected_key.rstrip("="):
        raise Refused(403, "k is not the key this subscription was made with")
    try:
        header_b64, claims_b64, signature_b64 = token.split(".")
        header = json.loads(b64decode(header_b64))
        claims = json.loads(b64decode(claims_b64))
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64decode(key))
        if len(raw := b64decode(signature_b64)) != 64 or header.get("alg") != "ES256":
            raise ValueError("not ES256")
        signature = encode_dss_signature(int.from_bytes(raw[:32]), int.from_bytes(raw[32:]))
        public.verify(signature, f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise Refused(401, "bad JWT signature") from None
    except (ValueError, TypeError) as error:
        raise Refused(401, f"malformed JWT: {error}") from None
    if claims.get("aud") != origin:
        raise Refused(401, f"aud {claims.get('aud')!r} is not {origin!r}")
    if not isinstance(exp := claims.get("exp"), int) or not now < exp <= now + 24 * 3600:
        raise Refused(401, f"exp {exp!r} is not within 24 hours")
    if not (sub := str(claims.get("sub", ""))).startswith(("mailto:", "https:")):
        raise Refused(401, f"sub {sub!r} is neither mailto: nor https:")
    return claims


class _Server(ThreadingHTTPServer):
    # socketserver's backlog of 5 would reset some of a sender's 16 connections opened at once.
    request_queue_size = 128
    daemon_threads = True


class PushService:
    """The push service; `origin` is where its endpoints live."""

    def __init__(self, decrypt_every: int = 1) -> None:
        self.decrypt_every, self.decrypted = decrypt_every, 0  # decrypt every Nth body (1: all)
        self.subscribers: dict[str, Subscriber] = {}
        self.received: list[Received] = []
        self.refused: list[tuple[str, int, str]] = []
        self.scripts: dict[str, Script] = {}
        self.delay = 0.0  # seconds every push request takes (slow networks, shutdowns)
        self.started = 0  # push requests that have reached the service
        self.in_flight = self.peak = 0  # push requests being answered, and the most at once
        self.lock = threading.Lock()
        self.server = _Server(("127.0.0.1", 0), _handler(self))
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread: threading.Thread | None = None

    def start(self) -> PushService:
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def subscribe(self, server_key: str | None = None) -> dict:
        """A new subscription as a browser's PushSubscription.toJSON() gives it."""
        token, key = secrets.token_urlsafe(12), ec.generate_private_key(ec.SECP256R1())
        subscriber = Subscriber(token, key, secrets.token_bytes(16), server_key)
        with self.lock:
            self.subscribers[token] = subscriber
        endpoint = f"{self.origin}/push/{token}"
        return {"endpoint": endpoint, "expirationTime": None, "keys": subscriber.keys()}

    def script(self, endpoint: str, *answers: int | tuple[int, dict], gone=False, hang=0.0) -> None:
        """Answer the next pushes to `endpoint` with these statuses, then accept them
        (`gone`: answer 410 forever, as for an unsubscribed browser; a status 0 holds the
        request `hang` seconds and drops it, as a service that never answers)."""
        steps = [a if isinstance(a, tuple) else (a, {}) for a in answers]
        self.scripts[endpoint.rsplit("/", 1)[1]] = Script(steps, gone, hang)

    def messages_for(self, endpoint: str) -> list[dict]:
        token = endpoint.rsplit("/", 1)[1]
        return [r.payload for r in self.received if r.token == token]

    def handle(self, token: str, headers, body: bytes) -> tuple[int, dict[str, str], str]:
        """Answer one push request: (status, headers, reason)."""
        with self.lock:
            self.started += 1
            decrypt = self.started % self.decrypt_every == 1 % self.decrypt_every
        if self.delay:
            time.sleep(self.delay)
        subscriber = self.subscribers.get(token)
        if subscriber is None:
            return 404, {}, "no such subscription"
        script = self.scripts.get(token)
        if script is not None and script.gone:
            return 410, {}, "unsubscribed"
        try:
            claims = verify_vapid(
                headers.get("Authorization", ""), self.origin, subscriber.server_key, time.time()
            )
            if headers.get("Content-Encoding") != "aes128gcm":
                raise Refused(400, "Content-Encoding is not aes128gcm")
            ttl = headers.get("TTL", "")
            if not ttl.isdigit():
                raise Refused(400, "TTL header missing")
            payload = self.decrypt(subscriber, body) if decrypt else None
        except Refused as refused:
            with self.lock:
                self.refused.append((token, refused.status, refused.reason))
            return refused.status, {}, refused.reason
        except Exception as error:  # a body that does not decrypt is the sender's fault
            with self.lock:
                self.refused.append((token, 400, f"decrypt: {error!r}"))
            return 400, {}, "cannot decrypt"
        with self.lock:
            status, extra = script.answers.pop(0) if script and script.answers else (201, {})
        if status == 0:
            time.sleep(script.hang)
            return 0, {}, "dropped"
        if status != 201:
            return status, extra, "scripted"
        kept = Received(token, payload, int(ttl), headers.get("Urgency"), headers.get("Topic"))
        kept.claims, kept.at, kept.authorization = claims, time.time(), headers["Authorization"]
        with self.lock:
            self.received.append(kept)
        # As FCM and autopush do: 201, a Location, no body.
        return 201, {"Location": f"{self.origin}/message/{secrets.token_hex(6)}"}, ""

    def decrypt(self, subscriber: Subscriber, body: bytes) -> dict:
        """The JSON payload of one aes128gcm body, decrypted with the subscriber's keys."""
        keys = {"private_key": subscriber.private_key, "auth_secret": subscriber.auth}
        payload = json.loads(http_ece.decrypt(body, version="aes128gcm", **keys))
        with self.lock:
            self.decrypted += 1
        return payload

    def stats(self) -> dict:
        with self.lock:
            counts = Counter(r.token for r in self.received)
            return {
                "received": len(self.received),
                "refused": len(self.refused),
                "refusals": [reason for *_, reason in self.refused[:5]],
                "decrypted": self.decrypted,
                "vapid_headers": len({r.authorization for r in self.received}),
                "subscribers": len(self.subscribers),
                "exactly_once": sum(1 for t in self.subscribers if counts[t] == 1),
                "duplicates": sum(1 for n in counts.values() if n > 1),
                # What verifying and decrypting cost this process (on the same machine).
                "cpu_seconds": round(time.process_time(), 3),
            }


def _handler(service: PushService):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes: Nagle would hold the body for a delayed ACK.
        disable_nagle_algorithm = True

        def log_message(self, *args) -> None:  # quiet: tests and the benchmark read stats
            pass

        def _answer(self, status: int, headers: dict, body: bytes = b"") -> None:
            self.send_response_only(status)
            # A scripted answer may bring its own Date (to pair with a Retry-After date).
            headers = {"Date": self.date_time_string(), **headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.startswith("/push/"):
                with service.lock:
                    service.in_flight += 1
                    service.peak = max(service.peak, service.in_flight)
                try:
                    status, headers, reason = service.handle(self.path[6:], self.headers, body)
                finally:
                    with service.lock:
                        service.in_flight -= 1
                if status == 0:
                    self.close_connection = True
                    return
                self._answer(status, headers, reason.encode())
            elif self.path == "/_subscribe":
                wish = json.loads(body or b"{}")
                subs = [service.subscribe(wish.get("server_key")) for _ in range(wish["count"])]
                self._answer(200, {"Content-Type": "application/json"}, json.dumps(subs).encode())
            else:
                self._answer(404, {})

        def do_GET(self) -> None:
            if self.path == "/_stats":
                body = json.dumps(service.stats()).encode()
                self._answer(200, {"Content-Type": "application/json"}, body)
            else:
                self._answer(404, {})

    return Handler


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--decrypt-every", type=int, default=1, help="decrypt every Nth body")
    service = PushService(parser.parse_args().decrypt_every)
    print(service.origin, flush=True)
    try:
        service.server.serve_forever()
    except KeyboardInterrupt:
        sys.exit(0)
