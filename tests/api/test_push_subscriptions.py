"""Push API: the public key, subscribing devices, and every endpoint or key that is refused."""

from __future__ import annotations

import base64
import secrets

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import func, select

from tests.api.expect import error, unchanged
from tracker.extensions import db
from tracker.models import PushSubscription, ReminderRule, User

FCM = "https://fcm.googleapis.com/fcm/send/"


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def browser_keys() -> dict[str, str]:
    """Keys as a browser's PushSubscription carries them."""
    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    return {"p256dh": b64(point), "auth": b64(secrets.token_bytes(16))}


def subscription(endpoint: str | None = None, **keys) -> dict:
    return {
        "endpoint": FCM + secrets.token_urlsafe(16) if endpoint is None else endpoint,
        "expirationTime": None,
        "keys": {**browser_keys(), **keys},
    }


def stored(app) -> list[tuple[int, str]]:
    with app.app_context():
        rows = db.session.execute(select(PushSubscription.user_id, PushSubscription.endpoint))
        found = sorted(rows.all())
        db.session.remove()
    return found


def test_the_public_key_is_an_uncompressed_p256_point(client, app):
    answer = client.get("/api/v1/push/key")
    assert answer.status_code == 200
    body = answer.get_json()
    assert list(body) == ["public_key"]
    raw = base64.urlsafe_b64decode(body["public_key"] + "==")
    assert len(raw) == 65 and raw[0] == 4
    ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    assert "=" not in body["public_key"] and "+" not in body["public_key"]
    assert app.config["VAPID_PRIVATE_KEY"] not in answer.get_data(as_text=True)


def test_subscribing_answers_201_with_the_device(api, conforms, app):
    body = subscription()
    answer = api.post("/push/subscriptions", body, headers={"User-Agent": "Firefox on Android"})
    assert answer.status_code == 201
    device = conforms(answer)
    assert device["endpoint"] == body["endpoint"]
    assert device["user_agent"] == "Firefox on Android"
    assert device["created_at"] == "2026-03-18T12:00:00Z"
    assert stored(app) == [(api.user_id, body["endpoint"])]


def test_subscribing_twice_keeps_one_device_with_the_newest_keys(api, app):
    body = subscription()
    first = api.post("/push/subscriptions", body).get_json()
    again = {**body, "keys": browser_keys()}
    second = api.post("/push/subscriptions", again)
    assert second.status_code == 201
    assert second.get_json()["id"] == first["id"]
    assert stored(app) == [(api.user_id, body["endpoint"])]
    with app.app_context():
        row = db.session.scalars(select(PushSubscription)).one()
        assert row.p256dh == again["keys"]["p256dh"]
        db.session.remove()


def test_an_endpoint_of_another_user_moves_to_the_one_signed_in(api, other_api, app):
    body = subscription()
    assert other_api.post("/push/subscriptions", body).status_code == 201
    assert api.post("/push/subscriptions", body).status_code == 201
    assert stored(app) == [(api.user_id, body["endpoint"])]
    assert other_api.get("/push/subscriptions").get_json() == []


def test_subscribing_creates_the_default_reminder_rules_once(api, app):
    api.post("/push/subscriptions", subscription())
    api.post("/push/subscriptions", subscription())
    with app.app_context():
        kinds = db.session.scalars(select(ReminderRule.kind).order_by(ReminderRule.kind)).all()
        db.session.remove()
    assert kinds == ["comeback", "nudge", "plan"]


def test_devices_are_listed_and_removed_by_id(api, other_api, conforms):
    first = api.post("/push/subscriptions", subscription()).get_json()
    second = api.post("/push/subscriptions", subscription()).get_json()
    listed = conforms(api.get("/push/subscriptions"))
    assert {d["id"] for d in listed} == {first["id"], second["id"]}
    error(other_api.delete(f"/push/subscriptions/{first['id']}"), 404)
    assert api.delete(f"/push/subscriptions/{first['id']}").status_code == 204
    assert [d["id"] for d in api.get("/push/subscriptions").get_json()] == [second["id"]]
    error(api.delete(f"/push/subscriptions/{first['id']}"), 404)
    error(api.post(f"/push/subscriptions/{first['id']}/test"), 404)


