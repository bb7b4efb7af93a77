"""History load: what a long history costs each read, and what one heavy user costs the others.

On one server started as `make run` starts it, a user with 30 days of daily check-ins beside
one with 3 years (see history_users.py). For GET /api/v1/today, /api/v1/streaks and
/api/v1/me (bearer token) and the Today (/) and Insights (/insights) pages (session cookie):
p50 of sequential requests and throughput at --connections, both users in turns, and the
3y/30d ratios. Then fairness: a newcomer's sequential GET /api/v1/me alone, and while the
3-year user runs --loops parallel loops of GET /insights.

    .venv/bin/python bench/history_load.py [--database-url postgresql+psycopg://…]

Targets (issue 14): p50 ratio 3y/30d <= 1.2 for today, streaks and the Today page (Insights:
information); the 3-year user's today at --connections >= 0.5 of /api/v1/me in the same run;
the newcomer's p99 <= 100 ms during the loops; zero errors. Exit status: 0 when all are met,
1 when one is missed, 2 when the benchmark could not run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from gunicorn_server import BENCH, ROOT, Server, _process_tree, make_run_server
from history_users import Loop, build_users, cookie_header, settle, sign_in
from http_load import Call, Outcome, drive
from latency import run_head, start_run, summary_ms, write_result
from scratch_database import scratch_database

# (label, path, signed in by cookie, issue 14's p50 ratio target or None for information)
ENDPOINTS = (
    ("GET /api/v1/today", "/api/v1/today", False, 1.2),
    ("GET /api/v1/streaks", "/api/v1/streaks", False, 1.2),
    ("Today page /", "/", True, 1.2),
    ("Insights page /insights", "/insights", True, None),
    ("GET /api/v1/me", "/api/v1/me", False, None),
)
USERS = ("30d", "3y")
SLICES = 4  # each figure is measured in slices, the users taking turns
TODAY_VS_ME = 0.5
FAIR_P99_MS = 100.0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=120, help="sequential requests")
    parser.add_argument("--requests", type=int, default=320, help="requests under load")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--loops", type=int, default=16, help="parallel /insights loops")
    parser.add_argument("--fair-samples", type=int, default=200, help="newcomer's /me")
    parser.add_argument("--fair-seconds", type=float, default=120.0, help="at most, per run")
    parser.add_argument("--database-url", help="PostgreSQL instead of a fresh SQLite file")
    parser.add_argument("--output", type=Path, default=BENCH / "results" / "history.json")
    return parser.parse_args(argv)


def _merge(outcomes: list[Outcome]) -> dict:
    merged = Outcome(server_cpu_s=0.0)
    for outcome in outcomes:
        merged.latencies += outcome.latencies
        merged.errors += outcome.errors
        merged.error_samples += outcome.error_samples[:2]
        merged.wall_s += outcome.wall_s
        merged.client_cpu_s += outcome.client_cpu_s
        merged.server_cpu_s += outcome.server_cpu_s or 0.0
    return merged.summary()


def _in_turns(server: Server, path: str, headers: dict, count: int, connections: int) -> dict:
    """`count` GETs of `path` per user at `connections`, in SLICES slices taken in turns
    (30d then 3y, then 3y then 30d, …): a machine whose speed drifts slows both alike."""
    outcomes: dict[str, list[Outcome]] = {who: [] for who in USERS}
    calls = [Call("GET", path)] * (count // SLICES)
    for index in range(SLICES):
        for who in USERS if index % 2 == 0 else USERS[::-1]:
            outcomes[who].append(
                drive(server, calls, connections=connections, headers=headers[who])
            )
    return {who: _merge(outcomes[who]) for who in USERS}


def _endpoint(server: Server, auth: dict, endpoint: tuple, args) -> dict:
    label, path, by_cookie, target = endpoint
    headers = {who: auth[who]["cookie" if by_cookie else "token"] for who in USERS}
    for who in USERS:  # warm-up, not measured: every thread of the server has run it
        drive(server, [Call("GET", path)] * 2 * args.connections, connections=args.connections,
              headers=headers[who])  # fmt: skip
    sequential = _in_turns(server, path, headers, args.samples, 1)
    loaded = _in_turns(server, path, headers, args.requests, args.connections)
    p50_ratio = sequential["3y"]["p50_ms"] / sequential["30d"]["p50_ms"]
    rps_ratio = loaded["3y"]["throughput_rps"] / max(loaded["30d"]["throughput_rps"], 0.1)
    errors = sum(s["errors"] for part in (sequential, loaded) for s in part.values())
    return {
        "label": label,
        "path": path,
        "sequential": sequential,
        "loaded": loaded,
        "p50_ratio": round(p50_ratio, 2),
        "throughput_ratio": round(rps_ratio, 2),
        "target_p50_ratio": target,
        "met": None if target is None else p50_ratio <= target,
        "errors": errors,
    }


def _fairness(server: Server, auth: dict, args) -> dict:
    """The newcomer's sequential GET /api/v1/me alone, then during args.loops loops of GET
    /insights by the 3-year user (given a second to get going)."""
    deadline = [0.0]

    def go(done: int) -> bool:
        return done < args.fair_samples and time.monotonic() < deadline[0]

    deadline[0] = time.monotonic() + args.fair_seconds
    alone = Loop(server.port, "/api/v1/me", auth["other"]["token"]).run(go)
    stop = threading.Event()
    loops = [Loop(server.port, "/insights", auth["3y"]["cookie"]) for _ in range(args.loops)]
    threads = [loop.thread(stop) for loop in loops]
    time.sleep(1.0)
    began = time.monotonic()
    deadline[0] = began + args.fair_seconds
    crowded = Loop(server.port, "/api/v1/me", auth["other"]["token"]).run(go)
    seconds = time.monotonic() - began
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    insights = [t for loop in loops for t in loop.latencies]
    return {
        "alone": {**summary_ms(alone.latencies), "errors": alone.errors},
        "with_loops": {**summary_ms(crowded.latencies), "errors": crowded.errors},
        "loops": {**summary_ms(insights), "errors": sum(loop.errors for loop in loops),
                  "throughput_rps": round(len(insights) / max(seconds + 1.0, 0.1), 1)},
        "target_p99_ms": FAIR_P99_MS,
        "met": summary_ms(crowded.latencies)["p99_ms"] <= FAIR_P99_MS,
    }  # fmt: skip


def _measure(url: str | None, tmp: Path, args) -> dict:
    with scratch_database(url, tmp, "history") as database, make_run_server(tmp, database) as s:
        tokens, counts, today = build_users(database, tmp)
        auth = {}
        for who, token in tokens.items():
            cookies = sign_in(s.port, who)
            for path in ("/", "/insights"):
                cookies = settle(s.port, path, cookies)
            auth[who] = {"token": {"Authorization": f"Bearer {token}"},
                         "cookie": cookie_header(cookies)}  # fmt: skip
        workers = len(_process_tree(s.pid)) - 1
        endpoints = [_endpoint(s, auth, endpoint, args) for endpoint in ENDPOINTS]
        fairness = _fairness(s, auth, args)
    return {"histories": counts, "today": today.isoformat(), "gunicorn_workers": workers,
            "endpoints": endpoints, "fairness": fairness}  # fmt: skip


def _code() -> dict:
    """The commit measured, and the files of tracker/ changed in the working tree beside it."""

    def git(*words: str) -> str:
        done = subprocess.run(["git", *words], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    changed = git("status", "--porcelain", "--", "tracker", "wsgi.py").splitlines()
    return {"commit": git("rev-parse", "HEAD"), "tracker_changed": [c[3:] for c in changed]}


def _verdicts(measured: dict) -> dict:
    """Issue 14's targets against this run's figures."""
    by_path = {e["path"]: e for e in measured["endpoints"]}
    today = by_path["/api/v1/today"]["loaded"]["3y"]["throughput_rps"]
    me = by_path["/api/v1/me"]["loaded"]["3y"]["throughput_rps"]
    fair = measured["fairness"]
    errors = sum(e["errors"] for e in measured["endpoints"])
    errors += fair["alone"]["errors"] + fair["with_loops"]["errors"] + fair["loops"]["errors"]
    ratio = today / me if me else 0.0
    verdict = {"ratio": round(ratio, 2), "target": TODAY_VS_ME, "met": ratio >= TODAY_VS_ME}
    met = [e["met"] for e in measured["endpoints"]] + [verdict["met"], fair["met"]]
    return {"today_vs_me": verdict, "errors": errors,
            "all_met": errors == 0 and all(m is not False for m in met)}  # fmt: skip


def _report(result: dict) -> None:
    for who, h in result["histories"].items():
        print(f"{who}: {h['entries']} entries, {h['rejections']} rejections, {h['breaks']} breaks")
    code = result["code"]
    print(
        f"{result['database']}, {result['gunicorn_workers']} gunicorn worker(s), commit "
        f"{code['commit'][:10]} ({len(code['tracker_changed'])} changed files in tracker/)"
    )
    print(f"{'':24} {'p50 ms 30d':>10} {'3y':>7} {'ratio':>6} {'target':>7}"
          f" {'req/s 30d':>10} {'3y':>7} {'ratio':>6} {'p99 ms 3y':>10}")  # fmt: skip
    for e in result["endpoints"]:
        seq, load = e["sequential"], e["loaded"]
        target = "-" if e["target_p50_ratio"] is None else f"<= {e['target_p50_ratio']}"
        mark = {None: "", True: " met", False: " NOT MET"}[e["met"]]
        print(
            f"{e['label']:24} {seq['30d']['p50_ms']:>10.1f} {seq['3y']['p50_ms']:>7.1f} "
            f"{e['p50_ratio']:>6.2f} {target:>7} {load['30d']['throughput_rps']:>10.1f} "
            f"{load['3y']['throughput_rps']:>7.1f} {e['throughput_ratio']:>6.2f} "
            f"{load['3y']['p99_ms']:>10.1f}{mark}"
        )
    v = result["today_vs_me"]
    state = "met" if v["met"] else "NOT MET"
    print(f"3y today / me at {result['settings']['connections']} connections: "
          f"{v['ratio']:.2f} (target >= {v['target']}): {state}")  # fmt: skip
    f = result["fairness"]
    print(
        f"newcomer's GET /api/v1/me alone: p50 {f['alone']['p50_ms']:.1f} ms, p99 "
        f"{f['alone']['p99_ms']:.1f} ms; during {result['settings']['loops']} /insights loops: "
        f"p50 {f['with_loops']['p50_ms']:.1f} ms, p99 {f['with_loops']['p99_ms']:.1f} ms "
        f"(target p99 <= {f['target_p99_ms']:.0f} ms): {'met' if f['met'] else 'NOT MET'}"
    )
    print(f"the loops: {f['loops']['throughput_rps']} req/s, p50 {f['loops']['p50_ms']:.0f} ms")
    print(f"errors: {result['errors']}")


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    start = start_run()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-history-") as name:
            measured = _measure(args.database_url, Path(name), args)
    except Exception as error:  # report any failure to run as such, not as a missed target
        print(f"history benchmark could not run: {error!r}", file=sys.stderr)
        return 2
    settings = {k: getattr(args, k) for k in ("samples", "requests", "connections", "loops")}
    result = {
        **run_head("history_load", start),
        "database": "postgresql" if args.database_url else "sqlite",
        "code": _code(),
        "settings": settings,
        **measured,
        **_verdicts(measured),
    }
    _report(result)
    write_result(args.output, result)
    print("all targets met" if result["all_met"] else "a target was missed")
    return 0 if result["all_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
