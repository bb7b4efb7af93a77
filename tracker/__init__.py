"""Bring It On: the application factory."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from flask_openapi3 import OpenAPI

from tracker import cli, config, logs, web
from tracker.extensions import csrf, db, migrate
from tracker.web.api.validation import APP_OPTIONS

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, the web layer and commands; no logic here."""
    # flask-openapi3's app: the API's routes declare their models, and it writes the document.
    app = OpenAPI(
        __name__,
        **APP_OPTIONS,
        instance_path=os.environ.get("INSTANCE_PATH") or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.json.sort_keys = False  # keep fields in the documented order
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_object(config.Defaults)
    app.config.update(config.from_environment(app.instance_path))
    app.config.update(test_config or {})
    logs.configure(str(app.config.get("LOG_LEVEL", "INFO")))

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    web.init_app(app)
    cli.init_app(app)
    return app
