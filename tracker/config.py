"""Configuration: defaults, then the environment; a bad value stops start-up, naming it."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

DEFAULT_PUSH_HOSTS = (
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    "push.services.mozilla.com",
    "web.push.apple.com",
    "notify.windows.com",
)
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_RATE = re.compile(r"^\s*\d+\s*(/|per)\s*(\d+\s*)?(second|minute|hour|day|month|year)s?\s*$", re.I)


class ConfigError(RuntimeError):
    """Raised at start-up when a setting is missing or malformed."""


def _bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def database_url(raw: str | None, instance_path: str) -> str:
    """Normalise DATABASE_URL; the default is SQLite in the instance folder."""
    if not raw:
        return "sqlite:///" + str(Path(instance_path) / "tracker.sqlite3")
    url = raw.strip()
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if url.startswith(("sqlite://", "postgresql+psycopg://")):
        return url
    raise ConfigError(
        "DATABASE_URL must start with sqlite:// or postgresql+psycopg:// "
        f"(got {url.split(':', 1)[0]!r})"
    )


def _secret_key(instance_path: str) -> str:
    """Read the secret key kept in the instance folder, creating it on first start."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        key = path.read_text().strip()
        if len(key) >= 32:
            return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def from_environment(instance_path: str, env: dict[str, str] | None = None) -> dict[str, object]:
    """Build the settings from the environment (os.environ by default)."""
    env = dict(os.environ if env is None else env)
    url = database_url(env.get("DATABASE_URL"), instance_path)
    settings: dict[str, object] = {
        "SQLALCHEMY_DATABASE_URI": url,
        # A server connection can drop between requests; a SQLite file cannot.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": url.startswith("postgresql")},
        "REGISTRATION_OPEN": _bool("REGISTRATION_OPEN", env.get("REGISTRATION_OPEN", "true")),
        "SIGNUP_RATE_LIMIT": env.get("SIGNUP_RATE_LIMIT", "20 per hour"),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        "PUSH_ALLOWED_HOSTS": tuple(
            h.strip().lower()
            for h in env.get("PUSH_ALLOWED_HOSTS", ",".join(DEFAULT_PUSH_HOSTS)).split(",")
            if h.strip()
        ),
        "ASSET_VERSION": env.get("ASSET_VERSION") or None,
        "VAPID_SUBJECT": env.get("VAPID_SUBJECT", "mailto:admin@localhost"),
        "VAPID_PRIVATE_KEY": env.get("VAPID_PRIVATE_KEY"),
        "VAPID_PUBLIC_KEY": env.get("VAPID_PUBLIC_KEY"),
        "SESSION_COOKIE_SECURE": _bool(
            "SESSION_COOKIE_SECURE", env.get("SESSION_COOKIE_SECURE", "false")
        ),
    }
    if not _RATE.match(str(settings["SIGNUP_RATE_LIMIT"])):
        raise ConfigError(
            f"SIGNUP_RATE_LIMIT must look like '20 per hour', not {settings['SIGNUP_RATE_LIMIT']!r}"
        )
    storage = str(settings["RATELIMIT_STORAGE_URI"])
    if not storage.startswith(("memory://", "redis://", "rediss://")):
        raise ConfigError("RATELIMIT_STORAGE_URI must be memory:// or redis://…")
    key = env.get("SECRET_KEY")
    if key is not None and len(key) < 16:
        raise ConfigError("SECRET_KEY is set but shorter than 16 characters")
    settings["SECRET_KEY"] = key or _secret_key(instance_path)
    return settings


class Defaults:
    """Settings that do not come from the environment."""

    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_NAME = "bio_session"
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 90
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_SSL_STRICT = False
