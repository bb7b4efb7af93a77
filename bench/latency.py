"""Latency figures: nearest-rank percentiles in milliseconds, the machine they were taken on,
and the JSON file a run leaves in bench/results."""

from __future__ import annotations

import json
import math
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path


def percentile(ordered: Sequence[float], q: float) -> float:
    """The nearest-rank `q`-th percentile (0 < q <= 100) of an ascending, non-empty sequence."""
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50/p90/p99/max/mean of durations given in seconds, in milliseconds (3 decimals)."""
    if not seconds:
        return {
            "p50_ms": math.nan,
            "p90_ms": math.nan,
            "p99_ms": math.nan,
            "max_ms": math.nan,
            "mean_ms": math.nan,
        }
    ordered = sorted(seconds)
    figures = {f"p{q}_ms": percentile(ordered, q) for q in (50, 90, 99)}
    figures["max_ms"] = ordered[-1]
    figures["mean_ms"] = sum(ordered) / len(ordered)
    return {name: round(value * 1000, 3) for name, value in figures.items()}


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    return {
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }


def busy_note() -> str | None:
    """A warning when other work keeps the machine busy (1-minute load above half its CPUs)."""
    load, cpus = os.getloadavg()[0], os.cpu_count() or 1
    if load <= cpus / 2:
        return None
    return f"note: load average {load:.1f} on {cpus} CPUs before the run; figures will be noisy"


def start_run() -> dict[str, object]:
    """Note a run's start (the time, the load average) and say when the machine is busy;
    what run_head takes."""
    if note := busy_note():
        print(note, flush=True)
    return {"started": time.time(), "loadavg_before": os.getloadavg(), "note": note}


def run_head(benchmark: str, start: dict[str, object]) -> dict[str, object]:
    """The first fields of a run's result: which benchmark, when it finished, how long it
    took since start_run, and the machine with its load average before and after."""
    before, after = start["loadavg_before"], os.getloadavg()
    return {
        "benchmark": benchmark,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "duration_s": round(time.time() - start["started"], 1),
        "machine": {
            **machine(),
            "loadavg_before": [round(x, 2) for x in before],
            "loadavg": [round(x, 2) for x in after],
        },
    }


def finish(path: Path, result: dict, report: Callable[[dict], None]) -> int:
    """End a run: `report` its result to the reader, write it to `path`, and answer the
    exit status (0 when it passed, 1 when a target was missed)."""
    report(result)
    write_result(path, result)
    return 0 if result["passed"] else 1


def write_result(path: Path, result: dict) -> None:
    """Write a run's `result` as indented JSON to `path` (its folder made if need be) and
    say where; what JSON cannot hold (a date) is written as its text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(f"wrote {path}")
