"""Rate limits of SPEC 6, with Flask-Limiter: failed password checks per account and per client
address, and account creation per address.

Each app gets its own `Limiter` (`init_app`), kept in `app.extensions`: Flask-Limiter keeps
one storage (and key prefix) per `Limiter` object and a second `init_app` replaces it, so one
limiter shared by the several apps the tests build in one process would count for all of
them (or, after an app with an unreachable Redis, for none). The three decorators are plain
`functools.wraps` wrappers that call the view through the calling app's shared limits
(`limiter.shared_limit` decorating a function that is not a route, as Flask-Limiter
documents: called in a request, it is limited).

The counts live where RATELIMIT_STORAGE_URI says: by default `database://`, the app's own
database (`limits_storage`), which every worker process of the server shares; `redis://` for
several servers; `memory://` for one process alone.

A wrong password is counted only when the view says so (`password_failed()`, read by
`deduct_when`): successful sign-ins cost nothing.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from flask import Flask, current_app, g, render_template, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded

from tracker.extensions import db
from tracker.models import User
from tracker.services.accounts import WrongPassword, user_for_token
from tracker.services.accounts import confirm_password as _confirm
from tracker.web.http import limits_storage
from tracker.web.http.errors import error_response
from tracker.web.http.identity import session_user

FAILED_PER_ACCOUNT = "10 per minute"
FAILED_PER_ADDRESS = "100 per minute"
SIGN_UP = "sign-up"
_EXTENSION = "tracker.limits"
_WRITES = ["POST", "PUT", "PATCH", "DELETE"]
log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Limits:
    """One app's limiter, and the views of each kind called through its shared limits."""

    limiter: Limiter
    sign_in: Callable[..., Any]
    password_check: Callable[..., Any]
    sign_up: Callable[..., Any]


