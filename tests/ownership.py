"""Whose is each row? Found from the schema alone, by following foreign keys up to `users`, so
tests that must cover every table (account deletion, another user's ids) grow with the schema.

`furnish(api)` gives a user a row in every table the product has, through the API where one
exists; a table it does not know yet makes the tests that use it fail and name the table.
"""

from __future__ import annotations

import base64
import secrets
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import ColumnElement, Table, false, or_, select

from tests.factories import ApiClient
from tracker import models
from tracker.extensions import db
from tracker.services import accounts

TODAY = "2026-03-18"
# The ids furnish() returns, by the name a route gives its parameter.
ID_NAMES = (
    "goal_id",
    "rejection_id",
    "break_id",
    "application_id",
    "interview_id",
    "practice_id",
    "session_id",
    "reflection_id",
    "question_id",
    "subscription_id",
    "token_id",
    "removal_id",
)
# Tables that belong to nobody (a table here must hold no personal data).
SHARED_TABLES: dict[str, str] = {
    "rate_limit_hits": "failed sign-in and sign-up counts, keyed by the client's IP address "
    "or a digest of the email tried (never the email); each row is deleted once its window "
    "has passed",
}


# What is derived from a user's data to make reads cheap (streak checkpoints, the version
# and the day that tell when they went stale): deleted with the account like the rest, but not the
# user's data, so "exactly as it was" comparisons (undo) leave it out. {table: columns},
# None for the whole table.
DERIVED: dict[str, frozenset[str] | None] = {
    "streak_checkpoints": None,
    "users": frozenset({"history_version", "checkpoints_stale_from"}),
}


def owner_condition(table: Table, user_id: int, seen: frozenset[str] = frozenset()):
    """A WHERE clause picking the rows of `table` that belong to `user_id` (through any chain
    of foreign keys ending at users.id), or None when no chain reaches `users`."""
    if table.name == "users":
        return table.c.id == user_id
    conditions: list[ColumnElement[bool]] = []
    for key in table.foreign_keys:
        parent = key.column.table
        if parent.name in seen or parent is table:
            continue
        upper = owner_condition(parent, user_id, seen | {table.name})
        if upper is not None:
            parent_ids = select(key.column).where(upper)
            conditions.append(key.parent.in_(parent_ids))
    return or_(false(), *conditions) if conditions else None


def owned_tables() -> list[Table]:
    """Every table whose rows belong to a user (all but SHARED_TABLES); fails on a table that
    no foreign key chain ties to a user and that nobody has declared shared."""
    tables = []
    for table in db.metadata.sorted_tables:
        if table.name in SHARED_TABLES:
            continue
        assert owner_condition(table, 0) is not None, (
            f"{table.name}: no foreign key leads to users; declare it in SHARED_TABLES "
            "(and say why it holds nobody's data) or tie its rows to their owner"
        )
        tables.append(table)
    return tables


def rows_of(user_id: int, derived: bool = True) -> dict[str, list[tuple]]:
    """{table: sorted rows} of everything that belongs to the user (in an app context);
    without what is DERIVED from it when `derived` is false."""
    found = {}
    for table in owned_tables():
        columns = list(table.columns)
        if not derived and table.name in DERIVED:
            left_out = DERIVED[table.name]
            if left_out is None:
                continue
            columns = [c for c in columns if c.name not in left_out]
        query = select(*columns).where(owner_condition(table, user_id))
        found[table.name] = sorted(
            (tuple(map(repr, r)) for r in db.session.execute(query)), key=repr
        )
    return found


def primary_keys_of(user_id: int) -> dict[str, set[tuple]]:
    """{table: primary keys} of the user's rows."""
    keys = {}
    for table in owned_tables():
        columns = list(table.primary_key.columns)
        query = select(*columns).where(owner_condition(table, user_id))
        keys[table.name] = {tuple(row) for row in db.session.execute(query)}
    return keys


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _push_subscription() -> dict:
    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    return {
        "endpoint": "https://fcm.googleapis.com/fcm/send/" + secrets.token_urlsafe(16),
        "keys": {"p256dh": _b64(point), "auth": _b64(secrets.token_bytes(16))},
    }


def _expect(answer, status: int) -> dict:
    assert answer.status_code == status, (answer.status_code, answer.get_data(as_text=True)[:300])
    return answer.get_json() if answer.get_data() else {}


