"""The reminders settings page: reminder times, what it refuses, and the devices with a test
notification (sent for real to a local push service) and a remove button."""

from __future__ import annotations

import pytest

from tests.web.pages import error_beside, page, parse, post
from tests.web.refusals import each_refusal
from tools.push_service import PushService
from tracker import queries
from tracker.extensions import db
from tracker.services import push_subscriptions as subscriptions
from tracker.services import reminders

ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
GOOD = {
    "plan-enabled": "on",
    "plan-time": "08:15",
    "plan-weekdays": ["1", "2", "3", "4", "5"],
    "nudge-enabled": "on",
    "nudge-time": "20:30",
    "nudge-weekdays": ["1", "2", "3", "4", "5", "6", "7"],
    "comeback-enabled": "on",
}
DEFAULTS = [
    {"kind": "plan", "time": "09:00", "weekdays": [1, 2, 3, 4, 5, 6, 7], "enabled": True},
    {"kind": "nudge", "time": "19:00", "weekdays": [1, 2, 3, 4, 5, 6, 7], "enabled": True},
    {"kind": "comeback", "time": "09:00", "weekdays": [1, 2, 3, 4, 5, 6, 7], "enabled": True},
]


def _user(app, email="member@example.com"):
    return queries.user_by_email(db.session, email)


def _rules(app, email="member@example.com"):
    with app.app_context():
        return reminders.list_rules(db.session, _user(app, email))


def _devices(app, email="member@example.com"):
    with app.app_context():
        return [d.endpoint for d in subscriptions.devices(db.session, _user(app, email))]


@pytest.fixture
def push_service(app, monkeypatch):
    """A local Web Push service that verifies VAPID and decrypts what it gets."""
    service = PushService().start()
    monkeypatch.setitem(app.config, "PUSH_ALLOWED_HOSTS", ("127.0.0.1",))
    yield service
    service.stop()


def _add_device(app, push_service, now, email="member@example.com", agent=ANDROID_CHROME):
    made = push_service.subscribe(app.config["VAPID_PUBLIC_KEY"])
    with app.app_context():
        device = subscriptions.subscribe(
            db.session,
            _user(app, email),
            now.value,
            endpoint=made["endpoint"],
            p256dh=made["keys"]["p256dh"],
            auth=made["keys"]["auth"],
            allowed_hosts=app.config["PUSH_ALLOWED_HOSTS"],
            user_agent=agent,
        )
        db.session.commit()
        return device.id, made["endpoint"]


def _without(form: dict, *names: str) -> dict:
    """The form with these boxes unticked (a browser leaves an unticked box out)."""
    return {key: value for key, value in form.items() if key not in names}


def _checked(document, name):
    return sorted(
        int(box.attrs["value"])
        for box in document.all("input", name=name)
        if "checked" in box.attrs
    )


# --- reminder times ---------------------------------------------------------------------------


def test_the_page_shows_the_default_times_and_leads_back_to_settings(member):
    document = page(member, "/settings/reminders")
    assert document.one("h1").text() == "Reminders"
    back = document.one(class_="back").one("a")
    assert (back.attrs["href"], back.text()) == ("/settings", "Settings")
    assert document.one("input", name="plan-time").attrs["value"] == "09:00"
    assert document.one("input", name="nudge-time").attrs["value"] == "19:00"
    assert document.one("input", name="plan-time").attrs["type"] == "time"
    for kind in ("plan", "nudge"):
        assert _checked(document, f"{kind}-weekdays") == [1, 2, 3, 4, 5, 6, 7]
    for name in ("plan-enabled", "nudge-enabled", "comeback-enabled"):
        assert "checked" in document.one("input", name=name).attrs
    assert "comeback message" in document.one(class_="reminder-comeback").text()
    assert "Europe/Berlin" in document.one(class_="lede").text()
    # Without JavaScript the device panel says what turning reminders on needs.
    panel = document.one(data_controller="push")
    assert "needs JavaScript" in panel.one(data_push_message=True).text()
    assert "hidden" in panel.one("button", data_push_on=True).attrs
    assert "No devices yet" in document.one(id="devices").text()


