"""Streaks latency: GET /api/v1/streaks for a user with three years of history.

Builds one user (3 goals, ~80 % of days done, some skipped days, about one rejection a month,
two breaks: about 3,300 entries) through the app's own services and models, then times:

- the request through the Flask test client (the target: p50 <= 15 ms),
- the same request over HTTP through gunicorn (one keep-alive connection),
- `services.history.load_history` (queries, engine and badges) and, on the very inputs it
  passes them, `tracker.core.streaks.compute` and `earned_badges` alone.

    .venv/bin/python bench/streaks_latency.py [--samples 200] [--database-url URL] [--profile]

SQLite in a temporary folder by default. With `--database-url postgresql+psycopg://…` the
tables live in a schema of their own, created for the run and dropped after it, so the rest of
that database (the test suite's tables) is never touched. Exit status: 0 when the target is
met with no errors, 1 when not, 2 when the benchmark could not run.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the package from this tree, however it was installed

from gunicorn_server import API_READY, BENCH, Settings, app_env, gunicorn  # noqa: E402
from http_load import Call, drive  # noqa: E402
from latency import finish, run_head, start_run, summary_ms  # noqa: E402
from scratch_database import scratch_database  # noqa: E402
from streaks_history import build_user  # noqa: E402

from tracker import create_app  # noqa: E402
from tracker.core.days import local_date  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.models import User  # noqa: E402
from tracker.services import accounts  # noqa: E402
from tracker.services import history as history_service  # noqa: E402

TARGET_P50_MS = 15.0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=200, help="timed requests per figure")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests before")
    parser.add_argument("--years", type=int, default=3, help="length of the history")
    parser.add_argument("--seed", type=int, default=20260318)
    parser.add_argument(
        "--database-url", help="PostgreSQL (postgresql+psycopg://…); default SQLite"
    )
    parser.add_argument("--no-http", action="store_true", help="skip the gunicorn measurement")
    parser.add_argument("--profile", action="store_true", help="cProfile the test-client requests")
    parser.add_argument("--target-p50-ms", type=float, default=TARGET_P50_MS)
    parser.add_argument("--output", type=Path, default=BENCH / "results" / "streaks.json")
    return parser.parse_args(argv)


# -- the measurements ---------------------------------------------------------------------


def _timed(function: Callable[[], object], warmup: int, samples: int) -> list[float]:
    for _ in range(warmup):
        function()
    durations = []
    for _ in range(samples):
        began = time.perf_counter()
        function()
        durations.append(time.perf_counter() - began)
    return durations


@contextmanager
def _recording(module: object, name: str) -> Iterator[list[tuple[tuple, dict, float]]]:
    """Record (args, kwargs, seconds) of every call to module.name while inside."""
    calls: list[tuple[tuple, dict, float]] = []
    original = getattr(module, name)

    def recorder(*args, **kwargs):
        began = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            calls.append((args, kwargs, time.perf_counter() - began))

    setattr(module, name, recorder)
    try:
        yield calls
    finally:
        setattr(module, name, original)


def _engine_timings(user_id: int, args: argparse.Namespace) -> dict[str, dict]:
    """load_history split into its engine part and the rest; the engine alone on its inputs.

    The rest (load_history minus compute and earned_badges) is the queries and the mapping of
    rows to the engine's dataclasses.
    """
    today = local_date(datetime.now(UTC), "UTC")

    def load() -> None:
        history_service.load_history(db.session, db.session.get(User, user_id), today)
        db.session.remove()  # every run reads from the database, as a request does

    with (
        _recording(history_service, "compute") as computed,
        _recording(history_service, "earned_badges") as badged,
    ):
        totals = _timed(load, args.warmup, args.samples)
    if len(computed) != len(badged) or len(computed) < args.samples:
        raise RuntimeError("load_history no longer calls compute and earned_badges once each")
    computed, badged = computed[-args.samples :], badged[-args.samples :]
    rest = [t - c[2] - b[2] for t, c, b in zip(totals, computed, badged, strict=True)]
    c_args, c_kwargs, _ = computed[0]
    b_args, b_kwargs, _ = badged[0]
    compute, badges = history_service.compute, history_service.earned_badges
    return {
        "load_history": summary_ms(totals),
        "compute_in_load_history": summary_ms([c[2] for c in computed]),
        "queries_and_mapping": summary_ms(rest),
        "compute": summary_ms(_timed(lambda: compute(*c_args, **c_kwargs), 5, args.samples)),
        "earned_badges": summary_ms(_timed(lambda: badges(*b_args, **b_kwargs), 5, args.samples)),
    }


def _test_client_timings(app, token: str, args: argparse.Namespace) -> tuple[dict, dict, int]:
    """(latency summary, one answer, errors) of GET /api/v1/streaks through the test client."""
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    answers: list = []

    def get() -> None:
        answers.append(client.get("/api/v1/streaks", headers=headers))

    durations = _timed(get, args.warmup, args.samples)
    errors = sum(answer.status_code != 200 for answer in answers)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [get() for _ in range(args.samples)])
        stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
        print(f"\ncProfile of {args.samples} test-client requests (cumulative):")
        stats.print_stats(30)
    return summary_ms(durations), answers[-1].get_json(), errors


def _http_timings(url: str, tmp: Path, token: str, args: argparse.Namespace) -> dict:
    """The same request over HTTP through gunicorn, one keep-alive connection."""
    env = app_env(tmp, url)
    headers = {"Authorization": f"Bearer {token}"}
    call = Call("GET", "/api/v1/streaks")
    log = tmp / "gunicorn.log"
    with gunicorn("wsgi:app", env, log, ready_path=API_READY, settings=Settings()) as server:
        drive(server, [call] * args.warmup, connections=1, headers=headers)
        outcome = drive(server, [call] * args.samples, connections=1, headers=headers)
    return outcome.summary()


# -- the run ------------------------------------------------------------------------------


def _measure(url: str, tmp: Path, args: argparse.Namespace) -> dict:
    os.environ["INSTANCE_PATH"] = str(tmp / "instance")  # never the project's instance/
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-" + "x" * 32})
    with app.app_context():
        db.create_all()
        began = time.perf_counter()
        token, counts = build_user(args.years, args.seed)
        counts["build_s"] = round(time.perf_counter() - began, 2)
        user_id = accounts.user_for_token(db.session, token).id
        db.session.remove()
        client, answer, errors = _test_client_timings(app, token, args)
        engine = _engine_timings(user_id, args)
        db.session.remove()
        db.engine.dispose()
    http = None if args.no_http else _http_timings(url, tmp, token, args)
    return {
        "history": counts,
        "test_client": client,
        "errors": errors,
        "http": http,
        "answer": answer,
        **engine,
    }


def _report(result: dict) -> None:
    h = result["history"]
    print(
        f"history: {h['entries']} entries on {h['goals']} goals, {h['rejections']} rejections, "
        f"{h['breaks']} breaks (built in {h['build_s']} s, {result['database']})"
    )
    day = result["answer"]["day"]
    print(
        f"answer: day streak {day['current']} (best {day['best']}), "
        f"{len(result['answer']['badges'])} badges"
    )
    print(f"{'':34} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    rows = [
        ("GET /api/v1/streaks (test client)", result["test_client"]),
        ("GET /api/v1/streaks (HTTP)", result["http"]),
        ("services.history.load_history", result["load_history"]),
        ("  compute, inside it", result["compute_in_load_history"]),
        ("  queries and row mapping", result["queries_and_mapping"]),
        ("core.streaks.compute alone", result["compute"]),
        ("core.badges.earned_badges alone", result["earned_badges"]),
    ]
    for name, s in rows:
        if s is not None:
            print(
                f"{name:34} {s['p50_ms']:>8.2f} {s['p90_ms']:>8.2f} {s['p99_ms']:>8.2f} "
                f"{s['max_ms']:>8.2f}"
            )
    errors = result["errors"] + (result["http"]["errors"] if result["http"] else 0)
    print(
        f"p50 {result['test_client']['p50_ms']:.2f} ms (target <= {result['targets']['p50_ms']:.0f}"
        f" ms), errors {errors}: {'PASS' if result['passed'] else 'FAIL'}"
    )


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    start = start_run()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-streaks-") as name:
            tmp = Path(name)
            with scratch_database(args.database_url, tmp, "streaks") as url:
                measured = _measure(url, tmp, args)
    except Exception as error:  # report any failure to run as such, not as a missed target
        print(f"streaks benchmark could not run: {error!r}", file=sys.stderr)
        return 2
    http_errors = measured["http"]["errors"] if measured["http"] else 0
    passed = (
        measured["errors"] == 0
        and http_errors == 0
        and measured["test_client"]["p50_ms"] <= args.target_p50_ms
    )
    result = {
        **run_head("streaks_latency", start),
        "database": "postgresql" if args.database_url else "sqlite",
        "settings": {
            "samples": args.samples,
            "warmup": args.warmup,
            "years": args.years,
            "seed": args.seed,
            "gunicorn": Settings().as_dict(),
        },
        **measured,
        "compute_share_of_p50": round(
            measured["compute"]["p50_ms"] / measured["test_client"]["p50_ms"], 3
        ),
        "targets": {"p50_ms": args.target_p50_ms, "max_errors": 0},
        "passed": passed,
    }
    return finish(args.output, result, _report)


if __name__ == "__main__":
    sys.exit(main())
