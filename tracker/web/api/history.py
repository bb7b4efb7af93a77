"""Today, streaks and the calendar."""

from __future__ import annotations

from tracker.extensions import db
from tracker.services import history
from tracker.web.api import bp
from tracker.web.api.goals import entry_out
from tracker.web.api.registry import DATE_RANGE, operation, parse_range
from tracker.web.http.identity import today_for
from tracker.web.schemas import CalendarDay, StreaksOut, TodayOut

CALENDAR_DAYS = 84  # without `from`: the twelve weeks ending with `to`


@operation(bp, "GET", "/today", summary="Today's goals and the day streak", response=TodayOut)
def today(user):
    day = today_for(user)
    data = history.load_history(db.session, user, day)
    return {
        "date": day,
        "goals": [
            {"goal": goal, "entry": entry and entry_out(entry, goal.target), "done": done}
            for goal, entry, done in history.today_items(db.session, user, data, day)
        ],
        "streak": history.day_streak_dict(data),
    }


@operation(
    bp, "GET", "/streaks", summary="Day streak, goal streaks and badges", response=StreaksOut
)
def streaks(user):
    data = history.load_history(db.session, user, today_for(user))
    return {
        "day": history.day_streak_dict(data),
        "goals": history.goal_streaks(data),
        "badges": history.badge_dicts(data),
    }


@operation(
    bp,
    "GET",
    "/calendar",
    summary="The state of each date",
    response=list[CalendarDay],
    query=DATE_RANGE,
)
def calendar(user):
    day = today_for(user)
    start, end = parse_range(day, recent_days=CALENDAR_DAYS)
    return history.calendar(history.load_history(db.session, user, day), start, end)
