"""Progress: the insights page, and the small celebration of a newly earned badge."""

from __future__ import annotations

from flask import Blueprint, render_template, session

from tracker.core.badges import Badge
from tracker.core.labels import WEEKDAY
from tracker.extensions import db
from tracker.services import history as history_service
from tracker.services import insights as service
from tracker.services.history import History
from tracker.web.http.forms import login_required
from tracker.web.http.identity import today_for

bp = Blueprint("insights", __name__)
# The strength chart's drawing box (SVG user units); the SVG stretches it to the card.
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 300, 100, 6
# Badges already shown to this browser, as "kind:threshold", in the signed session cookie.
SEEN_KEY = "badges_seen"


@bp.get("/insights")
@login_required
def index(user):
    today = today_for(user)
    found = service.load_insights(db.session, user, today)
    return render_template(
        "insights/index.html",
        user=user,
        today=today,
        insights=found,
        counters=found.counters,
        funnel=found.funnel,
        strengths=[(s, strength_chart(s.points)) for s in found.strengths],
        weekdays=[(WEEKDAY[w.weekday], w) for w in found.weekdays],
        badges=found.history.badges,
        next_badges=found.next_badges,
        new_badges=new_badges(found.history),
    )


def strength_chart(points: list) -> dict:
    """SVG coordinates for a line of (date, strength 0-100) points, oldest first.

    x spreads the points evenly over CHART_WIDTH; y puts 100 at the top, inside CHART_PAD.
    One point has no line to draw (`line` is empty).
    """
    usable = CHART_HEIGHT - 2 * CHART_PAD
    n = len(points)
    coords = [
        (
            round(CHART_WIDTH * i / (n - 1), 1) if n > 1 else CHART_WIDTH,
            round(CHART_PAD + usable * (100 - strength) / 100, 1),
        )
        for i, (_, strength) in enumerate(points)
    ]
    line = " ".join(f"{x},{y}" for x, y in coords) if n > 1 else ""
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "line": line,
        "area": f"0,{CHART_HEIGHT} {line} {CHART_WIDTH},{CHART_HEIGHT}" if line else "",
        "last": coords[-1] if coords else None,
        "grid": [round(CHART_PAD + usable * (100 - level) / 100, 1) for level in (100, 50, 0)],
    }


def _key(badge: Badge) -> str:
    return f"{badge.kind}:{badge.threshold}"


def new_badges(data: History) -> list[Badge]:
    """Badges earned since this browser last saw the list, and mark them seen.

    "Seen" lives in the signed session cookie (no table): the first page after signing in
    only takes note of what is already earned, so a new device is not showered with old
    news; after that, each badge is celebrated once, on the next page that asks.
    """
    earned = [_key(badge) for badge in data.badges]
    seen = session.get(SEEN_KEY)
    if not isinstance(seen, list):
        session[SEEN_KEY] = earned
        return []
    fresh = [badge for badge in data.badges if _key(badge) not in seen]
    if fresh:
        session[SEEN_KEY] = sorted(set(seen).union(earned))
    return fresh


def badge_news(user) -> list[Badge]:
    """New badges for a page that does not load the history itself."""
    return new_badges(history_service.load_history(db.session, user, today_for(user)))
