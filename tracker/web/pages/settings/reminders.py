"""The reminders settings page: when reminders come (plan, nudge, the comeback switch), turning
them on for this device (static/js/reminders.js), and the devices that get them, each with a
test notification and a way to remove it. Every form works without JavaScript."""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from tracker import clock
from tracker.extensions import db
from tracker.services import push_subscriptions as subscriptions
from tracker.services import reminders, sending
from tracker.web.http.forms import login_required, validate_form
from tracker.web.http.identity import today_for
from tracker.web.pages.undo import offer_undo
from tracker.web.schemas.push import ReminderIn

bp = Blueprint("reminders", __name__)
# The rules with a time and days of their own; comeback follows the plan (services.reminders).
EDITABLE = (
    ("plan", "Morning plan", "Your goals for the day, so it starts with a plan."),
    (
        "nudge",
        "Evening nudge",
        "Only on a day with nothing done yet, with a button to mark "
        "a goal done straight from the notification.",
    ),
)
_CLOCK = re.compile(r"(\d{2}:\d{2})(:\d{2}(\.\d+)?)?")
_NO_TIME = "Pick a time, like 09:00."
_BAD_TIME = "Use a time like 07:30, from 00:00 to 23:59."
_NO_DAYS = "Pick at least one day."
# (pattern in the User-Agent, name), first match wins: Edge and Opera also say "Chrome", and
# Chrome on iOS also says "Safari".
_BROWSERS = (
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "Mac"),
    ("Linux", "Linux"),
)
_SERVICES = (
    ("fcm.googleapis.com", "Chrome"),
    ("mozilla.com", "Firefox"),
    ("push.apple.com", "Safari"),
    ("notify.windows.com", "Edge"),
)


def device_name(user_agent: str, endpoint: str) -> str:
    """How a device reads in the list: "Chrome on Android", "iPhone", "Firefox"."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), None)
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), None)
    if browser is None:
        host = (urlsplit(endpoint).hostname or "").lower()
        browser = next((name for mark, name in _SERVICES if host.endswith(mark)), None)
    if browser and system:
        return f"{browser} on {system}"
    # An app opened from the Home Screen of an iPhone names no browser at all.
    return system or browser or "A browser"


def _devices(user) -> list[dict]:
    zone = ZoneInfo(user.timezone)
    return [
        {
            "id": device.id,
            "endpoint": device.endpoint,
            "name": device_name(device.user_agent, device.endpoint),
            "added": _day(device.created_at.astimezone(zone)),
        }
        for device in subscriptions.devices(db.session, user)
    ]


def _day(moment) -> str:
    return f"{moment.day} {moment:%B %Y}"


def _render(user, errors=None, typed=None, status=200):
    rules = {rule["kind"]: rule for rule in reminders.list_rules(db.session, user)}
    for kind, values in (typed or {}).items():
        rules[kind] = {**rules[kind], **values}
    page = render_template(
        "settings/reminders.html",
        user=user,
        rules=rules,
        editable=EDITABLE,
        errors=errors or {},
        devices=_devices(user),
    )
    return page, status


def _read_rule(kind: str) -> tuple[dict | None, dict, dict]:
    """(the rule to save or None, {field: message}, what was typed) for one kind."""
    raw_time = request.form.get(f"{kind}-time", "").strip()
    match = _CLOCK.fullmatch(raw_time)  # some browsers add seconds; reminders go by minute
    days = request.form.getlist(f"{kind}-weekdays")
    enabled = request.form.get(f"{kind}-enabled") == "on"
    typed = {
        "time": raw_time,
        "weekdays": [int(day) for day in days if day.isdigit()],
        "enabled": enabled,
    }
    values = {
        "kind": kind,
        "time": match.group(1) if match else raw_time,
        "weekdays": days,
        "enabled": enabled,
    }
    data, problems = validate_form(ReminderIn, values)
    errors = {f"{kind}-{name}": message for name, message in problems.items()}
    if not raw_time:
        errors[f"{kind}-time"] = _NO_TIME
    elif "time" in problems:
        errors[f"{kind}-time"] = _BAD_TIME
    if not days:
        errors[f"{kind}-weekdays"] = _NO_DAYS
    if errors:
        return None, errors, typed
    return data.model_dump(exclude_unset=True), {}, typed


@bp.get("/settings/reminders")
@login_required
def index(user):
    return _render(user)


@bp.post("/settings/reminders")
@login_required
def save(user):
    items, errors, typed = [], {}, {}
    for kind, _heading, _about in EDITABLE:
        item, problems, typed[kind] = _read_rule(kind)
        errors.update(problems)
        if item:
            items.append(item)
    comeback = request.form.get("comeback-enabled") == "on"
    typed["comeback"] = {"enabled": comeback}
    if errors:
        return _render(user, errors, typed, 400)
    items.append({"kind": "comeback", "enabled": comeback})
    reminders.put_rules(db.session, user, clock.now_utc(), items)
    db.session.commit()
    flash("Saved. Reminders follow the new times from now on.")
    return redirect(url_for("reminders.index"))


@bp.post("/settings/reminders/devices/<id:device_id>/test")
@login_required
def test(user, device_id: int):
    device = subscriptions.device(db.session, user, device_id)
    name = device_name(device.user_agent, device.endpoint)
    result = sending.send_test(db.session, device, current_app.config, today_for(user))
    db.session.commit()
    if result.outcome == "delivered":
        flash(f"Sent to {name}. It should show in a moment.")
    elif result.outcome == "gone":
        flash(f"{name} has turned reminders off, so it is no longer in your list.", "error")
    elif result.outcome == "retry":
        flash("The push service is busy or out of reach right now. Try again in a minute.", "error")
    else:
        flash(
            f"The push service did not take the test for {name}. Turning reminders off and on "
            "again on that device usually fixes it.",
            "error",
        )
    return redirect(url_for("reminders.index") + "#devices")


@bp.post("/settings/reminders/devices/<id:device_id>/remove")
@login_required
def remove(user, device_id: int):
    device = subscriptions.device(db.session, user, device_id)
    name = device_name(device.user_agent, device.endpoint)
    back = url_for("reminders.index") + "#devices"
    removal = subscriptions.remove_device(db.session, user, device_id, name, clock.now_utc())
    offer_undo(removal, back)
    db.session.commit()
    flash(f"{name} gets no more reminders.")
    return redirect(back)
