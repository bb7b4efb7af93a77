"""The server-rendered pages, one module or package per part of the site."""

from __future__ import annotations

from flask import Flask

from tracker.core import limits
from tracker.core.labels import LABELS
from tracker.web.pages import (
    auth,
    goals,
    health,
    history,
    insights,
    onboarding,
    password_reset,
    pwa,
    share,
    today,
    undo,
)
from tracker.web.pages.feeds import bp as feeds_bp
from tracker.web.pages.journal import applications, overview, practice, reflections, rejections
from tracker.web.pages.settings import account, calendar, data, reminders

BLUEPRINTS = (
    auth.bp,
    password_reset.bp,
    onboarding.bp,
    today.bp,
    goals.bp,
    history.bp,
    insights.bp,
    overview.bp,
    rejections.bp,
    applications.bp,
    share.bp,
    practice.bp,
    reflections.bp,
    account.bp,
    reminders.bp,
    data.bp,
    calendar.bp,
    undo.bp,
    pwa.bp,
    health.bp,
    feeds_bp,
)


def init_app(app: Flask) -> None:
    """Register every page, and the values each template can read."""
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.add_template_global(LABELS, "labels")  # every vocabulary's words, by code
    app.add_template_global(limits, "limits")  # the product's limits (maxlength, max, ...)
    pwa.register_template_globals(app)
    undo.register_template_globals(app)
