"""Headers every answer carries, the proxy headers we trust, and the session cookie's flags."""

from __future__ import annotations

from flask import Flask, Request, Response, has_request_context, request
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HSTS = "max-age=31536000"


# Every answer carries these unless a view set its own.
HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
_NAMES = frozenset(name.lower() for name, _ in HEADERS)


def add_headers(response: Response) -> Response:
    # One pass over the answer's headers, then one append: Headers.setdefault per header
    # scans the list twice each time, which showed in every request's profile.
    headers = response.headers
    taken = _NAMES.intersection(name.lower() for name, _ in headers)
    headers.extend(item for item in HEADERS if item[0].lower() not in taken)
    if request.is_secure:
        # Only over HTTPS (RFC 6797 ignores it on plain HTTP): keep browsers on HTTPS for a year.
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


class SessionInterface(SecureCookieSessionInterface):
    """The signed cookie session, marked Secure whenever the request came over HTTPS (directly,
    or through a trusted proxy's X-Forwarded-Proto), or always with SESSION_COOKIE_SECURE.

    Flask re-sends a permanent session's cookie with every answer, static files included, each
    the copy its request arrived with: a file fetched across a sign-in would put the older
    cookie back. Here only answers whose request read the session re-send it (to slide its
    expiry), and files never read it."""

    def get_cookie_secure(self, app: Flask) -> bool:
        configured = bool(app.config["SESSION_COOKIE_SECURE"])
        return configured or (has_request_context() and request.is_secure)

    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:
        # No cookie at all (API clients with a token, first visits): an empty session, without
        # building the signing serializer Flask makes for every request first.
        if app.secret_key and "HTTP_COOKIE" not in request.environ:
            return self.session_class()
        return super().open_session(app, request)

    def should_set_cookie(self, app: Flask, session: SessionMixin) -> bool:
        # `accessed` first: reading `permanent` counts as an access.
        return session.modified or (session.accessed and super().should_set_cookie(app, session))


def register(app: Flask) -> None:
    app.after_request(add_headers)
    app.session_interface = SessionInterface()
    proxies = int(app.config.get("TRUSTED_PROXIES", 0))
    if proxies:
        # Client address and scheme from the last `proxies` X-Forwarded-For/-Proto entries;
        # the Host header is the proxy's to pass through unchanged (see docs/deployment.md).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