def test_unsubscribing_by_endpoint_is_idempotent_and_never_touches_others(api, other_api, app):
    mine, theirs = subscription(), subscription()
    api.post("/push/subscriptions", mine)
    other_api.post("/push/subscriptions", theirs)
    assert api.delete("/push/subscriptions", {"endpoint": theirs["endpoint"]}).status_code == 204
    assert api.delete("/push/subscriptions", {"endpoint": mine["endpoint"]}).status_code == 204
    assert api.delete("/push/subscriptions", {"endpoint": mine["endpoint"]}).status_code == 204
    assert stored(app) == [(other_api.user_id, theirs["endpoint"])]


def test_a_user_keeps_at_most_twenty_devices_the_oldest_seen_makes_room(api, app, now):
    from datetime import timedelta

    endpoints = []
    for _ in range(21):
        now.value = now.value + timedelta(minutes=1)
        endpoints.append(api.post("/push/subscriptions", subscription()).get_json()["endpoint"])
    assert sorted(e for _, e in stored(app)) == sorted(endpoints[1:])


def test_deleting_the_user_deletes_devices_and_rules(api, app):
    api.post("/push/subscriptions", subscription())
    with app.app_context():
        db.session.delete(db.session.get(User, api.user_id))
        db.session.commit()
        for model in (PushSubscription, ReminderRule):
            assert db.session.scalar(select(func.count()).select_from(model)) == 0
        db.session.remove()


REFUSED_ENDPOINTS = [
    "http://fcm.googleapis.com/fcm/send/x",  # not https
    "https://push.example.com/x",  # not a push service
    "https://fcm.googleapis.com.evil.example/x",  # a look-alike suffix
    "https://evilfcm.googleapis.com/x",
    "https://user@fcm.googleapis.com/x",  # user info
    "https://fcm.googleapis.com@evil.example/x",
    "https://fcm.googleapis.com:8443/x",  # an odd port
    "https://fcm.googleapis.com/x#fragment",
    "https://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://169.254.169.254/latest/meta-data/",
    "https://[fd00:ec2::254]/latest/",
    "https://10.0.0.1/push",  # private ranges
    "https://192.168.1.1/push",
    "https://172.16.0.1/push",
    "https://[::ffff:169.254.169.254]/x",
    "http://127.0.0.1:9000/push/x",  # loopback, but not listed
    "http://localhost:9000/push/x",
    "http://[::1]:9000/push/x",
    "http://2130706433/push/x",  # 127.0.0.1 as a number
    "https://0x7f.1/push",
    "ftp://fcm.googleapis.com/x",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "//fcm.googleapis.com/x",
    "fcm.googleapis.com/x",
    "https:///x",
    "https://fcm.googleapis.com:99999/x",
    " https://fcm.googleapis.com/x",
    "https://fcm.googleapis.com/x y",
    "https://fcm.googleapis.com/x\n",
    "https://fcm.googleapis.com\\@evil.example/x",
    "https://fcm.googleapis.com/" + "x" * 1024,
    "https://fcm.googleapis.com/x\x00",
    "https://fcm.googleap\u0130s.com/x",  # a dotted capital I
    "",
]


@pytest.mark.parametrize("endpoint", REFUSED_ENDPOINTS, ids=lambda e: repr(e)[:40])
def test_endpoints_off_the_allowed_push_services_are_refused(api, endpoint):
    with unchanged(api):
        error(api.post("/push/subscriptions", subscription(endpoint)), 400, "endpoint")


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com/fcm/send/abc:def",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
        "https://web.push.apple.com/QGx2",
        "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
        "https://FCM.googleapis.com:443/fcm/send/x",
    ],
)
def test_the_public_push_services_are_accepted(api, endpoint):
    assert api.post("/push/subscriptions", subscription(endpoint)).status_code == 201


