"""Web Push: the server's public key, and the user's subscribed devices."""

from __future__ import annotations

from flask import current_app, request

from tracker import clock
from tracker.extensions import db
from tracker.services import push_subscriptions as subscriptions
from tracker.services import sending
from tracker.web.api import ANYONE, bp
from tracker.web.api.answers import BODY, NAMES_ID, SIGNED_IN, WRITE, json_answer, no_content
from tracker.web.api.hooks import caller
from tracker.web.http.identity import today_for
from tracker.web.schemas.lists import DeviceList
from tracker.web.schemas.push import DeviceOut, EndpointIn, PushKeyOut, SubscriptionIn, TestPushOut
from tracker.web.schemas.queries import SubscriptionPath


@bp.get("/push/key", responses={200: PushKeyOut}, security=ANYONE)
def push_key():
    """The VAPID public key to subscribe with"""
    return json_answer(PushKeyOut, {"public_key": current_app.config["VAPID_PUBLIC_KEY"]})


@bp.post("/push/subscriptions", responses={201: DeviceOut, **WRITE, **BODY})
def subscribe(body: SubscriptionIn):
    """Subscribe this device to reminders (idempotent per endpoint)"""
    device = subscriptions.subscribe(
        db.session,
        caller(),
        clock.now_utc(),
        endpoint=body.endpoint,
        p256dh=body.keys.p256dh,
        auth=body.keys.auth,
        allowed_hosts=current_app.config["PUSH_ALLOWED_HOSTS"],
        user_agent=request.headers.get("User-Agent", ""),
    )
    db.session.commit()
    return json_answer(DeviceOut, device, 201)


@bp.delete("/push/subscriptions", responses={204: None, **WRITE, **BODY})
def unsubscribe(body: EndpointIn):
    """Unsubscribe a device by its endpoint (204 also when it was not there)"""
    subscriptions.unsubscribe(db.session, caller(), body.endpoint)
    db.session.commit()
    return no_content()


@bp.get("/push/subscriptions", responses={200: DeviceList, **SIGNED_IN})
def list_devices():
    """The devices that receive reminders, most recently seen first"""
    return json_answer(DeviceList, subscriptions.devices(db.session, caller()))


@bp.delete("/push/subscriptions/<int:subscription_id>", responses={204: None, **WRITE, **NAMES_ID})
def remove_device(path: SubscriptionPath):
    """Remove a device"""
    subscriptions.remove_device(
        db.session, caller(), path.subscription_id, "a device", clock.now_utc()
    )
    db.session.commit()
    return no_content()


@bp.post(
    "/push/subscriptions/<int:subscription_id>/test",
    responses={200: TestPushOut, **WRITE, **NAMES_ID},
)
def test_device(path: SubscriptionPath):
    """Send a test notification to one device now"""
    device = subscriptions.device(db.session, caller(), path.subscription_id)
    result = sending.send_test(db.session, device, current_app.config, today_for(caller()))
    db.session.commit()
    return json_answer(TestPushOut, {"outcome": result.outcome, "status": result.http_status})
