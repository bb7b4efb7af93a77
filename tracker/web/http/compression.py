"""Gzip for text answers, so the app is small on the wire without a proxy in front."""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "image/svg+xml",
}
MIN_BYTES = 512


def _wants_gzip(response: Response) -> bool:
    return (
        response.status_code == 200
        and (response.direct_passthrough or not response.is_streamed)  # files, not generators
        and "Content-Encoding" not in response.headers
        and response.mimetype in COMPRESSIBLE
        and "gzip" in request.headers.get("Accept-Encoding", "").lower()
    )


def _known_small(response: Response) -> bool:
    if response.direct_passthrough or response.is_streamed:
        return False  # a file or a generator: its length is not known without reading it
    return len(response.get_data()) < MIN_BYTES


def compress(response: Response) -> Response:
    """Gzip a text answer of at least MIN_BYTES when the client accepts it.

    `Vary: Accept-Encoding` tells caches there are two forms; a strong ETag becomes weak, since
    the bytes on the wire differ from the file's while the content is the same.
    A body known to be smaller than MIN_BYTES is never compressed, whatever the request
    says, so it is left as it is (no Vary): most API answers are that small.
    """
    if response.mimetype not in COMPRESSIBLE or _known_small(response):
        return response
    response.vary.add("Accept-Encoding")
    if not _wants_gzip(response):
        return response
    response.direct_passthrough = False  # files are read here, once, and closed
    source = getattr(response.response, "close", None)
    data = response.get_data()
    if source is not None:
        source()
    if len(data) < MIN_BYTES:
        return response
    response.set_data(gzip.compress(data, compresslevel=6, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = response.get_etag()
    if etag and not weak:
        response.set_etag(etag, weak=True)
    return response


def register(app: Flask) -> None:
    app.after_request(compress)
