"""Flask commands (`flask --app tracker …`) beyond Flask-Migrate's `db`."""

from __future__ import annotations

import click
from flask import Flask


def register(app: Flask) -> None:
    @app.cli.command("check-config")
    def check_config() -> None:
        """Print where the database is (the secret is never printed)."""
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        click.echo(f"database: {url.split('@')[-1]}")
