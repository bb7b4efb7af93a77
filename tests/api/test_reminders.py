"""Reminder rules through the API: defaults, changes, the comeback's place, every bad value."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from tests.api.expect import error, unchanged
from tracker.extensions import db
from tracker.models import ReminderRule

EVERY_DAY = [1, 2, 3, 4, 5, 6, 7]
DEFAULTS = [
    {"kind": "plan", "time": "09:00", "weekdays": EVERY_DAY, "enabled": True},
    {"kind": "nudge", "time": "19:00", "weekdays": EVERY_DAY, "enabled": True},
    {"kind": "comeback", "time": "09:00", "weekdays": EVERY_DAY, "enabled": True},
]


def next_fires(app) -> dict[str, datetime | None]:
    with app.app_context():
        rules = db.session.scalars(select(ReminderRule)).all()
        found = {
            r.kind: r.next_fire_at and r.next_fire_at.replace(tzinfo=None).replace(tzinfo=UTC)
            for r in rules
        }
        db.session.remove()
    return found


def test_a_new_account_shows_the_default_rules(api, conforms):
    assert conforms(api.get("/reminders")) == DEFAULTS


def test_put_changes_rules_and_answers_the_whole_list(api, conforms, app):
    body = [
        {"kind": "plan", "time": "07:30", "weekdays": [1, 2, 3, 4, 5], "enabled": True},
        {"kind": "nudge", "time": "20:15", "weekdays": [7, 1, 1], "enabled": False},
    ]
    answer = conforms(api.put("/reminders", body))
    assert answer == [
        {"kind": "plan", "time": "07:30", "weekdays": [1, 2, 3, 4, 5], "enabled": True},
        {"kind": "nudge", "time": "20:15", "weekdays": [1, 7], "enabled": False},
        # The comeback follows the plan's time, on any day.
        {"kind": "comeback", "time": "07:30", "weekdays": EVERY_DAY, "enabled": True},
    ]
    assert api.get("/reminders").get_json() == answer
    # Wednesday 2026-03-18 12:00 UTC in Berlin (UTC+1): the plan's next slot is Thursday
    # 07:30 local, the disabled nudge has none.
    fires = next_fires(app)
    assert fires["plan"] == datetime(2026, 3, 19, 6, 30, tzinfo=UTC)
    assert fires["comeback"] == datetime(2026, 3, 19, 6, 30, tzinfo=UTC)
    assert fires["nudge"] is None


def test_fields_and_kinds_left_out_keep_their_setting(api):
    api.put("/reminders", [{"kind": "nudge", "time": "21:00", "weekdays": [6, 7]}])
    answer = api.put("/reminders", [{"kind": "nudge", "enabled": False}]).get_json()
    assert answer[1] == {"kind": "nudge", "time": "21:00", "weekdays": [6, 7], "enabled": False}
    assert answer[0] == DEFAULTS[0]
    assert api.put("/reminders", []).get_json() == answer


def test_the_comeback_can_be_switched_off_but_not_moved(api):
    answer = api.put(
        "/reminders", [{"kind": "comeback", "time": "05:00", "weekdays": [1], "enabled": False}]
    ).get_json()
    assert answer[2] == {
        "kind": "comeback",
        "time": "09:00",
        "weekdays": EVERY_DAY,
        "enabled": False,
    }


def test_an_unchanged_rule_keeps_its_next_slot(api, app, now):
    api.put("/reminders", [{"kind": "nudge", "time": "19:00"}])
    before = next_fires(app)
    assert before["nudge"] == datetime(2026, 3, 18, 18, tzinfo=UTC)
    now.value = datetime(2026, 3, 18, 18, 0, 30, tzinfo=UTC)  # the slot is due, not yet swept
    api.put("/reminders", DEFAULTS)
    assert next_fires(app) == before


def test_a_rule_switched_back_on_fires_from_now_on(api, app, now):
    api.put("/reminders", [{"kind": "plan", "enabled": False}])
    assert next_fires(app)["plan"] is None
    now.value = datetime(2026, 3, 19, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
    api.put("/reminders", [{"kind": "plan", "enabled": True}])
    assert next_fires(app)["plan"] == datetime(2026, 3, 19, 8, tzinfo=UTC)


def test_rules_follow_a_change_of_time_zone(api, app):
    api.put("/reminders", [])
    assert api.patch("/me", {"timezone": "America/New_York"}).status_code == 200
    api.put("/reminders", [])
    assert next_fires(app)["nudge"] == datetime(2026, 3, 18, 23, tzinfo=UTC)  # 19:00 EDT


def test_each_user_sees_only_their_own_rules(api, other_api):
    api.put("/reminders", [{"kind": "plan", "time": "06:00"}])
    assert other_api.get("/reminders").get_json() == DEFAULTS


BAD_ITEMS = [
    ({"kind": "daily", "time": "09:00"}, "0.kind"),
    ({"time": "09:00"}, "0.kind"),
    ({"kind": None}, "0.kind"),
    ({"kind": "plan", "time": "9:00"}, "0.time"),
    ({"kind": "plan", "time": "24:00"}, "0.time"),
    ({"kind": "plan", "time": "12:60"}, "0.time"),
    ({"kind": "plan", "time": "12:00:00"}, "0.time"),
    ({"kind": "plan", "time": "noon"}, "0.time"),
    ({"kind": "plan", "time": ""}, "0.time"),
    ({"kind": "plan", "time": "\uff11\uff12:\uff10\uff10"}, "0.time"),  # full-width digits
    ({"kind": "plan", "time": 900}, "0.time"),
    ({"kind": "plan", "time": ["09:00"]}, "0.time"),
    ({"kind": "plan", "weekdays": []}, "0.weekdays"),
    ({"kind": "plan", "weekdays": [0]}, "0.weekdays.0"),
    ({"kind": "plan", "weekdays": [8]}, "0.weekdays.0"),
    ({"kind": "plan", "weekdays": ["1"]}, "0.weekdays.0"),
    ({"kind": "plan", "weekdays": [1.5]}, "0.weekdays.0"),
    ({"kind": "plan", "weekdays": "1,2"}, "0.weekdays"),
    ({"kind": "plan", "enabled": "yes"}, "0.enabled"),
    ({"kind": "plan", "enabled": 1}, "0.enabled"),
    ({"kind": "plan", "next_fire_at": "2026-03-18T08:00:00Z"}, "0.next_fire_at"),
]


@pytest.mark.parametrize(("item", "field"), BAD_ITEMS, ids=lambda v: repr(v)[:40])
def test_bad_rules_are_refused_and_change_nothing(api, item, field):
    api.put("/reminders", [])
    with unchanged(api):
        error(api.put("/reminders", [{"kind": "nudge", "time": "20:00"}, item][1:]), 400, field)
        error(api.put("/reminders", [{"kind": "nudge", "time": "20:00"}, item]), 400)
    assert api.get("/reminders").get_json() == DEFAULTS


def test_a_kind_twice_is_refused(api):
    with unchanged(api):
        body = [{"kind": "plan", "time": "08:00"}, {"kind": "plan", "time": "10:00"}]
        error(api.put("/reminders", body), 400, "1.kind")


@pytest.mark.parametrize(
    "raw", [b"", b"{}", b"null", b"[", b'{"kind": "plan"}', b'"plan"', b"[1]", b"[[]]"]
)
def test_a_body_that_is_not_a_list_of_rules_is_refused(api, raw):
    with unchanged(api):
        error(api.put("/reminders", data=raw, content_type="application/json"), 400)


def test_more_rules_than_kinds_are_refused(api):
    body = [{"kind": "plan"}, {"kind": "nudge"}, {"kind": "comeback"}, {"kind": "plan"}]
    with unchanged(api):
        error(api.put("/reminders", body), 400)


def test_reminders_need_a_signed_in_user(client):
    error(client.get("/api/v1/reminders"), 401)
    error(client.put("/api/v1/reminders", json=[]), 401)
