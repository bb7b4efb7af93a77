"""Headers every answer carries, the proxy headers we trust, and the session cookie's flags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Flask, Request, Response, g, has_request_context, request
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from werkzeug.middleware.proxy_fix import ProxyFix

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

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
_NAMED = tuple((name.lower(), (name, value)) for name, value in HEADERS)
_HSTS = ("strict-transport-security", ("Strict-Transport-Security", HSTS))


class SecurityHeaders:
    """WSGI middleware adding HEADERS to every answer the app starts: pages, API answers,
    files and errors alike, even an answer Flask's own hooks never see.

    It works on the plain list of (name, value) pairs the app hands to the server, once per
    answer, rather than through the response object's header methods after each view (which
    cost more than the rest of a small answer's headers together). Over HTTPS (directly, or
    as ProxyFix rewrote it behind a trusted proxy) HSTS is added too (RFC 6797 ignores it on
    plain HTTP): browsers then stay on HTTPS for a year.
    """

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse):
        extra = (*_NAMED, _HSTS) if environ.get("wsgi.url_scheme") in ("https", "wss") else _NAMED

        def start(status: str, headers: list[tuple[str, str]], exc_info=None):
            taken = {name.lower() for name, _ in headers}
            headers.extend(header for name, header in extra if name not in taken)
            return start_response(status, headers, exc_info)

        return self.app(environ, start)


# The API answers that hold nothing about anyone (docs/api.md, "Caching").
PUBLIC_API = frozenset({"/api/v1/openapi.json", "/api/v1/push/key"})


def no_store(response: Response) -> Response:
    """SPEC 6: an answer that carries a person's data is `Cache-Control: no-store`. That is
    every answer to a request a signed-in browser session made (the session's user was looked
    up: pages, exports, redirects and error pages alike) and every /api answer but PUBLIC_API
    (a bearer token, a new account or token, a refused request). Static files, the manifest,
    the service worker and the signed-out pages never look the user up, and keep their own
    caching."""
    personal = g.get("user") is not None or (
        request.path.startswith("/api/") and request.path not in PUBLIC_API
    )
    if personal:
        response.headers["Cache-Control"] = "no-store"
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
    app.wsgi_app = SecurityHeaders(app.wsgi_app)  # type: ignore[method-assign]
    app.after_request(no_store)  # it needs to know who asked, which only the app knows
    app.session_interface = SessionInterface()
    proxies = int(app.config.get("TRUSTED_PROXIES", 0))
    if proxies:
        # Client address and scheme from the last `proxies` X-Forwarded-For/-Proto entries;
        # the Host header is the proxy's to pass through unchanged (see docs/deployment.md).
        # Outside SecurityHeaders, which then sees the scheme the proxy reported.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
