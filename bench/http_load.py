"""A closed-loop HTTP load driver: N threads, each with one keep-alive connection."""

from __future__ import annotations

import http.client
import json
import threading
import time
from dataclasses import dataclass, field

from gunicorn_server import Server
from latency import summary_ms

TIMEOUT_S = 30.0
MAX_ERROR_SAMPLES = 5


@dataclass(frozen=True)
class Call:
    """One request to send: method, path and an optional JSON body (already encoded)."""

    method: str
    path: str
    body: bytes | None = None


@dataclass
class Outcome:
    """What the calls of a run gave: per-request latencies (s), errors and the wall time."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    client_cpu_s: float = 0.0
    server_cpu_s: float | None = None

    def summary(self) -> dict[str, object]:
        done = len(self.latencies)
        total = max(done + self.errors, 1)
        server = None if self.server_cpu_s is None else round(self.server_cpu_s * 1000 / total, 3)
        return {
            "requests": done + self.errors,
            "errors": self.errors,
            "wall_s": round(self.wall_s, 3),
            "throughput_rps": round(done / self.wall_s, 1) if self.wall_s else 0.0,
            **summary_ms(self.latencies),
            "server_cpu_ms_per_request": server,
            "client_cpu_ms_per_request": round(self.client_cpu_s * 1000 / total, 3),
            "error_samples": self.error_samples,
        }


def json_call(port: int, method: str, path: str, body: object = None, headers=None):
    """One request on its own connection, outside any timing: the JSON answer, or
    RuntimeError on a status of 300 or more (setting up accounts, tokens and goals)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    try:
        connection.request(
            method,
            path,
            body=None if body is None else json.dumps(body),
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        answer = connection.getresponse()
        payload = answer.read()
    finally:
        connection.close()
    if answer.status >= 300:
        raise RuntimeError(f"{method} {path} answered {answer.status}: {payload[:300]!r}")
    return json.loads(payload) if payload else None


def _worker(
    port: int,
    calls: list[Call],
    headers: dict[str, str],
    expect: int,
    start: threading.Barrier,
    outcome: Outcome,
    lock: threading.Lock,
) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    try:
        connection.connect()  # outside the timed part; the first request reconnects on failure
    except OSError:
        connection.close()
    start.wait(timeout=TIMEOUT_S)
    try:
        for call in calls:
            began = time.perf_counter()
            try:
                connection.request(call.method, call.path, body=call.body, headers=headers)
                answer = connection.getresponse()
                payload = answer.read()
            except (OSError, http.client.HTTPException) as error:
                errors.append(f"{call.method} {call.path}: {error!r}")
                connection.close()  # reconnects on the next request
                continue
            elapsed = time.perf_counter() - began
            if answer.status == expect:
                latencies.append(elapsed)
            else:
                errors.append(f"{call.method} {call.path}: {answer.status} {payload[:200]!r}")
    finally:
        connection.close()
        with lock:
            outcome.latencies.extend(latencies)
            outcome.errors += len(errors)
            room = MAX_ERROR_SAMPLES - len(outcome.error_samples)
            outcome.error_samples.extend(errors[: max(room, 0)])


def drive(
    server: Server,
    calls: list[Call],
    *,
    connections: int,
    headers: dict[str, str] | None = None,
    expect: int = 200,
) -> Outcome:
    """Send every call once, spread round-robin over `connections` threads, all at once.

    A call counts as an error when it fails at the socket or answers another status than
    `expect`. The wall time runs from the common start to the last answer; the CPU times
    are those of the server's processes and of this (client) process over that span.
    """
    headers = {"Content-Type": "application/json", **(headers or {})}
    outcome = Outcome()
    lock = threading.Lock()
    start = threading.Barrier(connections + 1)
    threads = [
        threading.Thread(
            target=_worker,
            args=(server.port, calls[n::connections], headers, expect, start, outcome, lock),
            daemon=True,
        )
        for n in range(connections)
    ]
    for thread in threads:
        thread.start()
    start.wait(timeout=TIMEOUT_S)
    began, cpu, server_cpu = time.perf_counter(), time.process_time(), server.cpu_seconds()
    budget = TIMEOUT_S * (len(calls) // connections + 2)  # no request may hang for ever
    for thread in threads:
        thread.join(timeout=max(0.0, budget - (time.perf_counter() - began)))
    outcome.wall_s = time.perf_counter() - began
    outcome.client_cpu_s = time.process_time() - cpu
    outcome.server_cpu_s = server.cpu_seconds() - server_cpu
    hung = sum(thread.is_alive() for thread in threads)
    if hung:
        raise RuntimeError(f"{hung} load threads still running after {budget:.0f} s")
    return outcome
