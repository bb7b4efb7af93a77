"""Rate limits of SPEC 6, with Flask-Limiter: failed password checks per account and per client
address, and account creation per address.

Views say what they are with a marker (`@sign_in_attempt`, `@password_check`, `@sign_up`);
`register` wraps the marked views of each app with that app's own limiter, so two apps in one
process (the tests build several) never share a storage. A wrong password is counted only when
the view says so (`password_failed()`): successful sign-ins cost nothing.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import time
from collections.abc import Callable

from flask import Flask, current_app, g, render_template, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded

from tracker.extensions import db
from tracker.models import User
from tracker.services.accounts import WrongPassword, user_for_token
from tracker.services.accounts import confirm_password as _confirm
from tracker.web.http.errors import error_response
from tracker.web.http.identity import session_user

FAILED_PER_ACCOUNT = "10 per minute"
FAILED_PER_ADDRESS = "100 per minute"
_EXTENSION = "tracker.limiter"
_WRITES = ["POST", "PUT", "PATCH", "DELETE"]
log = logging.getLogger(__name__)


def _mark(kind: str) -> Callable[[Callable], Callable]:
    def decorator(view: Callable) -> Callable:
        view.rate_limit = kind  # type: ignore[attr-defined]
        return view

    return decorator


# A view that signs someone in with an email and a password from the request.
sign_in_attempt = _mark("sign_in")
# A view that asks the signed-in user for their password again (change it, delete the account).
password_check = _mark("password_check")
# A view that creates an account.
sign_up = _mark("sign_up")


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


def _claimed_email() -> str:
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "rate_limit", None) == "password_check":
        user = _caller()
        return user.email if user is not None else ""
    if request.is_json:
        body = request.get_json(silent=True)
        email = body.get("email") if isinstance(body, dict) else None
    else:
        email = request.form.get("email")
    return email.strip().lower()[:254] if isinstance(email, str) else ""


def _caller():
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if header and scheme.lower() == "bearer" and raw.strip() and "\x00" not in raw:
        return user_for_token(db.session, raw.strip())
    return None if header else session_user()


def account_key() -> str:
    """The account a password was tried on, as a digest (emails never reach the storage)."""
    email = _claimed_email()
    if not email:
        return "account:none"
    return "account:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def _counts(_response) -> bool:
    return bool(g.get("password_failed"))


def register(app: Flask) -> None:
    """Give `app` its limiter and wrap its marked views; call after the blueprints."""
    redis = str(app.config.get("RATELIMIT_STORAGE_URI", "")).startswith(("redis", "rediss"))
    hooks = [list(hooks) for hooks in _hook_lists(app)]  # as they were before the limiter
    limiter = Limiter(
        key_func=client_address,
        app=app,
        # Exact: 10 failures in any 60 seconds, not 10 per clock minute (which allows 20 in 2 s).
        strategy="moving-window",
        headers_enabled=False,
        # A storage outage (Redis down) must not stop people signing in: fail open, logged.
        swallow_errors=True,
        storage_options={"socket_connect_timeout": 2, "socket_timeout": 2} if redis else {},
    )
    app.extensions[_EXTENSION] = limiter
    _only_for_limited_views(app, hooks)
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)  # its lines name the key
    per_account = limiter.shared_limit(
        FAILED_PER_ACCOUNT,
        scope="failed-password-account",
        key_func=account_key,
        deduct_when=_counts,
        methods=_WRITES,
    )
    per_address = limiter.shared_limit(
        FAILED_PER_ADDRESS, scope="failed-password-address", deduct_when=_counts, methods=_WRITES
    )
    sign_ups = limiter.shared_limit(
        lambda: current_app.config["SIGNUP_RATE_LIMIT"], scope="sign-up", methods=_WRITES
    )
    for endpoint, view in list(app.view_functions.items()):
        kind = getattr(view, "rate_limit", None)
        if kind in ("sign_in", "password_check"):
            app.view_functions[endpoint] = _limited(per_account(per_address(view)))
        elif kind == "sign_up":
            app.view_functions[endpoint] = _limited(sign_ups(view))
    app.register_error_handler(RateLimitExceeded, too_many)


def _hook_lists(app: Flask) -> tuple[list, list, list]:
    return (
        app.before_request_funcs.setdefault(None, []),
        app.after_request_funcs.setdefault(None, []),
        app.teardown_request_funcs.setdefault(None, []),
    )


def _only_for_limited_views(app: Flask, before: list[list]) -> None:
    """Take back the app-wide hooks the limiter added, and run them only for requests that
    reached a limited view: they cost tens of microseconds on every other request.

    Its before-request hook applies app-wide and default limits, and there are none (only the
    views wrapped in `register` are limited), so it goes. Its after-request hook counts the
    failures (`deduct_when`) and its teardown forgets the request's state: those stay, for
    the requests they concern."""
    added = []
    for hooks, earlier in zip(_hook_lists(app), before, strict=True):
        added.append([hook for hook in hooks if hook not in earlier])
        hooks[:] = earlier
    _, afters, teardowns = added
    app.after_request(lambda response: _after(response, afters))
    app.teardown_request(lambda error: _teardown(error, teardowns))


def _after(response, hooks: list):
    if g.get("rate_limited"):
        for hook in hooks:
            response = hook(response)
    return response


def _teardown(error: BaseException | None, hooks: list) -> None:
    if g.get("rate_limited"):
        for hook in hooks:
            hook(error)


def _limited(view: Callable) -> Callable:
    @functools.wraps(view)
    def limited(*args, **kwargs):
        g.rate_limited = True  # before the limit is checked: a refusal is counted too
        return view(*args, **kwargs)

    return limited


def reset(app: Flask) -> None:
    """Forget every count (the tests start each case afresh)."""
    app.extensions[_EXTENSION].storage.reset()


def _wait_seconds() -> int:
    current = current_app.extensions[_EXTENSION].current_limit
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
    view = current_app.view_functions.get(request.endpoint or "")
    kind = getattr(view, "rate_limit", None)
    log.warning("rate limit reached", extra={"limit": kind or "other"})
    if kind == "sign_up":
        message = (
            f"Too many new accounts from this network just now. Try again in {_in_words(wait)}."
        )
    else:
        message = f"Too many wrong passwords in a row. Wait {_in_words(wait)} and try again."
    if request.path.startswith("/api/"):
        response, status = error_response(429, message, "rate_limited")
    else:
        response, status = _page(kind, message)
    response = current_app.make_response((response, status))
    response.headers["Retry-After"] = str(wait)
    return response


def _page(kind: str | None, message: str):
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
