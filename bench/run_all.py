"""Run every benchmark, print one summary table, and fail when a target is missed.

    .venv/bin/python bench/run_all.py [--rounds 9] [--database-url postgresql+psycopg://…]

Each benchmark runs in its own process and writes its figures to bench/results/. Exit status
0 only when every benchmark ran, met its target and saw no errors.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
TIMEOUT_S = 1800


def _run(script: str, extra: list[str]) -> tuple[int, dict | None]:
    """Run one benchmark script; (exit status, its results if this run wrote them)."""
    output = RESULTS / (script.split("_")[0].removesuffix(".py") + ".json")
    began = time.time()
    print(f"\n== {script} {' '.join(extra)}", flush=True)
    try:
        status = subprocess.run(
            [sys.executable, str(BENCH / script), "--output", str(output), *extra],
            timeout=TIMEOUT_S,
            check=False,
        ).returncode
    except subprocess.TimeoutExpired:
        print(f"{script} did not finish within {TIMEOUT_S} s", file=sys.stderr)
        return 2, None
    fresh = output.exists() and output.stat().st_mtime >= began
    return status, json.loads(output.read_text()) if fresh else None


def _latency(s: dict) -> str:
    return f"p50 {s['p50_ms']:.1f} ms, p99 {s['p99_ms']:.1f} ms"


Row = tuple[str, str, str, bool | None]  # measure, figure, target, met (None: information)


def _checkin_rows(result: dict) -> list[Row]:
    rows: list[Row] = [
        (f"check-in {name}", f"{s['throughput_rps']:.0f} req/s, {_latency(s)}", "", None)
        for name, s in (("app", result["app"]), ("bare", result["bare"]))
    ]
    target = result["targets"]["min_ratio"]
    errors = result["app"]["errors"] + result["bare"]["errors"]
    met = result["ratio"] >= target
    rows.append(("check-in app/bare", f"{result['ratio']:.2f}", f">= {target:.2f}", met))
    rows.append(("check-in errors", str(errors), "0", errors == 0))
    return rows


def _instruction_rows(result: dict) -> list[Row]:
    before, app, bare = (
        result[k] for k in ("before_per_checkin", "app_per_checkin", "bare_per_checkin")
    )
    return [
        (
            "check-in instructions",
            f"{app / 1e6:.2f} M (bare {bare / 1e6:.2f} M)",
            f"<= {result['target'] / 1e6:.2f} M",
            result["met"],
        ),
        (
            "  before (callgrind)",
            "-" if before is None else f"{before / 1e6:.2f} M at {result['before']}",
            "",
            None,
        ),
    ]


def _streaks_rows(result: dict) -> list[Row]:
    client, target = result["test_client"], result["targets"]["p50_ms"]
    met = client["p50_ms"] <= target
    rows: list[Row] = [("streaks, test client", _latency(client), f"p50 <= {target:.0f} ms", met)]
    if result["http"]:
        rows.append(("streaks, HTTP", _latency(result["http"]), "", None))
    rows.append(("streaks, engine alone", _latency(result["compute"]), "", None))
    errors = result["errors"] + (result["http"]["errors"] if result["http"] else 0)
    rows.append(("streaks errors", str(errors), "0", errors == 0))
    return rows


def _integrity_rows(result: dict) -> list[Row]:
    rows: list[Row] = []
    for run in result["runs"]:
        bad = run["failed"] + run["lost"] + run["inconsistent"] + run["unexpected"]
        figure = (
            f"{run['acknowledged']}/{run['writes']} acked, {run['lost']} lost, "
            f"{run['inconsistent']} inconsistent, {run['throughput_rps']:.0f} req/s"
        )
        rows.append((f"integrity {run['clients']} clients", figure, "0 lost/bad", bad == 0))
    return rows


def _push_rows(result: dict) -> list[Row]:
    target, service = result["targets"]["pushes_per_second"], result["service"]
    time_goes, seconds = result["where_the_time_goes"], result["sweep"]["seconds"]
    once = service["exactly_once"] == result["pushes"] and not service["refused"]
    return [
        (
            "push fan-out",
            f"{result['pushes_per_second']:.0f} pushes/s ({result['pushes']} in "
            f"{seconds['total']:.1f} s)",
            f">= {target:.0f}/s",
            result["pushes_per_second"] >= target,
        ),
        ("push exactly once", f"{service['exactly_once']}/{result['pushes']}", "all", once),
        (
            "push time",
            f"db {time_goes['database_s']:.1f} s, send {time_goes['send_s']:.1f} s "
            f"(encrypt {time_goes['encryption_s_on_one_core']:.1f}, "
            f"sign {time_goes['vapid_signing_s_on_one_core']:.1f})",
            "",
            None,
        ),
    ]


def _hostile_rows(result: dict) -> list[Row]:
    ceiling, rows = result["rss_ceiling_mb"], []
    for r in result["rows"]:
        figure = (
            f"{r['status']} in {r['server_s']:.2f} s (cpu {r['worker_cpu_s']:.2f}), "
            f"{r['rss_after_mb']:.0f} MB after"
        )
        target = f"{r['expected']} <= {r['time_target_s']:.0f} s"
        rows.append((f"hostile {r['case']}"[:24], figure, target, r["met"] and r["rss_met"]))
    four = result["four_at_once"]
    figure = f"peak {four['peak_rss_mb']:.0f} MB, {four['rss_after_mb']:.0f} MB after"
    rows.append(("hostile four Loop zips", figure, f"(idle x 1.5: {ceiling:.0f} MB)", None))
    all_200 = set(four["statuses"]) == {200}
    rows.append(("hostile four, statuses", str(four["statuses"]), "all 200", all_200))
    return rows


def _history_rows(result: dict) -> list[Row]:
    rows: list[Row] = []
    for e in result["endpoints"]:
        seq, target = e["sequential"], e["target_p50_ratio"]
        figure = (
            f"p50 {seq['30d']['p50_ms']:.1f} / {seq['3y']['p50_ms']:.1f} ms: "
            f"{e['p50_ratio']:.2f}, req/s x{e['throughput_ratio']:.2f}"
        )
        rows.append((f"3y/30d {e['path']}", figure, "" if target is None else f"<= {target}",
                     e["met"]))  # fmt: skip
    today = result["today_vs_me"]
    figure = f"{today['ratio']:.2f} at {result['settings']['connections']} connections"
    rows.append(("3y today / me req/s", figure, f">= {today['target']}", today["met"]))
    fair = result["fairness"]
    figure = f"p99 {fair['alone']['p99_ms']:.1f} -> {fair['with_loops']['p99_ms']:.1f} ms"
    rows.append(("fairness: /me p99", figure, f"<= {fair['target_p99_ms']:.0f} ms",
                 fair["met"]))  # fmt: skip
    rows.append(("history errors", str(result["errors"]), "0", result["errors"] == 0))
    return rows


def _print_rows(rows: list[Row]) -> None:
    print(f"\n{'measure':24} {'figure':44} {'target':16} ok")
    for measure, figure, target, met in rows:
        mark = "-" if met is None else ("yes" if met else "NO")
        print(f"{measure:24} {figure:44} {target:16} {mark}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9, help="check-in app/bare pairs")
    parser.add_argument(
        "--database-url",
        help="run the streaks, integrity, push, hostile-input and history benchmarks on PostgreSQL",
    )
    args = parser.parse_args(argv)
    streaks_args = ["--database-url", args.database_url] if args.database_url else []
    checkin_status, checkin = _run("checkin_throughput.py", ["--rounds", str(args.rounds)])
    instructions_status, instructions = _run("instructions.py", [])
    streaks_status, streaks = _run("streaks_latency.py", streaks_args)
    integrity_status, integrity = _run("integrity.py", streaks_args)
    push_status, fanout = _run("push_fanout.py", streaks_args)
    hostile_status, hostile = _run("hostile_input.py", streaks_args)
    history_status, history = _run("history_load.py", streaks_args)
    rows = _checkin_rows(checkin) if checkin else []
    rows += _instruction_rows(instructions) if instructions else []
    rows += _streaks_rows(streaks) if streaks else []
    rows += _integrity_rows(integrity) if integrity else []
    rows += _push_rows(fanout) if fanout else []
    rows += _hostile_rows(hostile) if hostile else []
    rows += _history_rows(history) if history else []
    _print_rows(rows)
    results = (
        ("checkin", checkin),
        ("instructions", instructions),
        ("streaks", streaks),
        ("integrity", integrity),
        ("push", fanout),
        ("hostile", hostile),
        ("history", history),
    )
    problems = [name for name, result in results if not result]
    for name in problems:
        print(f"{name}: no results from this run (it could not run)")
    statuses = (
        checkin_status,
        instructions_status,
        streaks_status,
        integrity_status,
        push_status,
        hostile_status,
        history_status,
    )
    ok = not problems and all(status == 0 for status in statuses)
    ok = ok and all(met is not False for *_, met in rows)
    print("all targets met" if ok else "a target was missed or a benchmark failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
