"""Check-in throughput: the app as `make run` starts it against a bare Flask + sqlite3 upsert
under a plain gunicorn with one process per core, the reference of what the hardware can do.

Both servers run side by side, each on a fresh SQLite file: the app under gunicorn with its
own settings file alone (the processes and threads it picks for this machine; `--workers`,
`--threads` try others), the bare app with one synchronous process per core and no threads,
never a copy of the app's settings. The same seeded list of PUTs (3 goals x many past dates,
inserts and updates) goes to each over `--connections` connections, in slices taken in turns
(one server is idle while the other is driven), so a machine whose speed drifts slows both
alike; we print and write throughput, latency percentiles, errors and the app/bare ratio.
With `--rounds` > 1 the pair is measured again on fresh files; the ratio is their median.

    .venv/bin/python bench/checkin_throughput.py [--requests 4000] [--connections 8] [--rounds 1]

Exit status: 0 when the ratio reaches --min-ratio and the app's p99 stays within --max-p99-ms
with zero errors, 1 when not, 2 when the benchmark could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from checkin_servers import app_gunicorn, app_server, bare_server, count_rows
from gunicorn_server import BENCH, Settings, app_settings
from http_load import MAX_ERROR_SAMPLES, Call, Outcome, drive
from latency import finish, run_head, start_run

WARMUP_PER_CONNECTION = 10
SLICES = 8  # measured PUTs per round go to the two servers in turns, this many each
Plan = list[tuple[int, date, int]]  # (goal id, date, value) per PUT


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=4000, help="measured PUTs per server")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections")
    parser.add_argument("--dates", type=int, default=600, help="distinct past dates used")
    parser.add_argument("--rounds", type=int, default=1, help="app/bare pairs to measure")
    parser.add_argument("--seed", type=int, default=20260318)
    parser.add_argument("--min-ratio", type=float, default=0.5, help="target app/bare ratio")
    parser.add_argument("--max-p99-ms", type=float, default=50.0, help="target app p99")
    parser.add_argument("--workers", type=int, help="the app's gunicorn (default: its own)")
    parser.add_argument("--threads", type=int, help="per worker of the app (default: its own)")
    parser.add_argument("--app-spec", default="wsgi:app", help="gunicorn app, from the root")
    parser.add_argument("--output", type=Path, default=BENCH / "results" / "checkin.json")
    return parser.parse_args(argv)


def _recorded(args: argparse.Namespace) -> dict[str, object]:
    app = app_gunicorn(args)
    return {
        "app": app_settings(dict(os.environ)) if app is None else app.as_dict(),
        "bare": Settings.one_process_per_core().as_dict(),
    }


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


def _round(number: int, args: argparse.Namespace) -> dict:
    """Both servers up side by side; the measured PUTs go in SLICES slices, each slice to one
    server and then the other (alternating who goes first), so that a machine whose speed
    drifts during the round slows both alike. A server waiting for its turn is idle."""
    with tempfile.TemporaryDirectory(prefix="bench-checkin-") as name, ExitStack() as stack:
        tmp = Path(name)
        app, app_headers, goal_ids = stack.enter_context(app_server(tmp, args))
        bare, bare_headers = stack.enter_context(bare_server(tmp, args))
        warmup, measured, expected = _plan(goal_ids, args)
        targets = {
            "app": (app, "/api/v1", app_headers),
            "bare": (bare, "", bare_headers),
        }
        for server, prefix, headers in targets.values():
            drive(server, _calls(prefix, warmup), connections=args.connections, headers=headers)
        outcomes: dict[str, list[Outcome]] = {"app": [], "bare": []}
        size = -(-len(measured) // SLICES)
        for index in range(SLICES):
            part = measured[index * size : (index + 1) * size]
            order = ("app", "bare") if (number + index) % 2 == 0 else ("bare", "app")
            for who in order:
                server, prefix, headers = targets[who]
                outcomes[who].append(
                    drive(
                        server,
                        _calls(prefix, part),
                        connections=args.connections,
                        headers=headers,
                    )
                )
        stack.close()  # both servers stopped: every write is on disk
        rows = {
            "expected": expected,
            "app": count_rows(tmp / "app.sqlite3"),
            "bare": count_rows(tmp / "bare.sqlite3"),
        }
    app_outcome, bare_outcome = _merge(outcomes["app"]), _merge(outcomes["bare"])
    app_rps = app_outcome.summary()["throughput_rps"]
    bare_rps = bare_outcome.summary()["throughput_rps"]
    return {
        "app": app_outcome,
        "bare": bare_outcome,
        "rows": rows,
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
    target, p99 = result["targets"]["min_ratio"], result["targets"]["max_app_p99_ms"]
    print(
        f"ratio app/bare = {result['ratio']:.2f} (target >= {target:.2f}), app p99 "
        f"{result['app']['p99_ms']:.1f} ms (target <= {p99:.0f}), no errors: {verdict}"
    )


def _round_row(measured: dict) -> dict:
    """What the result keeps of one round: both throughputs, their ratio, the rows stored."""
    return {
        "app_rps": measured["app"].summary()["throughput_rps"],
        "bare_rps": measured["bare"].summary()["throughput_rps"],
        "ratio": round(measured["ratio"], 3),
        "rows": measured["rows"],
    }


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    start = start_run()
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
    passed = passed and app["p99_ms"] <= args.max_p99_ms
    result = {
        **run_head("checkin_throughput", start),
        "settings": {
            "requests": args.requests,
            "connections": args.connections,
            "dates": args.dates,
            "rounds": len(rounds),
            "warmup_requests": WARMUP_PER_CONNECTION * args.connections,
            "seed": args.seed,
            "app_spec": args.app_spec,
            "gunicorn": _recorded(args),
        },
        "app": app,
        "bare": bare,
        "ratio": round(ratio, 3),
        # bare/app server CPU per request: what the ratio would be if both were CPU-bound.
        "cpu_ratio": round(bare_cpu / app_cpu, 3) if app_cpu else None,
        "rounds": [_round_row(r) for r in rounds],
        "targets": {
            "min_ratio": args.min_ratio,
            "max_app_p99_ms": args.max_p99_ms,
            "max_errors": 0,
        },
        "passed": passed,
    }
    return finish(args.output, result, _report)


if __name__ == "__main__":
    sys.exit(main())
