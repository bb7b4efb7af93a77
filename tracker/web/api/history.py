"""Today, streaks and the calendar."""

from __future__ import annotations

from tracker.extensions import db
from tracker.services import history
from tracker.web.api import bp
from tracker.web.api.answers import QUERY, SIGNED_IN, json_answer
from tracker.web.api.goals import entry_out
from tracker.web.api.hooks import caller
from tracker.web.api.ranges import date_range
from tracker.web.http.identity import today_for
from tracker.web.schemas import StreaksOut, TodayOut
from tracker.web.schemas.lists import CalendarList
from tracker.web.schemas.queries import DateRange

CALENDAR_DAYS = 84  # without `from`: the twelve weeks ending with `to`


@bp.get("/today", responses={200: TodayOut, **SIGNED_IN})
def today():
    """Today's goals and the day streak"""
    user = caller()
    day = today_for(user)
    goals, items = history.goals_on(db.session, user, day)
    data = history.load_history(db.session, user, day, badges=False, goals=goals)  # none shown
    goals = [
        {"goal": goal, "entry": entry and entry_out(entry, goal.target), "done": done}
        for goal, entry, done in items
    ]
    return json_answer(TodayOut, {"date": day, "goals": goals, "streak": data.result.day})


@bp.get("/streaks", responses={200: StreaksOut, **SIGNED_IN})
def streaks():
    """Day streak, goal streaks and badges"""
    user = caller()
    data = history.load_history(db.session, user, today_for(user))
    found = {"day": data.result.day, "goals": data.result.goals, "badges": data.badges}
    return json_answer(StreaksOut, found)


@bp.get("/calendar", responses={200: CalendarList, **SIGNED_IN, **QUERY})
def calendar(query: DateRange):
    """The state of each date"""
    user = caller()
    day = today_for(user)
    start, end = date_range(query, day, recent_days=CALENDAR_DAYS)
    data = history.load_history(db.session, user, day, calendar_from=start)
    return json_answer(CalendarList, history.calendar_days(data, start, end))
