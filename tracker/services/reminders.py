"""A user's reminder rules: reading them, changing them, and keeping their next fire instant.

Each user has at most one rule per kind. `plan` and `nudge` have their own time and weekdays;
`comeback` always goes at the plan's time, on any day (a rejection can come any day), so only
its switch is the user's to set.
"""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy.orm import Session

from tracker.core import reminders as rules
from tracker.models import ReminderRule, User, mask_to_weekdays, weekdays_to_mask
from tracker.queries import reminders as rule_queries
from tracker.services import interviews
from tracker.services.errors import Invalid


def _fires(rule: ReminderRule, timezone: str, now: datetime) -> datetime | None:
    if not rule.enabled:
        return None
    return rules.next_fire(rule.local_time, rule.weekday_mask, timezone, now)


def _as_dict(kind: str, at: time, mask: int, enabled: bool) -> dict:
    return {
        "kind": kind,
        "time": at.strftime("%H:%M"),
        "weekdays": mask_to_weekdays(mask),
        "enabled": enabled,
    }


def list_rules(session: Session, user: User) -> list[dict]:
    """The user's rules as `{kind, time "HH:MM", weekdays, enabled}`, plan, nudge, comeback in
    that order; kinds never stored show their defaults (09:00 plan, 19:00 nudge, every day)."""
    return _listed({rule.kind: rule for rule in rule_queries.rules_of_user(session, user.id)})


def _listed(stored: dict[str, ReminderRule]) -> list[dict]:
    plan = stored.get(rules.PLAN)
    plan_time = plan.local_time if plan else rules.DEFAULT_TIMES[rules.PLAN]
    out = []
    for kind in rules.KINDS:
        rule = stored.get(kind)
        at = plan_time if kind == rules.COMEBACK else (rule.local_time if rule else None)
        at = at or rules.DEFAULT_TIMES[kind]
        mask = rule.weekday_mask if rule and kind != rules.COMEBACK else rules.EVERY_DAY
        out.append(_as_dict(kind, at, mask, rule.enabled if rule else True))
    return out


def ensure_rules(session: Session, user: User, now: datetime) -> dict[str, ReminderRule]:
    """Create the user's missing rules with their defaults, move rules computed in a zone the
    user has left to the current one, and return {kind: rule}."""
    stored = {rule.kind: rule for rule in rule_queries.rules_of_user(session, user.id)}
    missing = [kind for kind in rules.KINDS if kind not in stored]
    if missing:
        plan_time = stored[rules.PLAN].local_time if rules.PLAN in stored else None
        rows = []
        for kind in missing:
            at = (plan_time if kind == rules.COMEBACK else None) or rules.DEFAULT_TIMES[kind]
            rows.append(
                {
                    "user_id": user.id,
                    "kind": kind,
                    "local_time": at,
                    "weekday_mask": rules.EVERY_DAY,
                    "enabled": True,
                    "timezone": user.timezone,
                    "next_fire_at": rules.next_fire(at, rules.EVERY_DAY, user.timezone, now),
                    "updated_at": now,
                }
            )
        rule_queries.add_rules_if_missing(session, rows)
        stored = {rule.kind: rule for rule in rule_queries.rules_of_user(session, user.id)}
    for rule in stored.values():
        if rule.timezone != user.timezone:
            rule.timezone = user.timezone
            rule.next_fire_at = _fires(rule, user.timezone, now)
    session.flush()
    return stored


def _check_items(items: list[dict]) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item["kind"] in seen:
            raise Invalid(
                "Each kind of reminder may appear once.",
                {f"{index}.kind": f"{item['kind']} is already in the list."},
            )
        seen.add(item["kind"])


def put_rules(session: Session, user: User, now: datetime, items: list[dict]) -> list[dict]:
    """Apply `items` (`kind` plus any of `time`, `weekdays` (ISO 1..7), `enabled`) and return
    every rule as list_rules does. Kinds left out, and fields left out, keep their setting; a
    comeback's time and weekdays are the plan's time and every day, whatever is sent. A rule
    whose time, days or switch changed fires next at its first slot after `now`; an unchanged
    one keeps its next slot. Raises Invalid when a kind appears twice."""
    _check_items(items)
    stored = ensure_rules(session, user, now)
    for item in items:
        rule = stored[item["kind"]]
        if item["kind"] != rules.COMEBACK:
            _change(rule, "local_time", item.get("time"))
            weekdays = item.get("weekdays")
            _change(rule, "weekday_mask", weekdays_to_mask(weekdays) if weekdays else None)
        _change(rule, "enabled", item.get("enabled"))
    comeback, plan = stored[rules.COMEBACK], stored[rules.PLAN]
    _change(comeback, "local_time", plan.local_time)
    _change(comeback, "weekday_mask", rules.EVERY_DAY)
    evening_moved = session.is_modified(stored[rules.NUDGE], include_collections=False)
    for rule in stored.values():
        if session.is_modified(rule, include_collections=False):
            rule.next_fire_at = _fires(rule, user.timezone, now)
            rule.updated_at = now
    session.flush()
    if evening_moved:  # an interview's prep message goes at the evening rule's time
        interviews.rearm_messages(session, user, now)
    return _listed(stored)


def _change(rule: ReminderRule, name: str, value) -> None:
    # Assign only real changes, so that an unchanged rule keeps its next slot.
    if value is not None and getattr(rule, name) != value:
        setattr(rule, name, value)


def resync_zones(session: Session, now: datetime) -> int:
    """Recompute the next fire instant of every rule whose owner changed time zone since it
    was computed, from `now` on in the new zone (nothing is sent for the move itself).
    Returns how many rules moved."""
    moves = [
        (rule_id, seen, rules.next_fire(at, mask, timezone, now), timezone)
        for rule_id, at, mask, seen, timezone in rule_queries.rules_in_old_zones(session)
    ]
    return len(rule_queries.advance_rules(session, moves))