def test_signed_out_the_page_asks_to_sign_in(client):
    answer = client.get("/settings/reminders")
    assert answer.status_code == 302
    assert "/login" in answer.headers["Location"]


def test_saving_changes_the_times_days_and_switches(member, app):
    answer = post(member, "/settings/reminders", _without(GOOD, "plan-enabled", "comeback-enabled"))
    assert answer.status_code == 302
    assert _rules(app) == [
        {"kind": "plan", "time": "08:15", "weekdays": [1, 2, 3, 4, 5], "enabled": False},
        {"kind": "nudge", "time": "20:30", "weekdays": [1, 2, 3, 4, 5, 6, 7], "enabled": True},
        {"kind": "comeback", "time": "08:15", "weekdays": [1, 2, 3, 4, 5, 6, 7], "enabled": False},
    ]
    document = parse(member.get(answer.headers["Location"]).get_data(as_text=True))
    assert "Saved" in document.one(class_="flash").text()
    assert document.one("input", name="plan-time").attrs["value"] == "08:15"
    assert _checked(document, "plan-weekdays") == [1, 2, 3, 4, 5]
    assert "checked" not in document.one("input", name="plan-enabled").attrs
    assert "checked" not in document.one("input", name="comeback-enabled").attrs


def test_a_time_with_seconds_counts_to_the_minute(member, app):
    assert post(member, "/settings/reminders", GOOD | {"nudge-time": "21:45:00"}).status_code == 302
    assert _rules(app)[1]["time"] == "21:45"


BAD_INPUTS = [
    pytest.param("plan-time", "", "Pick a time, like 09:00.", id="no-time"),
    pytest.param("plan-time", "   ", "Pick a time, like 09:00.", id="blank-time"),
    pytest.param("nudge-time", "24:00", "from 00:00 to 23:59", id="hour-24"),
    pytest.param("nudge-time", "19:60", "from 00:00 to 23:59", id="minute-60"),
    pytest.param("nudge-time", "7pm", "from 00:00 to 23:59", id="words"),
    pytest.param("nudge-time", "7:30", "from 00:00 to 23:59", id="one-digit-hour"),
    pytest.param("plan-time", "0" * 500, "from 00:00 to 23:59", id="huge"),
    pytest.param("plan-weekdays", [], "Pick at least one day.", id="no-days"),
    pytest.param("nudge-weekdays", ["8"], "Monday to Sunday", id="day-8"),
    pytest.param("nudge-weekdays", ["0"], "Monday to Sunday", id="day-0"),
    pytest.param("plan-weekdays", ["mon"], "Monday to Sunday", id="day-name"),
]


@each_refusal(BAD_INPUTS)
def test_a_bad_value_is_shown_beside_its_field_and_nothing_is_saved(
    member, app, field, value, message
):
    typed = GOOD | {field: value}
    answer = post(member, "/settings/reminders", typed)
    assert answer.status_code == 400
    document = parse(answer.get_data(as_text=True))
    assert message in error_beside(document, field)
    assert "didn\u2019t save yet" in document.one(role="alert").text()
    assert _rules(app) == DEFAULTS  # the good half of the form is not saved either
    # What was typed is still there to fix, in both rules.
    for kind in ("plan", "nudge"):
        shown = document.one("input", name=f"{kind}-time").attrs["value"]
        assert shown == typed[f"{kind}-time"].strip()
    if field != "plan-weekdays":
        assert _checked(document, "plan-weekdays") == [1, 2, 3, 4, 5]


def test_a_refused_form_keeps_the_switches_as_they_were_set(member, app):
    bad = _without(GOOD, "plan-enabled", "comeback-enabled") | {"nudge-time": ""}
    document = parse(post(member, "/settings/reminders", bad).get_data(as_text=True))
    assert "checked" not in document.one("input", name="plan-enabled").attrs
    assert "checked" not in document.one("input", name="comeback-enabled").attrs
    assert "checked" in document.one("input", name="nudge-enabled").attrs
    assert _rules(app) == DEFAULTS


def test_a_form_without_its_token_saves_nothing(member, app):
    answer = post(member, "/settings/reminders", GOOD, csrf="")
    assert answer.status_code == 400
    assert _rules(app) == DEFAULTS


