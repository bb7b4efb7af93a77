"""A deliberately naive reference implementation of SPEC section 3, for tests only.

Written straight from the SPEC's wording, apart from `tracker.core`: it imports nothing from
it and answers every question by re-scanning the plain input lists, so it is slow and easy to
check by eye. Inputs are any objects with the attributes of GoalSpec / EntrySpec / BreakSpec
(duck-typed) plus a list of rejection dates; the answer is plain dicts and tuples.
"""

from __future__ import annotations

from datetime import date, timedelta


def entry_on(goal, day, entries, today):
    """The goal's entry on `day`, or None (entries after today do not exist)."""
    for entry in entries:
        if entry.goal_id == goal.id and entry.date == day and entry.date <= today:
            return entry
    return None


def start_of(goal, entries, today):
    """Created date, or the earliest entry if that is earlier."""
    start = goal.created_on
    for entry in entries:
        if entry.goal_id == goal.id and entry.date <= today and entry.date < start:
            start = entry.date
    return start


def scheduled(goal, day, entries, today):
    if day < start_of(goal, entries, today):
        return False
    if goal.archived_on is not None and day >= goal.archived_on:
        return False
    return day.isoweekday() in goal.weekdays


def done(goal, day, entries, today):
    entry = entry_on(goal, day, entries, today)
    return entry is not None and not entry.skipped and entry.value >= goal.target


def skipped(goal, day, entries, today):
    entry = entry_on(goal, day, entries, today)
    return entry is not None and entry.skipped


def in_break(day, breaks):
    return any(pause.start <= day <= pause.end for pause in breaks)


def rejections_on(day, rejections, today):
    return len([r for r in rejections if r == day and r <= today])


def shielded(day, rejections, today):
    yesterday = day - timedelta(days=1)
    return rejections_on(day, rejections, today) + rejections_on(yesterday, rejections, today) > 0


def active(day, goals, entries, today):
    return any(done(goal, day, entries, today) for goal in goals)


def restful(day, goals, entries, breaks, today):
    if in_break(day, breaks):
        return True
    planned = [goal for goal in goals if scheduled(goal, day, entries, today)]
    if not planned:
        return True
    return all(skipped(goal, day, entries, today) for goal in planned)


def all_days(goals, entries, today):
    """Every date from the earliest start date to today."""
    if not goals:
        return []
    day = min(start_of(goal, entries, today) for goal in goals)
    days = []
    while day <= today:
        days.append(day)
        day = day + timedelta(days=1)
    return days


def day_walk(goals, entries, rejections, breaks, today):
    """The day streak, step by step as SPEC section 3 words it, plus calendar states."""
    run = best = freezes = comebacks = 0
    credited = [False] * len(rejections)
    comeback_dates = []
    calendar = {}
    for day in all_days(goals, entries, today):
        if active(day, goals, entries, today):
            run = run + 1
            for i, rejection in enumerate(rejections):
                if credited[i] or rejection > today:
                    continue
                if rejection == day or rejection == day - timedelta(days=1):
                    credited[i] = True
                    comebacks = comebacks + 1
                    freezes = min(2, freezes + 1)
                    comeback_dates.append(day)
            state = "active"
        elif restful(day, goals, entries, breaks, today):
            state = "restful"
        elif shielded(day, rejections, today):
            state = "shielded"
        elif day == today:
            state = "open"
        elif freezes > 0:
            freezes = freezes - 1
            state = "frozen"
        else:
            run = 0
            state = "missed"
        best = max(best, run)
        done_ids = tuple(sorted(g.id for g in goals if done(g, day, entries, today)))
        calendar[day] = (state, done_ids, rejections_on(day, rejections, today))
    return (run, best, freezes, comebacks), calendar, comeback_dates


def goal_walk(goal, entries, rejections, breaks, today):
    """Goal streak (no freezes) and strength over the goal's scheduled dates."""
    run = best = 0
    s = 0.0
    m = 0.5 ** (1 / 13)
    for day in all_days([goal], entries, today):
        if not scheduled(goal, day, entries, today):
            continue
        is_done = done(goal, day, entries, today)
        is_skipped = skipped(goal, day, entries, today)
        is_break = in_break(day, breaks)
        is_shielded = shielded(day, rejections, today)
        if is_done:
            run = run + 1
        elif is_skipped or is_break or is_shielded or day == today:
            pass  # passed over, or today still open
        else:
            run = 0
        best = max(best, run)
        if day == today and not is_done:
            continue
        if is_skipped or is_break:
            continue
        entry = entry_on(goal, day, entries, today)
        x = 0 if entry is None else min(1, entry.value / goal.target)
        updated = s * m + (1 - m) * x
        # A shield never lowers strength, but partial progress on it still counts.
        s = max(s, updated) if is_shielded and not is_done else updated
    return (run, best, round(100 * s))


def oracle(goals, entries, rejections, breaks, today: date) -> dict:
    """Everything SPEC section 3 defines, as plain data: day, goals, calendar, comeback dates."""
    day, calendar, comeback_dates = day_walk(goals, entries, rejections, breaks, today)
    return {
        "day": day,
        "goals": {g.id: goal_walk(g, entries, rejections, breaks, today) for g in goals},
        "calendar": calendar,
        "comeback_dates": comeback_dates,
    }
