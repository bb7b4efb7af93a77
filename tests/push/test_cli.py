"""`flask vapid show`, `flask reminders sweep`, and VAPID settings that stop start-up."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tracker import config


def invoke(app, *args: str):
    return app.test_cli_runner().invoke(args=list(args))


def test_vapid_show_prints_the_public_key_and_subject_never_the_private_key(app):
    result = invoke(app, "vapid", "show")
    assert result.exit_code == 0, result.output
    assert f"public key: {app.config['VAPID_PUBLIC_KEY']}" in result.output
    assert "subject: mailto:admin@localhost" in result.output
    assert app.config["VAPID_PRIVATE_KEY"] not in result.output


def test_sweep_at_an_instant_prints_a_json_summary(app, api, device, push_service):
    device(api)
    result = invoke(app, "reminders", "sweep", "--now", "2026-03-19T09:00:05+01:00")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["now"] == "2026-03-19T08:00:05Z"
    assert summary["rules"] == {"rules": 3, "moved": 0, "lost": 0}
    assert summary["slots"]["queued"] == 1 and summary["slots"]["stale"] == 1
    assert summary["slots"]["quiet"]["no_rejection"] == 1
    assert summary["messages"]["queued"] == 1 and summary["messages"]["delivered"] == 1
    assert set(summary["seconds"]) >= {"claim", "send", "total"}
    assert len(push_service.received) == 1


def test_sweep_without_now_uses_the_clock(app, now):
    now.value = datetime(2026, 3, 19, 8, tzinfo=UTC)
    result = invoke(app, "reminders", "sweep")
    assert json.loads(result.output)["now"] == "2026-03-19T08:00:00Z"


def test_a_naive_instant_is_read_as_utc(app):
    result = invoke(app, "reminders", "sweep", "--now", "2026-03-19T08:00:00")
    assert json.loads(result.output)["now"] == "2026-03-19T08:00:00Z"


@pytest.mark.parametrize("raw", ["tomorrow", "2026-13-01T00:00:00Z", "", "1773792000"])
def test_a_malformed_instant_is_refused(app, raw):
    result = invoke(app, "reminders", "sweep", "--now", raw)
    assert result.exit_code == 2
    assert "--now" in result.output


KEY = "B" * 43


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"VAPID_PRIVATE_KEY": "not a key"}, "VAPID_PRIVATE_KEY"),
        ({"VAPID_PRIVATE_KEY": "AAAA"}, "VAPID_PRIVATE_KEY"),
        ({"VAPID_PRIVATE_KEY": "A" * 43}, "VAPID_PRIVATE_KEY"),  # zero is no key
        ({"VAPID_PRIVATE_KEY": "-----BEGIN PRIVATE KEY-----\nx\n-----END"}, "VAPID_PRIVATE_KEY"),
        ({"VAPID_PUBLIC_KEY": KEY}, "VAPID_PUBLIC_KEY"),
        ({"VAPID_PRIVATE_KEY": KEY, "VAPID_PUBLIC_KEY": "BAAA"}, "VAPID_PUBLIC_KEY"),
        ({"VAPID_SUBJECT": "admin@example.com"}, "VAPID_SUBJECT"),
        ({"VAPID_SUBJECT": "http://example.com"}, "VAPID_SUBJECT"),
    ],
)
def test_malformed_vapid_settings_stop_start_up_naming_the_setting(tmp_path, env, name):
    with pytest.raises(config.ConfigError, match=name):
        config.from_environment(str(tmp_path), env)


def test_vapid_keys_are_made_once_and_kept_in_the_instance_folder(tmp_path):
    first = config.from_environment(str(tmp_path), {})
    again = config.from_environment(str(tmp_path), {})
    assert first["VAPID_PUBLIC_KEY"] == again["VAPID_PUBLIC_KEY"]
    assert (tmp_path / "vapid_private_key").stat().st_mode & 0o777 == 0o600


def test_vapid_keys_from_the_environment_win(tmp_path):
    made = config.from_environment(str(tmp_path / "a"), {})
    env = {
        "VAPID_PRIVATE_KEY": made["VAPID_PRIVATE_KEY"],
        "VAPID_PUBLIC_KEY": made["VAPID_PUBLIC_KEY"],
        "VAPID_SUBJECT": "https://bring-it-on.example",
    }
    settings = config.from_environment(str(tmp_path / "b"), env)
    assert settings["VAPID_PUBLIC_KEY"] == made["VAPID_PUBLIC_KEY"]
    assert settings["VAPID_SUBJECT"] == "https://bring-it-on.example"
    assert not (tmp_path / "b" / "vapid_private_key").exists()


def test_a_pem_private_key_is_accepted(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    settings = config.from_environment(str(tmp_path), {"VAPID_PRIVATE_KEY": pem})
    assert len(settings["VAPID_PRIVATE_KEY"]) == 43


def test_the_reminder_process_sweeps_every_minute_never_two_at_once(app):
    import threading

    from tracker import scheduler

    jobs = scheduler.make_scheduler(app, threading.Event(), threading.Lock()).get_jobs()
    sweep = next(job for job in jobs if job.id == "reminders-sweep")
    assert sweep.trigger.interval.total_seconds() == 60
    assert sweep.coalesce is True and sweep.max_instances == 1


def test_the_reminder_process_trims_what_was_sent_once_a_day(app):
    import threading

    from tracker import scheduler

    jobs = scheduler.make_scheduler(app, threading.Event(), threading.Lock()).get_jobs()
    trim = next(job for job in jobs if job.id == "push-history")
    assert str(trim.trigger) == "cron[hour='3', minute='47']"
    trim.func(*trim.args)  # runs on its own, outside any request (nothing to trim yet)
