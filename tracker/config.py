"""Configuration: defaults, then the environment; a bad value stops start-up, naming it."""

from __future__ import annotations

import base64
import os
import re
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

DEFAULT_PUSH_HOSTS = (
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    "push.services.mozilla.com",
    "web.push.apple.com",
    "notify.windows.com",
)
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
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


def trusted_proxies(raw: str) -> int:
    """How many reverse proxies stand in front of the app (0: none, trust no X-Forwarded-*)."""
    value = raw.strip()
    if not (value.isascii() and value.isdigit()) or int(value) > 5:
        raise ConfigError(
            f"TRUSTED_PROXIES must be the number of proxies in front of the app (0-5), not {raw!r}"
        )
    return int(value)


def _log_level(raw: str) -> str:
    value = raw.strip().upper()
    if value not in _LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}, not {raw!r}")
    return value


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _vapid_subject(raw: str) -> str:
    value = raw.strip()
    if not re.fullmatch(r"mailto:[^@\s]+@[^@\s]+|https://[^\s/]+(/\S*)?", value):
        raise ConfigError(f"VAPID_SUBJECT must be a mailto: or https:// address, not {raw!r}")
    return value


def base_url(env: dict[str, str]) -> str:
    """BASE_URL, the public address of the app (in notifications, feeds and emails), without
    a trailing slash: http(s)://host[:port][/path]. The default is the address `make run`
    serves, http://HOST:PORT (127.0.0.1 and 5000 unless set)."""
    default = f"http://{env.get('HOST') or '127.0.0.1'}:{env.get('PORT') or '5000'}"
    value = (env.get("BASE_URL") or default).strip().rstrip("/")
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        raise ConfigError(f"BASE_URL must be an http:// or https:// address, not {value!r}")
    return value


def _vapid_private(raw: str, name: str) -> ec.EllipticCurvePrivateKey:
    """A P-256 private key from PEM or URL-safe base64 of its 32-byte scalar."""
    try:
        if "-----BEGIN" in raw:
            key = serialization.load_pem_private_key(raw.encode(), password=None)
        else:
            text = raw.strip()
            scalar = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            if len(scalar) != 32:
                raise ValueError
            key = ec.derive_private_key(int.from_bytes(scalar, "big"), ec.SECP256R1())
    except (ValueError, TypeError):
        raise ConfigError(f"{name} is not a P-256 private key (PEM or base64url)") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise ConfigError(f"{name} is not a P-256 private key (PEM or base64url)")
    return key


def vapid_keys(instance_path: str, env: dict[str, str]) -> dict[str, str]:
    """VAPID_PRIVATE_KEY (base64url scalar) and VAPID_PUBLIC_KEY (base64url uncompressed point).

    From the environment, or else from instance/vapid_private_key, created on first start
    (atomically: the web workers and the reminder process may start together).
    """
    raw, name = env.get("VAPID_PRIVATE_KEY"), "VAPID_PRIVATE_KEY"
    if not raw:
        if env.get("VAPID_PUBLIC_KEY"):
            raise ConfigError("VAPID_PUBLIC_KEY is set without VAPID_PRIVATE_KEY")
        path = Path(instance_path) / "vapid_private_key"
        raw, name = _stored_vapid_key(path), str(path)
    key = _vapid_private(raw, name)
    private = _b64(key.private_numbers().private_value.to_bytes(32, "big"))
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    public = _b64(point)
    given = env.get("VAPID_PUBLIC_KEY")
    if given and given.strip().rstrip("=") != public:
        raise ConfigError("VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY")
    return {"VAPID_PRIVATE_KEY": private, "VAPID_PUBLIC_KEY": public}


def _stored_vapid_key(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = ec.generate_private_key(ec.SECP256R1())
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(_b64(key.private_numbers().private_value.to_bytes(32, "big")))
        temporary.chmod(0o600)
        try:
            os.link(temporary, path)  # fails if another process created it first
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text()


def from_environment(instance_path: str, env: dict[str, str] | None = None) -> dict[str, object]:
    """Build the settings from the environment (os.environ by default)."""
    env = dict(os.environ if env is None else env)
    url = database_url(env.get("DATABASE_URL"), instance_path)
    settings: dict[str, object] = {
        "SQLALCHEMY_DATABASE_URI": url,
        # A server connection can drop between requests; a SQLite file cannot. Statement
        # parameters (emails, notes) are kept out of error messages, hence out of the logs.
        "SQLALCHEMY_ENGINE_OPTIONS": {
            "pool_pre_ping": url.startswith("postgresql"),
            "hide_parameters": True,
        },
        "REGISTRATION_OPEN": _bool("REGISTRATION_OPEN", env.get("REGISTRATION_OPEN", "true")),
        "SIGNUP_RATE_LIMIT": env.get("SIGNUP_RATE_LIMIT", "20 per hour"),
        # database://: the counts in the app's own database, shared by every process of it.
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "database://"),
        "PUSH_ALLOWED_HOSTS": tuple(
            h.strip().lower()
            for h in env.get("PUSH_ALLOWED_HOSTS", ",".join(DEFAULT_PUSH_HOSTS)).split(",")
            if h.strip()
        ),
        "ASSET_VERSION": env.get("ASSET_VERSION") or None,
        "VAPID_SUBJECT": _vapid_subject(env.get("VAPID_SUBJECT", "mailto:admin@localhost")),
        **vapid_keys(instance_path, env),
        "SESSION_COOKIE_SECURE": _bool(
            "SESSION_COOKIE_SECURE", env.get("SESSION_COOKIE_SECURE", "false")
        ),
        "TRUSTED_PROXIES": trusted_proxies(env.get("TRUSTED_PROXIES", "0")),
        "LOG_LEVEL": _log_level(env.get("LOG_LEVEL", "INFO")),
        "BACKUP_DIR": env.get("BACKUP_DIR") or None,  # default: instance/backups
        "BASE_URL": base_url(env),
    }
    if not _RATE.match(str(settings["SIGNUP_RATE_LIMIT"])):
        raise ConfigError(
            f"SIGNUP_RATE_LIMIT must look like '20 per hour', not {settings['SIGNUP_RATE_LIMIT']!r}"
        )
    storage = str(settings["RATELIMIT_STORAGE_URI"])
    if not storage.startswith(("database://", "memory://", "redis://", "rediss://")):
        raise ConfigError("RATELIMIT_STORAGE_URI must be database://, memory:// or redis://…")
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
    RATELIMIT_KEY_PREFIX = "bio"  # keys in a shared Redis start with it
