"""Instructions per check-in, counted by valgrind's callgrind: repeatable whatever else the
machine is doing, so a change to the request path shows even when wall-clock noise hides it.

    .venv/bin/python bench/instructions.py [--tree PATH] [--checkins 300]

The app is built as `make run` builds it (create_app() on a migrated SQLite file, the same
settings), in one process: an account, a token and the starter goals are made through the
API, then PUT /api/v1/goals/{id}/entries/{day} requests go through the WSGI callable. Two runs
under callgrind differ only in how many of the prepared requests they send (the warm-up, or
the warm-up and all the measured ones), so the difference divided by their number is what one
check-in costs, start-up and first-request work (imports, compiled statements) excluded. The bare
Flask endpoint of bare_app.py is counted the same way, as the floor.

`--before REV` also counts the app as it was at commit REV (exported with `git archive` into
a temporary folder), the same way, so a change's cost shows before and after in one run; by
default REV is the last commit before the web layer was re-founded on libraries.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from latency import write_result

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# The figure the check-in path had before the web layer was re-founded (docs/performance.md),
# and how far above it the re-founded path may go.
REFERENCE = 1.46e6
TARGET = 1.25 * REFERENCE
BEFORE = "c0264f9"
WARM_UP = 30
_TOTAL = re.compile(r"^summary:\s+(\d+)", re.M)


def _check_ins(prefix: str, goals: list[int], headers: dict, count: int) -> list[dict]:
    """`count` WSGI environs of PUT {prefix}/goals/{id}/entries/{day}, over the goals and the
    days of January 2026, alternating values 1 and 2."""
    from werkzeug.test import EnvironBuilder

    return [
        EnvironBuilder(
            path=f"{prefix}/goals/{goals[i % len(goals)]}/entries/2026-01-{1 + i % 28:02d}",
            method="PUT",
            headers=headers,
            data=json.dumps({"value": 1 + i % 2}),
            content_type="application/json",
        ).get_environ()
        for i in range(count)
    ]


def _app_requests(tree: str, count: int):
    """The real app in `tree`, ready: (the WSGI callable, `count` environs of check-ins)."""

    sys.path.insert(0, tree)
    tmp = tempfile.mkdtemp(prefix="bench-instructions-")
    os.environ.update(
        INSTANCE_PATH=f"{tmp}/instance",
        DATABASE_URL=f"sqlite:///{tmp}/app.sqlite3",
        SECRET_KEY="bench-" + os.urandom(16).hex(),
        REGISTRATION_OPEN="true",
    )
    from flask_migrate import upgrade

    from tracker import create_app

    app = create_app()
    with app.app_context():
        upgrade()
    client = app.test_client()
    login = {"email": "bench@example.com", "password": "a long bench password"}
    client.post("/api/v1/accounts", json={**login, "timezone": "UTC"})
    token = client.post("/api/v1/tokens", json={**login, "name": "bench"}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    goals = [g["id"] for g in client.get("/api/v1/goals", headers=headers).get_json()]
    return app, _check_ins("/api/v1", goals, headers, count)


def _bare_requests(count: int):
    """The bare endpoint on a fresh SQLite file: (the WSGI callable, `count` environs)."""

    sys.path.insert(0, str(BENCH))
    from bare_app import create_app, init_db

    os.environ["BARE_DATABASE"] = tempfile.mkdtemp(prefix="bench-bare-") + "/bare.sqlite3"
    init_db(os.environ["BARE_DATABASE"])
    headers = {"Authorization": "Bearer same-header-size-as-the-app-gets-0123456789abcdef"}
    return create_app(), _check_ins("", [1, 2, 3], headers, count)


def serve(kind: str, tree: str, prepared: int, sent: int) -> None:
    """Inside callgrind: prepare `prepared` check-ins, send the first `sent` of them."""
    app, environs = _bare_requests(prepared) if kind == "bare" else _app_requests(tree, prepared)
    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    for environ in environs[:sent]:
        for _chunk in app(environ, start_response):
            pass
    wrong = [s for s in statuses if not s.startswith("200")]
    if wrong:
        raise SystemExit(f"{len(wrong)} check-ins were refused, e.g. {wrong[0]}")


def _instructions(kind: str, tree: str, prepared: int, sent: int, tmp: Path) -> int:
    out = tmp / f"callgrind.{kind}.{sent}"
    command = [
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={out}",
        sys.executable,
        __file__,
        "--serve",
        kind,
        "--tree",
        tree,
        "--checkins",
        str(prepared),
        "--sent",
        str(sent),
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # LOG_LEVEL as make run has it: a line each
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=1800)
    return int(_TOTAL.search(out.read_text(errors="replace")).group(1))


def per_checkin(kind: str, tree: str, count: int) -> float:
    """Instructions of `count` check-ins beyond the same run sending only the warm-up, per
    check-in."""
    prepared = WARM_UP + count
    with tempfile.TemporaryDirectory() as tmp:
        idle = _instructions(kind, tree, prepared, WARM_UP, Path(tmp))
        busy = _instructions(kind, tree, prepared, prepared, Path(tmp))
    return (busy - idle) / count


def _before(revision: str, count: int) -> float | None:
    """Instructions per check-in of the app at `revision`, or None when git cannot export it
    (a shallow clone)."""
    with tempfile.TemporaryDirectory(prefix="bench-before-") as tree:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=False
        )
        if archive.returncode != 0:
            print(f"cannot export {revision}: {archive.stderr.decode().strip()}", file=sys.stderr)
            return None
        subprocess.run(["tar", "-x", "-C", tree], input=archive.stdout, check=True)
        return per_checkin("app", tree, count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", default=str(ROOT), help="the checkout of the app to count")
    parser.add_argument("--before", default=BEFORE, help="a commit to count as well ('' skips)")
    parser.add_argument("--checkins", type=int, default=300)
    parser.add_argument("--serve", choices=["app", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--sent", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, default=BENCH / "results" / "instructions.json")
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.tree, args.checkins, args.sent)
        return 0
    app = per_checkin("app", args.tree, args.checkins)
    bare = per_checkin("bare", args.tree, args.checkins)
    before = _before(args.before, args.checkins) if args.before else None
    result = {
        "tree": args.tree,
        "app_per_checkin": round(app),
        "bare_per_checkin": round(bare),
        "before": args.before or None,
        "before_per_checkin": round(before) if before is not None else None,
        "reference": REFERENCE,
        "target": TARGET,
        "met": app <= TARGET,
    }
    write_result(args.output, result)
    print(f"app  {app / 1e6:.2f} M instructions per check-in (at most {TARGET / 1e6:.2f} M)")
    print(f"bare {bare / 1e6:.2f} M instructions per check-in (the floor)")
    if before is not None:
        print(f"at {args.before}: {before / 1e6:.2f} M instructions per check-in")
    return 0 if result["met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