# --- devices ----------------------------------------------------------------------------------


def test_devices_are_listed_with_a_name_and_the_day_they_were_added(member, app, push_service, now):
    _, endpoint = _add_device(app, push_service, now)
    _add_device(app, push_service, now, agent="")  # a name from the push service alone
    devices = page(member, "/settings/reminders").one(id="devices")
    names = [item.one(class_="device-label").text() for item in devices.all("li")]
    assert sorted(names) == ["A browser", "Chrome on Android"]
    item = devices.one("li", data_device_endpoint=endpoint)
    assert item.one(class_="device-meta").text() == "Added 18 March 2026"
    assert "hidden" in item.one(data_this_device=True).attrs  # until the script finds it here
    buttons = [button.accessible_name(devices) for button in item.all("button")]
    assert buttons == ["Send a test notification to Chrome on Android", "Remove Chrome on Android"]


def test_a_test_notification_reaches_the_device(member, app, push_service, now):
    device_id, endpoint = _add_device(app, push_service, now)
    answer = post(member, f"/settings/reminders/devices/{device_id}/test", {})
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/settings/reminders#devices")
    [message] = push_service.messages_for(endpoint)  # VAPID checked, body decrypted
    assert message["title"] == "Reminders are on"
    assert message["tag"] == "bring-it-on-test"
    flash = parse(member.get("/settings/reminders").get_data(as_text=True)).one(class_="flash")
    assert flash.text() == "Sent to Chrome on Android. It should show in a moment."


@pytest.mark.parametrize(
    ("script", "says", "kept"),
    [
        ({"gone": True}, "has turned reminders off", False),
        ({"answers": (503,)}, "busy or out of reach", True),
        ({"answers": (429,)}, "busy or out of reach", True),
        ({"answers": (400,)}, "did not take the test", True),
    ],
    ids=["gone", "unavailable", "too-many", "refused"],
)
def test_a_test_the_push_service_turns_down_says_why(
    member, app, push_service, now, script, says, kept
):
    device_id, endpoint = _add_device(app, push_service, now)
    push_service.script(endpoint, *script.get("answers", ()), gone=script.get("gone", False))
    answer = post(member, f"/settings/reminders/devices/{device_id}/test", {})
    assert answer.status_code == 302
    document = parse(member.get("/settings/reminders").get_data(as_text=True))
    assert says in document.one(class_="flash").text()
    assert "flash-error" in document.one(class_="flash").attrs["class"]
    assert _devices(app) == ([endpoint] if kept else [])


def test_removing_a_device_stops_its_reminders(member, app, push_service, now):
    device_id, _ = _add_device(app, push_service, now)
    answer = post(member, f"/settings/reminders/devices/{device_id}/remove", {})
    assert answer.status_code == 302
    assert _devices(app) == []
    document = parse(member.get("/settings/reminders").get_data(as_text=True))
    assert document.one(class_="flash").text() == "Chrome on Android gets no more reminders."
    assert "Removed: Chrome on Android." in document.one(class_="undo-bar").text()
    assert "No devices yet" in document.one(id="devices").text()


@pytest.mark.parametrize("action", ["test", "remove"])
def test_someone_elses_device_is_not_found(member, app, push_service, now, action):
    from tests import factories

    factories.make_user(app, "other@example.com")
    device_id, endpoint = _add_device(app, push_service, now, email="other@example.com")
    answer = post(member, f"/settings/reminders/devices/{device_id}/{action}", {})
    assert answer.status_code == 404
    assert _devices(app, "other@example.com") == [endpoint]
    assert push_service.messages_for(endpoint) == []


@pytest.mark.parametrize("action", ["test", "remove"])
def test_device_forms_without_their_token_do_nothing(member, app, push_service, now, action):
    device_id, endpoint = _add_device(app, push_service, now)
    answer = post(member, f"/settings/reminders/devices/{device_id}/{action}", {}, csrf="")
    assert answer.status_code == 400
    assert _devices(app) == [endpoint]
    assert push_service.messages_for(endpoint) == []
