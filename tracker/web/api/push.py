"""Web Push: the server's public key, and the user's subscribed devices."""

from __future__ import annotations

from flask import current_app, request

from tracker import clock, push
from tracker.extensions import db
from tracker.services import push_subscriptions as subscriptions
from tracker.services import sending
from tracker.web.api import bp
from tracker.web.api.registry import operation
from tracker.web.schemas.push import DeviceOut, EndpointIn, PushKeyOut, SubscriptionIn, TestPushOut


@operation(
    bp,
    "GET",
    "/push/key",
    summary="The VAPID public key to subscribe with",
    response=PushKeyOut,
    auth=False,
)
def push_key():
    return {"public_key": current_app.config["VAPID_PUBLIC_KEY"]}


@operation(
    bp,
    "POST",
    "/push/subscriptions",
    summary="Subscribe this device to reminders (idempotent per endpoint)",
    body=SubscriptionIn,
    response=DeviceOut,
    status=201,
)
def subscribe(user, body: SubscriptionIn):
    device = subscriptions.subscribe(
        db.session,
        user,
        clock.now_utc(),
        endpoint=body.endpoint,
        p256dh=body.keys.p256dh,
        auth=body.keys.auth,
        allowed_hosts=current_app.config["PUSH_ALLOWED_HOSTS"],
        user_agent=request.headers.get("User-Agent", ""),
    )
    db.session.commit()
    return device


@operation(
    bp,
    "DELETE",
    "/push/subscriptions",
    summary="Unsubscribe a device by its endpoint (204 also when it was not there)",
    body=EndpointIn,
    status=204,
)
def unsubscribe(user, body: EndpointIn):
    subscriptions.unsubscribe(db.session, user, body.endpoint)
    db.session.commit()


@operation(
    bp,
    "GET",
    "/push/subscriptions",
    summary="The devices that receive reminders, most recently seen first",
    response=list[DeviceOut],
)
def list_devices(user):
    return subscriptions.devices(db.session, user)


@operation(
    bp,
    "DELETE",
    "/push/subscriptions/<int:subscription_id>",
    summary="Remove a device",
    status=204,
)
def remove_device(user, subscription_id: int):
    subscriptions.remove_device(db.session, user, subscription_id, "a device", clock.now_utc())
    db.session.commit()


@operation(
    bp,
    "POST",
    "/push/subscriptions/<int:subscription_id>/test",
    summary="Send a test notification to one device now",
    response=TestPushOut,
)
def test_device(user, subscription_id: int):
    device = subscriptions.device(db.session, user, subscription_id)
    result = sending.send_test(db.session, device, push.Vapid.from_config(current_app.config))
    db.session.commit()
    return {"outcome": result.outcome, "status": result.http_status}