# What the limits decorate, one function per kind: Flask-Limiter files a decorated limit under
# the decorated function's qualified name, so each kind needs a name of its own.
def _signing_in(view: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    return view(*args, **kwargs)


def _checking_password(view: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    return view(*args, **kwargs)


def _signing_up(view: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    return view(*args, **kwargs)


def init_app(app: Flask) -> None:
    """Give `app` its own limiter (storage per RATELIMIT_STORAGE_URI) and the 429 answer."""
    limiter = Limiter(
        key_func=client_address,
        app=app,
        # Exact: 10 failures in any 60 seconds, not 10 per clock minute (which allows 20 in 2 s).
        strategy="moving-window",
        headers_enabled=False,
        # A storage outage (database or Redis down) must not stop people signing in: fail
        # open, logged.
        swallow_errors=True,
        storage_uri=_storage_uri(app),
        storage_options=_storage_options(app),
    )
    failed = {"deduct_when": _counts, "methods": _WRITES}
    by_address = limiter.shared_limit(FAILED_PER_ADDRESS, "failed-password-address", **failed)
    by_account = "failed-password-account"  # a sign-in and a password check share the count
    by_claimed = limiter.shared_limit(
        FAILED_PER_ACCOUNT, by_account, key_func=account_key, **failed
    )
    by_caller = limiter.shared_limit(
        FAILED_PER_ACCOUNT, by_account, key_func=signed_in_key, **failed
    )
    sign_ups = limiter.shared_limit(_sign_up_rate, SIGN_UP, methods=_WRITES)
    app.extensions[_EXTENSION] = Limits(
        limiter=limiter,
        sign_in=by_claimed(by_address(_signing_in)),
        password_check=by_caller(by_address(_checking_password)),
        sign_up=sign_ups(_signing_up),
    )
    # Only the decorated views have limits: every other request is exempt before the limiter
    # resolves any (its documented request filter; a decorated view marks its request).
    limiter.request_filter(_no_limited_view)
    app.register_error_handler(RateLimitExceeded, too_many)
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)  # its lines name the key


def _storage_uri(app: Flask) -> str:
    """RATELIMIT_STORAGE_URI; `database://` (the default) on an in-memory SQLite database,
    which no other process can see, is plain memory."""
    uri = str(app.config.get("RATELIMIT_STORAGE_URI") or limits_storage.SCHEME + "://")
    if uri.startswith(limits_storage.SCHEME + ":"):
        with app.app_context():
            url = db.engine.url
        if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
            return "memory://"
    return uri


def _storage_options(app: Flask) -> dict[str, object]:
    uri = _storage_uri(app)
    if uri.startswith(limits_storage.SCHEME + ":"):
        with app.app_context():
            return {"engine": db.engine}  # the app's own pool and SQLite pragmas
    if uri.startswith(("redis:", "rediss:")):
        return {"socket_connect_timeout": 2, "socket_timeout": 2}
    return {}


def _sign_up_rate() -> str:
    return current_app.config["SIGNUP_RATE_LIMIT"]  # read per request: tests change it


def _limits() -> Limits:
    return current_app.extensions[_EXTENSION]


def _no_limited_view() -> bool:
    return not g.get("limited_view")


def _through(kind: str, view: Callable[P, R]) -> Callable[P, R]:
    """`view`, marked as limited and called through the calling app's limits of `kind` (a
    field of Limits)."""

    @functools.wraps(view)
    def limited(*args: P.args, **kwargs: P.kwargs) -> R:
        g.limited_view = True
        return getattr(_limits(), kind)(view, *args, **kwargs)

    return limited


def sign_in_attempt(view: Callable[P, R]) -> Callable[P, R]:
    """A view that signs someone in with an email and a password from the request."""
    return _through("sign_in", view)


def password_check(view: Callable[P, R]) -> Callable[P, R]:
    """A view that asks the signed-in user for their password again (change it, delete the
    account): its failures count with the failed sign-ins of that account."""
    return _through("password_check", view)


def sign_up(view: Callable[P, R]) -> Callable[P, R]:
    """A view that creates an account: SIGNUP_RATE_LIMIT per client address."""
    return _through("sign_up", view)


def password_failed() -> None:
    """Count this request as a failed sign-in (the password did not match)."""
    g.password_failed = True


def confirm_password(user: User, password: str) -> None:
    """Check the signed-in user's password; a wrong one counts as a failed sign-in."""
    try:
        _confirm(user, password)
    except WrongPassword:
        password_failed()
        raise


def client_address() -> str:
    """The caller's address: REMOTE_ADDR, rewritten from X-Forwarded-For only behind a proxy
    the configuration trusts (TRUSTED_PROXIES)."""
    return request.remote_addr or "unknown"


def _digest(email: str) -> str:
    """The account a password was tried on, as a digest (emails never reach the storage)."""
    if not email:
        return "account:none"
    return "account:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def account_key() -> str:
    """The account a sign-in names (form field or JSON body `email`), as a digest."""
    if request.is_json:
        body = request.get_json(silent=True)
        email = body.get("email") if isinstance(body, dict) else None
    else:
        email = request.form.get("email")
    return _digest(email.strip().lower()[:254] if isinstance(email, str) else "")


def signed_in_key() -> str:
    """The account of the caller (bearer token or session cookie), as a digest."""
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if header and scheme.lower() == "bearer" and raw.strip() and "\x00" not in raw:
        user = user_for_token(db.session, raw.strip())
    else:
        user = None if header else session_user()
    return _digest(user.email.strip().lower() if user is not None else "")


def _counts(_response) -> bool:
    return bool(g.get("password_failed"))


def reset(app: Flask) -> None:
    """Forget every count (the tests start each case afresh)."""
    app.extensions[_EXTENSION].limiter.reset()


def _wait_seconds() -> int:
    current = _limits().limiter.current_limit
    if current is None:
        return 60
    return max(1, math.ceil(current.window[0] - time.time()))  # (reset time, remaining)


def _in_words(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds" if seconds != 1 else "a second"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minutes"


def too_many(error: RateLimitExceeded):
    """429 with Retry-After: JSON on the API, the same form again with a message on pages."""
    wait = _wait_seconds()
    signing_up = error.limit.scope == SIGN_UP
    log.warning("rate limit reached", extra={"limit": error.limit.scope or "other"})
    if signing_up:
        message = (
            f"Too many new accounts from this network just now. Try again in {_in_words(wait)}."
        )
    else:
        message = f"Too many wrong passwords in a row. Wait {_in_words(wait)} and try again."
    if request.path.startswith("/api/"):
        response, status = error_response(429, message, "rate_limited")
    else:
        response, status = _page(message)
    response = current_app.make_response((response, status))
    response.headers["Retry-After"] = str(wait)
    return response


def _page(message: str):
    if request.endpoint == "auth.login":
        email = (request.form.get("email") or "").strip()[:254]
        page = render_template(
            "auth/login.html",
            email=email,
            errors={"password": message},
            next=request.args.get("next", ""),
        )
    elif request.endpoint == "auth.signup":
        values = {k: request.form.get(k, "") for k in ("email", "timezone")}
        page = render_template(
            "auth/signup.html",
            values=values,
            errors={},
            notice=message,
            registration_open=current_app.config["REGISTRATION_OPEN"],
        )
    else:
        user = session_user()
        page = render_template("error.html", status=429, message=message, user=user)
    return page, 429
