"""A sweep's sending: VAPID headers signed once per push service and reused while fresh
(RFC 8292: the JWT names only the push service's origin; the clock is given, never slept
on), and a bound on the threads one push service may hold."""

from __future__ import annotations

import threading
import time
from collections import deque

import pytest

from tools.push_service import PushService, verify_vapid
from tracker import push

NOW = 1_800_000_000.0  # seconds since the epoch
FIRST = "https://fcm.googleapis.com"
SECOND = "https://updates.push.services.mozilla.com"


@pytest.fixture
def vapid(app) -> push.Vapid:
    return push.Vapid.from_config(app.config)


@pytest.mark.parametrize(
    ("audience", "later", "same"),
    [
        (FIRST, 0, True),  # a second message to the same push service
        (FIRST, push.REUSE - 1, True),  # still within the hour
        (SECOND, 0, False),  # another push service: its own audience
        (FIRST, push.REUSE, False),  # the hour is over: signed afresh
        (FIRST, -1, False),  # the clock went back: never trust what was signed "later"
    ],
)
def test_a_header_is_reused_for_one_push_service_while_fresh(vapid, audience, later, same):
    signatures = push.Signatures()
    first = signatures.authorization(vapid, FIRST, NOW)
    assert (signatures.authorization(vapid, audience, NOW + later) == first) is same


def test_a_reused_header_is_valid_until_well_after_its_reuse(app, vapid):
    signatures = push.Signatures()
    header = signatures.authorization(vapid, FIRST, NOW)
    key = app.config["VAPID_PUBLIC_KEY"]
    claims = verify_vapid(header, FIRST, key, NOW + push.REUSE)
    assert claims["exp"] == int(NOW) + push.LIFETIME > NOW + push.REUSE
    assert claims["aud"] == FIRST and claims["sub"] == app.config["VAPID_SUBJECT"]
    assert push.REUSE < push.LIFETIME <= 24 * 3600


def test_another_key_gets_its_own_header(app, vapid):
    signatures = push.Signatures()
    other = push.Vapid.from_config({**app.config, "VAPID_SUBJECT": "mailto:other@localhost"})
    assert signatures.authorization(vapid, FIRST, NOW) != signatures.authorization(
        other, FIRST, NOW
    )


def test_the_cache_keeps_at_most_its_limit(vapid):
    signatures = push.Signatures(limit=2)
    first = signatures.authorization(vapid, FIRST, NOW)
    signatures.authorization(vapid, SECOND, NOW)
    signatures.authorization(vapid, "https://web.push.apple.com", NOW)
    assert signatures.authorization(vapid, FIRST, NOW) != first  # made room, signed again


def _messages(service: PushService, key: str, count: int) -> list[push.Message]:
    subs = [service.subscribe(key) for _ in range(count)]
    keys = [(s["endpoint"], s["keys"]["p256dh"], s["keys"]["auth"]) for s in subs]
    return [push.Message(*k, b'{"kind": "plan"}', 600, "plan") for k in keys]


def test_a_sweep_sends_one_signature_per_push_service(app, vapid, push_service):
    """Three messages to one push service carry one header; another service gets its own;
    each accepts every message (it verifies each JWT and decrypts each body)."""
    second = PushService().start()
    try:
        key = app.config["VAPID_PUBLIC_KEY"]
        messages = _messages(push_service, key, 3) + _messages(second, key, 2)
        with push.Sender(signatures=push.Signatures()) as sender:
            sent = sender.send_all(messages, vapid, now=time.time())
        assert [s.outcome for s in sent] == ["delivered"] * 5
        assert push_service.refused == second.refused == []
        first_headers = {r.authorization for r in push_service.received}
        second_headers = {r.authorization for r in second.received}
        assert len(first_headers) == len(second_headers) == 1
        assert first_headers != second_headers
        assert [r.payload for r in push_service.received] == [{"kind": "plan"}] * 3
    finally:
        second.stop()


def test_one_push_service_gets_at_most_its_share_of_the_threads(app, vapid, push_service):
    """Eight threads, at most two at once to one service (a slow push service, here 50 ms a
    request, must not hold every thread), while another service gets the threads it needs."""
    push_service.delay = 0.05
    second = PushService().start()
    try:
        key = app.config["VAPID_PUBLIC_KEY"]
        messages = _messages(push_service, key, 8) + _messages(second, key, 4)
        with push.Sender(8, 2) as sender:
            sent = sender.send_all(messages, vapid, now=time.time())
        assert [s.outcome for s in sent] == ["delivered"] * 12
        assert push_service.peak == 2 >= second.peak
        # The fast service was not kept waiting behind the slow one's messages.
        assert max(r.at for r in second.received) < min(r.at for r in push_service.received[-2:])
    finally:
        second.stop()


def test_a_batch_is_sent_in_order_and_stops_when_asked(app, vapid, push_service):
    """Answers come back in the order the messages were given; once the sweep is stopping,
    messages not yet started come back as None and never reach the service."""
    messages = _messages(push_service, app.config["VAPID_PUBLIC_KEY"], 3)
    stop = threading.Event()
    with push.Sender(1) as sender:
        assert [s.outcome for s in sender.send_all(messages, vapid, stop, now=time.time())] == [
            "delivered"
        ] * 3
        stop.set()
        assert sender.send_all(messages, vapid, stop, now=time.time()) == [None] * 3
    assert [r.token for r in push_service.received] == [
        m.endpoint.rsplit("/", 1)[1] for m in messages
    ]


def test_the_services_lanes_are_taken_in_turns():
    """Each push service gets up to `per_host` lanes: every service's first, then every
    one's second, and so on."""
    a, b, c = deque("aaa"), deque("b"), deque("cc")
    assert push.lanes([a, b, c], 2) == [a, b, c, a, c]
    assert push.lanes([a, b, c], 16) == [a, b, c, a, c, a]


def test_a_redirect_is_an_answer_never_followed(app, vapid, push_service):
    """A push service that answers 307 elsewhere gets no second request: the message fails
    with the 307 (an answer must not send a request to a host that was never allowed)."""
    first, elsewhere = _messages(push_service, app.config["VAPID_PUBLIC_KEY"], 2)
    push_service.script(first.endpoint, (307, {"Location": elsewhere.endpoint}))
    with push.Sender(1) as sender:
        [sent] = sender.send_all([first], vapid, now=time.time())
    assert (sent.outcome, sent.http_status) == ("failed", 307)
    assert push_service.received == [] and push_service.started == 1
