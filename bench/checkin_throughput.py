"""Check-in throughput: the real app against a bare Flask + sqlite3 upsert, same gunicorn.

Both servers run one after the other, each on a fresh SQLite file, with the same gunicorn
settings (`--workers`, `--threads`). The same seeded list of PUTs (3 goals x many past dates,
a mix of inserts and updates) goes to each over `--connections` keep-alive connections; we
print and write throughput, latency percentiles, errors and the app/bare throughput ratio.
With `--rounds` > 1 the pair is measured again on fresh files (alternating which goes first)
and the ratio is the median of the rounds' ratios, which steadies it on a busy machine.

    .venv/bin/python bench/checkin_throughput.py [--requests 4000] [--connections 8] [--rounds 1]

Exit status: 0 when the ratio reaches --min-ratio with zero errors, 1 when not, 2 when the
benchmark could not run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bare_app import init_db
from gunicorn_server import BENCH, ROOT, VENV_BIN, Server, Settings, gunicorn
from http_load import MAX_ERROR_SAMPLES, Call, Outcome, drive
from latency import busy_note, machine

PASSWORD = "correct horse battery staple"
WARMUP_PER_CONNECTION = 10
Plan = list[tuple[int, date, int]]  # (goal id, date, value) per PUT


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=4000, help="measured PUTs per server")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections")
    parser.add_argument("--dates", type=int, default=600, help="distinct past dates used")
    parser.add_argument("--rounds", type=int, default=1, help="app/bare pairs to measure")
    parser.add_argument("--seed", type=int, default=20260318)
    parser.add_argument("--min-ratio", type=float, default=0.5, help="target app/bare ratio")
    parser.add_argument("--workers", type=int, default=Settings.workers, help="gunicorn")
    parser.add_argument("--threads", type=int, default=Settings.threads, help="per worker")
    parser.add_argument("--app-spec", default="wsgi:app", help="gunicorn app, from the root")
    parser.add_argument("--output", type=Path, default=BENCH / "results" / "checkin.json")
    return parser.parse_args(argv)


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(workers=args.workers, threads=args.threads)


def _json_call(port: int, method: str, path: str, body: object, headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
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


def _plan(goal_ids: list[int], args: argparse.Namespace) -> tuple[Plan, Plan, int]:
    """(warm-up PUTs, measured PUTs, how many distinct (goal, date) rows they leave)."""
    rng = random.Random(args.seed)
    # Yesterday and before: past dates stay past even if the run crosses midnight UTC.
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    dates = [yesterday - timedelta(days=n) for n in range(args.dates)]
    warm_dates = [yesterday - timedelta(days=args.dates + n) for n in range(30)]
    warmup = [
        (rng.choice(goal_ids), rng.choice(warm_dates), rng.randint(0, 3))
        for _ in range(WARMUP_PER_CONNECTION * args.connections)
    ]
    measured = [
        (rng.choice(goal_ids), rng.choice(dates), rng.randint(0, 3)) for _ in range(args.requests)
    ]
    rows = len({(goal, day) for goal, day, _ in warmup + measured})
    return warmup, measured, rows


def _calls(prefix: str, plan: Plan) -> list[Call]:
    return [
        Call("PUT", f"{prefix}/goals/{goal}/entries/{day}", json.dumps({"value": v}).encode())
        for goal, day, v in plan
    ]


def _count_rows(database: Path) -> int:
    connection = sqlite3.connect(database)
    try:
        return connection.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    finally:
        connection.close()


def _run(server: Server, prefix: str, plan: tuple, connections: int, headers: dict) -> Outcome:
    warmup, measured, _ = plan
    drive(server, _calls(prefix, warmup), connections=connections, headers=headers)
    return drive(server, _calls(prefix, measured), connections=connections, headers=headers)


def _bench_app(tmp: Path, args: argparse.Namespace) -> tuple[Outcome, int, list[int]]:
    """Measure the real app; (outcome, rows left in entries, the goal ids used)."""
    database = tmp / "app.sqlite3"
    env = {
        **os.environ,
        "INSTANCE_PATH": str(tmp / "instance"),
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "bench-" + os.urandom(16).hex(),
        "REGISTRATION_OPEN": "true",
    }
    subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "tracker", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    log = tmp / "app.log"
    ready = "/api/v1/openapi.json"
    with gunicorn(args.app_spec, env, log, ready_path=ready, settings=_settings(args)) as server:
        port = server.port
        login = {"email": "bench@example.com", "password": PASSWORD}
        _json_call(port, "POST", "/api/v1/accounts", {**login, "timezone": "UTC"})
        token = _json_call(port, "POST", "/api/v1/tokens", {**login, "name": "bench"})
        headers = {"Authorization": f"Bearer {token['token']}"}
        goal_ids = [goal["id"] for goal in _json_call(port, "GET", "/api/v1/goals", None, headers)]
        outcome = _run(server, "/api/v1", _plan(goal_ids, args), args.connections, headers)
    return outcome, _count_rows(database), goal_ids


def _bench_bare(tmp: Path, goal_ids: list[int], args: argparse.Namespace) -> tuple[Outcome, int]:
    """Measure the bare app on the same PUTs; (outcome, rows left in entries)."""
    database = tmp / "bare.sqlite3"
    init_db(str(database))
    env = {**os.environ, "BARE_DATABASE": str(database)}
    log = tmp / "bare.log"
    spec, settings = "bare_app:create_app()", _settings(args)
    with gunicorn(spec, env, log, ready_path="/health", settings=settings, chdir=BENCH) as server:
        headers = {"Authorization": "Bearer same-header-size-as-the-app-gets-0123456789abcdef"}
        outcome = _run(server, "", _plan(goal_ids, args), args.connections, headers)
    return outcome, _count_rows(database)


def _round(number: int, args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-checkin-") as name:
        tmp = Path(name)
        if number % 2 == 0:
            app, app_rows, goal_ids = _bench_app(tmp, args)
            bare, bare_rows = _bench_bare(tmp, goal_ids, args)
        else:  # the other order, so that a drifting machine load favours neither
            # A fresh database numbers the starter goals 1, 2, 3: the app will get the same.
            bare, bare_rows = _bench_bare(tmp, [1, 2, 3], args)
            app, app_rows, goal_ids = _bench_app(tmp, args)
    expected = _plan(goal_ids, args)[2]
    app_rps, bare_rps = app.summary()["throughput_rps"], bare.summary()["throughput_rps"]
    return {
        "app": app,
        "bare": bare,
        "rows": {"expected": expected, "app": app_rows, "bare": bare_rows},
        "ratio": app_rps / bare_rps if bare_rps else 0.0,
    }


def _merge(outcomes: list[Outcome]) -> Outcome:
    merged = Outcome(server_cpu_s=0.0)
    for outcome in outcomes:
        merged.server_cpu_s += outcome.server_cpu_s or 0.0
        merged.client_cpu_s += outcome.client_cpu_s
        merged.latencies.extend(outcome.latencies)
        merged.errors += outcome.errors
        merged.error_samples.extend(
            outcome.error_samples[: MAX_ERROR_SAMPLES - len(merged.error_samples)]
        )
        merged.wall_s += outcome.wall_s
    return merged


def _report(result: dict) -> None:
    print(
        f"{'':6} {'req/s':>9} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'errors':>7}"
        f" {'server CPU ms/req':>18} {'client CPU ms/req':>18}"
    )
    for name in ("app", "bare"):
        s = result[name]
        print(
            f"{name:6} {s['throughput_rps']:>9.1f} {s['p50_ms']:>8.2f} {s['p90_ms']:>8.2f} "
            f"{s['p99_ms']:>8.2f} {s['errors']:>7} {s['server_cpu_ms_per_request']:>18.2f}"
            f" {s['client_cpu_ms_per_request']:>18.2f}"
        )
        for sample in s["error_samples"]:
            print(f"  {name} error: {sample}")
    for number, row in enumerate(result["rounds"], 1):
        print(
            f"round {number}: app {row['app_rps']:.1f} req/s, bare {row['bare_rps']:.1f} "
            f"req/s, ratio {row['ratio']:.2f}, rows {row['rows']}"
        )
    if result["cpu_ratio"] is not None:
        print(f"server CPU per request, bare/app = {result['cpu_ratio']:.2f}")
    verdict = "PASS" if result["passed"] else "FAIL"
    target = result["targets"]["min_ratio"]
    print(f"ratio app/bare = {result['ratio']:.2f} (target >= {target:.2f}, no errors): {verdict}")


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    started = time.time()
    load_before = os.getloadavg()
    if note := busy_note():
        print(note)
    try:
        rounds = [_round(number, args) for number in range(max(1, args.rounds))]
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        print(f"checkin benchmark could not run: {error}", file=sys.stderr)
        detail = getattr(error, "stderr", None)
        if detail:
            print(detail.decode(errors="replace"), file=sys.stderr)
        return 2
    app = _merge([r["app"] for r in rounds]).summary()
    bare = _merge([r["bare"] for r in rounds]).summary()
    ratio = statistics.median(r["ratio"] for r in rounds)
    app_cpu, bare_cpu = app["server_cpu_ms_per_request"], bare["server_cpu_ms_per_request"]
    rows_ok = all(r["rows"]["app"] == r["rows"]["bare"] == r["rows"]["expected"] for r in rounds)
    passed = rows_ok and app["errors"] == 0 and bare["errors"] == 0 and ratio >= args.min_ratio
    result = {
        "benchmark": "checkin_throughput",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "duration_s": round(time.time() - started, 1),
        "machine": {**machine(), "loadavg_before": [round(x, 2) for x in load_before]},
        "settings": {
            "requests": args.requests,
            "connections": args.connections,
            "dates": args.dates,
            "rounds": len(rounds),
            "warmup_requests": WARMUP_PER_CONNECTION * args.connections,
            "seed": args.seed,
            "app_spec": args.app_spec,
            "gunicorn": _settings(args).as_dict(),
        },
        "app": app,
        "bare": bare,
        "ratio": round(ratio, 3),
        # bare/app server CPU per request: what the ratio would be if both were CPU-bound.
        "cpu_ratio": round(bare_cpu / app_cpu, 3) if app_cpu else None,
        "rounds": [
            {
                "app_rps": r["app"].summary()["throughput_rps"],
                "bare_rps": r["bare"].summary()["throughput_rps"],
                "ratio": round(r["ratio"], 3),
                "rows": r["rows"],
            }
            for r in rounds
        ],
        "targets": {"min_ratio": args.min_ratio, "max_errors": 0},
        "passed": passed,
    }
    _report(result)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.output}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
