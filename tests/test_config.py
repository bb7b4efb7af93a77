"""Configuration from the environment: sensible defaults, and a clear stop on a bad value."""

from __future__ import annotations

import pytest

from tracker.config import ConfigError, from_environment


def test_defaults_need_nothing_set(tmp_path):
    settings = from_environment(str(tmp_path), env={})
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/tracker.sqlite3"
    assert settings["REGISTRATION_OPEN"] is True
    assert settings["SIGNUP_RATE_LIMIT"] == "20 per hour"
    assert settings["RATELIMIT_STORAGE_URI"] == "database://"
    assert "fcm.googleapis.com" in settings["PUSH_ALLOWED_HOSTS"]


def test_secret_key_is_made_once_and_kept(tmp_path):
    first = from_environment(str(tmp_path), env={})["SECRET_KEY"]
    second = from_environment(str(tmp_path), env={})["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_secret_key_from_the_environment_wins(tmp_path):
    settings = from_environment(str(tmp_path), env={"SECRET_KEY": "x" * 40})
    assert settings["SECRET_KEY"] == "x" * 40


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////var/lib/bio.sqlite3", "sqlite:////var/lib/bio.sqlite3"),
    ],
)
def test_database_urls_are_normalised(tmp_path, raw, expected):
    assert (
        from_environment(str(tmp_path), env={"DATABASE_URL": raw})["SQLALCHEMY_DATABASE_URI"]
        == expected
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DATABASE_URL", "mysql://root@localhost/x"),
        ("DATABASE_URL", "nonsense"),
        ("REGISTRATION_OPEN", "maybe"),
        ("SIGNUP_RATE_LIMIT", "lots"),
        ("RATELIMIT_STORAGE_URI", "memcached://x"),
        ("SECRET_KEY", "short"),
        ("SESSION_COOKIE_SECURE", "perhaps"),
        ("TRUSTED_PROXIES", "yes"),
        ("TRUSTED_PROXIES", "-1"),
        ("TRUSTED_PROXIES", "6"),
        ("TRUSTED_PROXIES", "²"),
        ("TRUSTED_PROXIES", "10.0.0.1"),
        ("LOG_LEVEL", "chatty"),
        ("BASE_URL", "ftp://example.com"),
        ("BASE_URL", "example.com"),
        ("BASE_URL", "https://"),
        ("BASE_URL", "https://example.com/a b"),
        ("BASE_URL", "https://example.com/?next=/"),
    ],
)
def test_a_bad_value_stops_start_up_with_its_name(tmp_path, name, value):
    with pytest.raises(ConfigError, match=name):
        from_environment(str(tmp_path), env={name: value})


@pytest.mark.parametrize("raw", ["false", "0", "no", "OFF"])
def test_registration_can_be_closed(tmp_path, raw):
    assert (
        from_environment(str(tmp_path), env={"REGISTRATION_OPEN": raw})["REGISTRATION_OPEN"]
        is False
    )


def test_push_hosts_are_a_comma_list(tmp_path):
    settings = from_environment(
        str(tmp_path), env={"PUSH_ALLOWED_HOSTS": " a.example, 127.0.0.1 ,"}
    )
    assert settings["PUSH_ALLOWED_HOSTS"] == ("a.example", "127.0.0.1")


def test_asset_version_can_be_pinned(tmp_path):
    assert from_environment(str(tmp_path), env={})["ASSET_VERSION"] is None
    assert from_environment(str(tmp_path), env={"ASSET_VERSION": "v7"})["ASSET_VERSION"] == "v7"


def test_proxies_are_not_trusted_unless_configured(tmp_path):
    assert from_environment(str(tmp_path), env={})["TRUSTED_PROXIES"] == 0
    assert from_environment(str(tmp_path), env={"TRUSTED_PROXIES": " 2 "})["TRUSTED_PROXIES"] == 2


def test_log_level_defaults_to_info(tmp_path):
    assert from_environment(str(tmp_path), env={})["LOG_LEVEL"] == "INFO"
    assert from_environment(str(tmp_path), env={"LOG_LEVEL": "debug"})["LOG_LEVEL"] == "DEBUG"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "http://127.0.0.1:5000"),  # what `make run` serves
        ({"HOST": "0.0.0.0", "PORT": "8000"}, "http://0.0.0.0:8000"),
        ({"BASE_URL": "https://bring.example.org/"}, "https://bring.example.org"),
        ({"BASE_URL": "https://example.org/app", "PORT": "8000"}, "https://example.org/app"),
    ],
)
def test_the_public_address_defaults_to_where_make_run_serves(tmp_path, env, expected):
    assert from_environment(str(tmp_path), env=env)["BASE_URL"] == expected
