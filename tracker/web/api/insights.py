"""Insights: what the insights page shows, as JSON."""

from __future__ import annotations

from tracker.core.insights import REJECTIONS_GOAL
from tracker.extensions import db
from tracker.services import insights as service
from tracker.web.api import bp
from tracker.web.api.answers import SIGNED_IN, json_answer
from tracker.web.api.hooks import caller
from tracker.web.http.identity import today_for
from tracker.web.schemas.insights import InsightsOut


@bp.get("/insights", responses={200: InsightsOut, **SIGNED_IN})
def insights():
    """Lifetime counters, the application funnel, strength over time, weekday pattern"""
    user = caller()
    found = service.load_insights(db.session, user, today_for(user))
    c = found.counters
    return json_answer(
        InsightsOut,
        {
            "date": found.today,
            "counters": {
                "applications": c.applications,
                "rejections": c.rejections,
                "rejections_goal": REJECTIONS_GOAL,
                "comebacks": c.comebacks,
                "practice_sessions": c.practice_sessions,
                "reflections": c.reflections,
            },
            "funnel": found.funnel,
            "strength": [
                {
                    "goal_id": s.goal.id,
                    "category": s.goal.category,
                    "title": s.goal.title,
                    "strength": s.strength,
                    "points": [{"date": day, "strength": value} for day, value in s.points],
                }
                for s in found.strengths
            ],
            "weekdays": found.weekdays,
            "next_badges": found.next_badges,
        },
    )
