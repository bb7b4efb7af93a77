"""The suite never talks to another machine (tests/conftest.py refuses such connections)."""

from __future__ import annotations

import socket

import pytest


@pytest.mark.parametrize("address", [("93.184.216.34", 443), ("2606:2800:220:1::", 443)])
def test_a_connection_off_this_machine_is_refused(address):
    family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
    with socket.socket(family) as sock, pytest.raises(ConnectionRefusedError, match="tests do"):
        sock.connect(address)


def test_loopback_still_connects():
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            pass
