"""Flask commands (`flask --app tracker …`) beyond Flask-Migrate's `db`."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from tracker import clock, queries
from tracker.core.days import as_utc
from tracker.extensions import db
from tracker.services import password_reset


def init_app(app: Flask) -> None:
    @app.cli.command("check-config")
    def check_config() -> None:
        """Print where the database is (the secret is never printed)."""
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        click.echo(f"database: {url.split('@')[-1]}")

    register_push(app)
    register_backup(app)
    register_users(app)


def register_users(app: Flask) -> None:
    """`users reset-link EMAIL`: a password reset link, for servers without email."""
    users = AppGroup("users", help="The accounts of this server.")

    @users.command("reset-link")
    @click.argument("email")
    def reset_link(email: str) -> None:
        """Print a link that lets the account with EMAIL set a new password (for an hour)."""
        user = queries.user_by_email(db.session, email)
        if user is None:
            raise click.ClickException(f"No account uses {email.strip().lower()}.")
        token = password_reset.reset_token(user, app.config["SECRET_KEY"], clock.now_utc())
        click.echo(f"{app.config['BASE_URL']}/reset/{token}")
        click.echo("It works once, for one hour, and signs that account out everywhere.", err=True)

    app.cli.add_command(users)


def _instant(raw: str | None) -> datetime:
    if raw is None:
        return clock.now_utc()
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            "use ISO 8601, e.g. 2027-03-14T07:00:00Z", param_hint="--now"
        ) from None
    return as_utc(value)


def register_push(app: Flask) -> None:
    """`vapid show`, `reminders run` and `reminders sweep`."""
    vapid = AppGroup("vapid", help="The server's Web Push (VAPID) identity.")
    reminders = AppGroup("reminders", help="The reminder process.")

    @vapid.command("show")
    def vapid_show() -> None:
        """Print the VAPID public key and subject (never the private key)."""
        click.echo(f"public key: {app.config['VAPID_PUBLIC_KEY']}")
        click.echo(f"subject: {app.config['VAPID_SUBJECT']}")

    @reminders.command("run")
    def reminders_run() -> None:
        """Run the reminder scheduler (a sweep every minute) until SIGTERM or SIGINT."""
        from tracker import scheduler  # only this process loads APScheduler

        scheduler.run(app)

    @reminders.command("sweep")
    @click.option("--now", "now", help="The instant to sweep at (ISO 8601); default: now.")
    def reminders_sweep(now: str | None) -> None:
        """Run one sweep and print its JSON summary."""
        from tracker import scheduler

        click.echo(json.dumps(scheduler.sweep(app, _instant(now))))

    app.cli.add_command(vapid)
    app.cli.add_command(reminders)


def register_backup(app: Flask) -> None:
    """`backup`: a consistent copy of the live database (docs/export.md)."""

    @app.cli.command("backup")
    @click.option("--dir", "directory", type=click.Path(file_okay=False), help="Where to put it.")
    @click.option("--keep", type=click.IntRange(min=1), help="Then keep only the newest N.")
    def backup_command(directory: str | None, keep: int | None) -> None:
        """Back up the database: SQLite's online backup, or pg_dump for PostgreSQL."""
        from tracker import backup

        target = backup.directory_of(app.config, app.instance_path)
        if directory:
            target = Path(directory)
        try:
            path = backup.backup(app.config["SQLALCHEMY_DATABASE_URI"], target, clock.now_utc())
        except backup.BackupError as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"backup: {path}")
        if keep is not None:
            for old in backup.prune(target, keep):
                click.echo(f"removed: {old}")
