"""Bring It On: the application factory."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints and commands; no logic here."""
    instance = os.environ.get("INSTANCE_PATH") or str(ROOT / "instance")
    app = Flask(
        __name__,
        instance_path=instance,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    from tracker import config

    app.json.sort_keys = False  # keep fields in the documented order

    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_object(config.Defaults)
    app.config.update(config.from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)

    from tracker import logs

    logs.configure(str(app.config.get("LOG_LEVEL", "INFO")))

    from tracker.extensions import csrf, db, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)

    from tracker.web.forms import IdConverter

    app.url_map.converters["id"] = IdConverter  # <id:…>: a page's id, at most 2**31 - 1
    from tracker.web import api, auth, compression, errors, goals, history, pwa, security, today

    for blueprint in (auth.bp, today.bp, goals.bp, history.bp, pwa.bp, api.bp):
        app.register_blueprint(blueprint)
    from tracker.web import (
        insights,
        journal,
        journal_applications,
        journal_practice,
        journal_reflections,
    )

    for blueprint in (
        journal.bp,
        journal_applications.bp,
        journal_practice.bp,
        journal_reflections.bp,
        insights.bp,
    ):
        app.register_blueprint(blueprint)
    csrf.exempt(api.bp)
    from tracker.web import health, onboarding, ratelimit, requestlog, settings

    app.register_blueprint(onboarding.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(settings.bp)
    from tracker.web import reminders as reminder_settings

    app.register_blueprint(reminder_settings.bp)
    from tracker.web import data, undo

    app.register_blueprint(data.bp)
    app.register_blueprint(undo.bp)
    undo.register_template_globals(app)
    requestlog.register(app)
    errors.register(app)
    security.register(app)
    compression.register(app)
    pwa.register_template_globals(app)

    ratelimit.register(app)  # after every blueprint: it wraps the views marked for limits

    from tracker import cli

    cli.register(app)
    return app