def furnish(api: ApiClient) -> dict[str, int]:
    """Give the API client's user one of everything; returns {kind_id: id} of what was made."""
    goal = api.goal_ids()["apply"]
    _expect(api.put(f"/goals/{goal}/entries/{TODAY}", {"note": "private note"}), 200)
    _expect(api.put(f"/goals/{goal}/entries/2026-03-10", {}), 200)  # a day before today
    rejection = _expect(api.post("/rejections", {"date": TODAY, "company": "Acme"}), 201)
    pause = _expect(api.post("/breaks", {"start": TODAY, "end": TODAY}), 201)
    application = _expect(api.post("/applications", {"company": "Initech", "role": "Dev"}), 201)
    interview = _expect(
        api.post(
            f"/applications/{application['id']}/interviews",
            {"starts_at": "2026-03-20T10:00", "kind": "video", "notes": "private note"},
        ),
        201,
    )
    _expect(api.post("/calendar-feed"), 201)  # the digest of a feed secret on the user's row
    practice = _expect(api.post("/practice", {"date": TODAY, "rating": 4}), 201)
    reflection = _expect(
        api.post("/reflections", {"date": TODAY, "text": "felt", "rejection_id": rejection["id"]}),
        201,
    )
    question = _expect(
        api.post("/practice/questions", {"text": "Why the gap?", "rejection_id": rejection["id"]}),
        201,
    )
    subscription = _expect(api.post("/push/subscriptions", _push_subscription()), 201)
    reminders = [{"kind": "nudge", "time": "19:00", "weekdays": [1, 2, 3], "enabled": True}]
    _expect(api.put("/reminders", reminders), 200)
    tokens = _expect(api.get("/tokens"), 200)
    ids = {  # the keys are ID_NAMES
        "goal_id": goal,
        "rejection_id": rejection["id"],
        "break_id": pause["id"],
        "application_id": application["id"],
        "interview_id": interview["id"],
        "practice_id": practice["id"],
        "session_id": practice["id"],
        "reflection_id": reflection["id"],
        "question_id": question["id"],
        "subscription_id": subscription["id"],
        "token_id": tokens[0]["id"],
    }
    _push_log(api.client.application, api.user_id, subscription["id"])
    _browser_session(api.client.application, api.user_id)
    ids["removal_id"] = _removal(api)
    _expect(api.get("/streaks"), 200)  # a read stores the streak checkpoint of yesterday
    return ids


def _removal(api: ApiClient) -> int:
    """A removal the user can undo: a second break, planned and removed."""
    pause = _expect(api.post("/breaks", {"start": "2026-03-01", "end": "2026-03-02"}), 201)
    _expect(api.delete(f"/breaks/{pause['id']}"), 204)
    with api.client.application.app_context():
        removal = db.session.scalars(
            select(models.Removal).where(models.Removal.user_id == api.user_id)
        ).one()
        return removal.id


def _browser_session(app, user_id: int) -> None:
    """A signed-in browser of the user's, as signing in through a page makes one."""
    with app.app_context():
        user = db.session.get(models.User, user_id)
        now = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)
        accounts.start_session(db.session, user, now, timedelta(days=90))
        db.session.commit()


def _push_log(app, user_id: int, subscription_id: int) -> None:
    """What the reminder process writes when it sends: a delivery, its message, an attempt."""
    now = datetime(2026, 3, 18, 18, 0, tzinfo=UTC)
    with app.app_context():
        rule = db.session.scalars(
            select(models.ReminderRule).where(models.ReminderRule.user_id == user_id)
        ).first()
        assert rule is not None
        delivery = models.PushDelivery(
            user_id=user_id,
            kind=rule.kind,
            rule_id=rule.id,
            slot=now,
            local_date=now.date(),
            status="queued",
            created_at=now,
        )
        db.session.add(delivery)
        db.session.flush()
        message = models.PushMessage(
            delivery_id=delivery.id,
            subscription_id=subscription_id,
            status="delivered",
            attempts=1,
            next_attempt_at=now,
        )
        db.session.add(message)
        db.session.flush()
        db.session.add(
            models.PushAttempt(message_id=message.id, at=now, http_status=201, outcome="delivered")
        )
        db.session.commit()
        db.session.remove()