def test_listed_loopback_hosts_may_use_http_for_tests(api, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUSH_ALLOWED_HOSTS", ("127.0.0.1", "fcm.googleapis.com"))
    ok = api.post("/push/subscriptions", subscription("http://127.0.0.1:8123/push/abc"))
    assert ok.status_code == 201
    for refused in ("http://127.0.0.2:8123/p", "http://localhost:8123/p", "http://[::1]:8/p"):
        error(api.post("/push/subscriptions", subscription(refused)), 400, "endpoint")
    # Listing an address other than loopback never lets it in: IP literals are refused.
    monkeypatch.setitem(app.config, "PUSH_ALLOWED_HOSTS", ("10.0.0.5", "169.254.169.254"))
    for refused in ("https://10.0.0.5/p", "https://169.254.169.254/p"):
        error(api.post("/push/subscriptions", subscription(refused)), 400, "endpoint")


POINT = browser_keys()["p256dh"]
OFF_CURVE = b64(b"\x04" + b"\x00" * 64)
COMPRESSED = b64(b"\x02" + secrets.token_bytes(32))


@pytest.mark.parametrize(
    ("keys", "field"),
    [
        ({"p256dh": "not base64!"}, "keys.p256dh"),
        ({"p256dh": ""}, "keys.p256dh"),
        ({"p256dh": OFF_CURVE}, "keys.p256dh"),
        ({"p256dh": COMPRESSED}, "keys.p256dh"),
        ({"p256dh": POINT[:-4]}, "keys.p256dh"),
        ({"p256dh": POINT.replace("-", "+").replace("_", "/") + "+/"}, "keys.p256dh"),
        ({"p256dh": b64(b"\x04" + secrets.token_bytes(64))}, "keys.p256dh"),
        ({"p256dh": 123}, "keys.p256dh"),
        ({"p256dh": None}, "keys.p256dh"),
        ({"p256dh": "A" * 201}, "keys.p256dh"),
        ({"auth": b64(secrets.token_bytes(15))}, "keys.auth"),
        ({"auth": b64(secrets.token_bytes(17))}, "keys.auth"),
        ({"auth": ""}, "keys.auth"),
        ({"auth": "****"}, "keys.auth"),
        ({"auth": ["x"]}, "keys.auth"),
    ],
)
def test_malformed_keys_are_refused(api, keys, field):
    with unchanged(api):
        error(api.post("/push/subscriptions", subscription(**keys)), 400, field)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"keys": browser_keys()}, "endpoint"),
        ({"endpoint": FCM + "x"}, "keys"),
        ({"endpoint": 42, "keys": browser_keys()}, "endpoint"),
        ({"endpoint": None, "keys": browser_keys()}, "endpoint"),
        ({"endpoint": FCM + "x", "keys": "p256dh"}, "keys"),
        ({"endpoint": FCM + "x", "keys": {"p256dh": POINT}}, "keys.auth"),
        ({"endpoint": FCM + "x", "keys": {**browser_keys(), "extra": "x"}}, "keys.extra"),
        ({"endpoint": FCM + "x", "keys": browser_keys(), "expirationTime": "soon"}, None),
        ({"endpoint": FCM + "x", "keys": browser_keys(), "user_id": 1}, "user_id"),
    ],
)
def test_malformed_subscriptions_are_refused(api, body, field):
    with unchanged(api):
        err = error(api.post("/push/subscriptions", body), 400, *([field] if field else []))
    assert err["fields"]


@pytest.mark.parametrize("raw", [b"", b"[]", b"null", b"{", b'"x"'])
def test_a_body_that_is_not_an_object_is_refused(api, raw):
    with unchanged(api):
        error(api.post("/push/subscriptions", data=raw, content_type="application/json"), 400)
        error(api.delete("/push/subscriptions", data=raw, content_type="application/json"), 400)


def test_an_expiration_time_from_the_browser_is_accepted(api):
    body = {**subscription(), "expirationTime": 1893456000000}
    assert api.post("/push/subscriptions", body).status_code == 201


def test_push_routes_need_a_signed_in_user(client):
    body = subscription()
    for method, path in [
        ("POST", "/api/v1/push/subscriptions"),
        ("DELETE", "/api/v1/push/subscriptions"),
        ("GET", "/api/v1/push/subscriptions"),
        ("DELETE", "/api/v1/push/subscriptions/1"),
        ("POST", "/api/v1/push/subscriptions/1/test"),
    ]:
        error(client.open(path, method=method, json=body), 401)
