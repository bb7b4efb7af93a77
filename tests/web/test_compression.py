"""Text answers travel gzipped when the client accepts it; nothing else changes."""

from __future__ import annotations

import gzip

import pytest

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.mark.parametrize(
    "path",
    ["/login", "/signup", "/static/css/app.css", "/manifest.webmanifest", "/api/v1/openapi.json"],
)
def test_text_answers_are_gzipped_for_clients_that_accept_it(client, path):
    plain = client.get(path, buffered=True)
    packed = client.get(path, headers=GZIP, buffered=True)
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert len(packed.data) < len(plain.data)
    unpacked = gzip.decompress(packed.data)
    if path.startswith("/static") or path.endswith("webmanifest"):
        assert unpacked == plain.data
    else:  # pages and documents carry per-request tokens; their shape is the same
        assert unpacked.split(b"csrf")[0] == plain.data.split(b"csrf")[0]


def test_small_answers_stay_as_they_are(client):
    answer = client.get("/api/v1/me", headers=GZIP)
    assert answer.status_code == 401
    assert "Content-Encoding" not in answer.headers
    # Never compressed, whatever the request says: nothing for a cache to tell apart.
    assert "Accept-Encoding" not in answer.headers.get("Vary", "")


def test_a_gzipped_static_file_still_revalidates(client):
    first = client.get("/static/css/app.css", headers=GZIP, buffered=True)
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    again = client.get(
        "/static/css/app.css", headers={**GZIP, "If-None-Match": etag}, buffered=True
    )
    assert again.status_code == 304
    assert again.data == b""
