"""Push fan-out: one sweep sending a plan reminder to 200 users x 10 devices (2,000 pushes).

The pushes go to the local push service (tools/push_service.py) in a process of its own,
which verifies every VAPID JWT and decrypts every Nth aes128gcm body (`--decrypt-every`,
default 10; 1 decrypts all) with the subscriber keys it generated, so that on a two-core
machine the figure measures the sender rather than the receiver. The sweep runs as the
command `flask --app tracker reminders sweep` in a process of its own, timed from its start
(`--in-process` calls scheduler.sweep here instead, with `--workers` threads, to choose the
worker count). The run passes when every message arrived exactly once and valid, every
sampled body decrypted, and the sweep reached 1,000 pushes per second.

    .venv/bin/python bench/push_fanout.py [--users 200] [--devices 10] [--decrypt-every 10]
                                          [--in-process [--workers 16]]
                                          [--database-url postgresql+psycopg://…]

Reported: pushes per second over the sweep and over the whole command (its start included:
Python, the app's imports), CPU per push of the sweep alone (its summary's process time), of
the sweep's process with its start and of the push service, the load average before and after,
how many VAPID headers were signed (one per push service and hour), and, on one core, what
encryption and one VAPID signature cost.
Exit status: 0 when the target is met with no errors, 1 when not, 2 when it could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the package from this tree, however it was installed

from latency import busy_note, machine, write_result  # noqa: E402
from pywebpush import WebPusher  # noqa: E402
from scratch_database import scratch_database  # noqa: E402
from sqlalchemy import insert, update  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from tracker import create_app, push, scheduler  # noqa: E402
from tracker.core.days import local_date  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.models import PushSubscription, ReminderRule  # noqa: E402
from tracker.services import accounts, reminders  # noqa: E402

TARGET_PER_SECOND = 1000.0
CREATED = datetime(2026, 3, 18, 12, tzinfo=UTC)
SLOT = datetime(2026, 3, 19, 8, tzinfo=UTC)  # 09:00 in Berlin: every user's plan


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--devices", type=int, default=10, help="subscriptions per user")
    parser.add_argument("--workers", type=int, default=push.WORKERS, help="with --in-process")
    parser.add_argument("--in-process", action="store_true", help="sweep here, not a command")
    parser.add_argument("--decrypt-every", type=int, default=10, help="the receiver's sample")
    parser.add_argument("--database-url", help="PostgreSQL instead of a temporary SQLite file")
    parser.add_argument("--output", type=Path, help="write the figures here as JSON")
    return parser.parse_args(argv)


@contextlib.contextmanager
def _push_service(decrypt_every: int):
    """The push service in its own process (it must not share our interpreter's GIL)."""
    script = [sys.executable, str(ROOT / "tools" / "push_service.py")]
    sample = ["--decrypt-every", str(decrypt_every)]
    process = subprocess.Popen(script + sample, stdout=subprocess.PIPE, text=True)
    try:
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


def _call(origin: str, path: str, body: dict | None = None) -> object:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(origin + path, data=data, method="POST" if data else "GET")
    with urllib.request.urlopen(request, timeout=600) as answer:
        return json.loads(answer.read())


def _populate(app, origin: str, users: int, devices: int) -> None:
    """Users through the app's own sign-up (cheap hashes), devices and rules in bulk."""
    accounts.generate_password_hash = functools.partial(
        generate_password_hash, method="pbkdf2:sha256:1000"
    )
    wanted = {"count": users * devices, "server_key": app.config["VAPID_PUBLIC_KEY"]}
    subscriptions = _call(origin, "/_subscribe", wanted)
    today = local_date(CREATED, "Europe/Berlin")
    with app.app_context():
        session = db.session
        people = [
            accounts.create_account(
                session, f"person{n}@example.com", "long enough", "Europe/Berlin", today, CREATED
            )
            for n in range(users)
        ]
        for person in people:
            reminders.ensure_rules(session, person, CREATED)
        rows = [
            {
                "user_id": people[n // devices].id,
                "endpoint": sub["endpoint"],
                "p256dh": sub["keys"]["p256dh"],
                "auth": sub["keys"]["auth"],
                "user_agent": "bench",
                "created_at": CREATED,
                "last_seen_at": CREATED,
            }
            for n, sub in enumerate(subscriptions)
        ]
        session.execute(insert(PushSubscription), rows)
        # Only the plans fan out here: the comebacks stay quiet (no rejection), nudges wait.
        session.execute(
            update(ReminderRule).where(ReminderRule.kind == "nudge").values(next_fire_at=None)
        )
        session.commit()
        session.remove()


def _per_push_costs(app, origin: str, samples: int = 500) -> dict[str, float]:
    """Microseconds per push for encryption alone and VAPID signing alone, on one core."""
    subscription = _call(origin, "/_subscribe", {"count": 1})[0]
    payload = json.dumps({"kind": "plan", "title": "Today's plan", "body": "x" * 120}).encode()
    pusher = WebPusher(subscription)
    began = time.perf_counter()
    for _ in range(samples):
        pusher.encode(payload, "aes128gcm")
    encrypt = (time.perf_counter() - began) / samples
    vapid = push.Vapid.from_config(app.config)
    began = time.perf_counter()
    for _ in range(samples):
        vapid.sign(origin, int(time.time()) + 3600)
    sign = (time.perf_counter() - began) / samples
    return {"encrypt_us": encrypt * 1e6, "vapid_sign_us": sign * 1e6}


def _sweep_command(app, url: str, tmp: str) -> tuple[dict, float, float]:
    """`flask --app tracker reminders sweep` in a process of its own: its summary, the
    seconds from its start to its end, and the CPU seconds it used."""
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "INSTANCE_PATH": tmp,
        "SECRET_KEY": "push-fanout-benchmark-secret-key",
        "VAPID_PRIVATE_KEY": app.config["VAPID_PRIVATE_KEY"],
        "VAPID_SUBJECT": app.config["VAPID_SUBJECT"],
        "PUSH_ALLOWED_HOSTS": "127.0.0.1",
    }
    flask = [sys.executable, "-m", "flask", "--app", "tracker", "reminders", "sweep"]
    at = (SLOT + timedelta(seconds=5)).isoformat()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(
        [*flask, "--now", at], env=environment, cwd=ROOT, capture_output=True, text=True
    )
    seconds = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"reminders sweep failed: {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return json.loads(done.stdout.strip().splitlines()[-1]), seconds, cpu


def _sweep_here(app, workers: int) -> tuple[dict, float, float]:
    began, cpu_began = time.perf_counter(), time.process_time()
    summary = scheduler.sweep(app, SLOT + timedelta(seconds=5), workers=workers)
    return summary, time.perf_counter() - began, time.process_time() - cpu_began


def _measure(args: argparse.Namespace, origin: str, tmp: str) -> dict:
    os.environ["INSTANCE_PATH"] = tmp
    with scratch_database(args.database_url, Path(tmp), "fanout") as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "PUSH_ALLOWED_HOSTS": ("127.0.0.1",)})
        with app.app_context():
            db.create_all()
        began = time.perf_counter()
        _populate(app, origin, args.users, args.devices)
        populated = time.perf_counter() - began
        service_cpu = _call(origin, "/_stats")["cpu_seconds"]
        if args.in_process:
            summary, seconds, cpu = _sweep_here(app, args.workers)
        else:
            summary, seconds, cpu = _sweep_command(app, url, tmp)
        stats = _call(origin, "/_stats")
        stats["cpu_seconds"] = round(stats["cpu_seconds"] - service_cpu, 3)
        costs = _per_push_costs(app, origin)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    return {"setup_seconds": round(populated, 2), "sweep": summary, "service": stats} | {
        "wall": seconds,
        "cpu": cpu,
        "costs": costs,
    }


def run(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as tmp, _push_service(args.decrypt_every) as origin:
        measured = _measure(args, origin, tmp)
    pushes, summary, stats = args.users * args.devices, measured["sweep"], measured["service"]
    seconds, costs = summary["seconds"], measured["costs"]
    delivered = summary["messages"]["delivered"]
    return {
        "machine": machine(),
        "database": "postgresql" if args.database_url else "sqlite",
        "users": args.users,
        "devices_per_user": args.devices,
        "sweep_runs": "in this process" if args.in_process else "as its own command",
        "workers": args.workers if args.in_process else push.WORKERS,
        "per_host": push.PER_HOST,
        "pushes": pushes,
        "setup_seconds": measured["setup_seconds"],
        "sweep": summary,
        "service": stats,
        "pushes_per_second": round(delivered / seconds["total"], 1),
        "pushes_per_second_with_start": round(delivered / measured["wall"], 1),
        "where_the_time_goes": {
            "database_s": round(sum(seconds.get(k, 0) for k in ("claim", "take", "record")), 3),
            "send_s": seconds.get("send", 0),
            "command_s": round(measured["wall"], 3),
            "sweep_process_cpu_ms_per_push": round(measured["cpu"] / pushes * 1e3, 3),
            # The sweep alone, without the command's start (Python, the app's imports).
            "sweep_cpu_ms_per_push": round(seconds.get("cpu", 0) / pushes * 1e3, 3),
            "push_service_cpu_ms_per_push": round(stats["cpu_seconds"] / pushes * 1e3, 3),
            "vapid_headers_signed": stats["vapid_headers"],
            # Read by run_all.py: what encrypting every push and signing every header cost.
            "encryption_s_on_one_core": round(costs["encrypt_us"] * pushes / 1e6, 3),
            "vapid_signing_s_on_one_core": round(
                costs["vapid_sign_us"] * stats["vapid_headers"] / 1e6, 4
            ),
            "encrypt_us_per_push": round(costs["encrypt_us"], 1),
            "vapid_sign_us_once": round(costs["vapid_sign_us"], 1),
        },
        "targets": {"pushes_per_second": TARGET_PER_SECOND},
    }


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    note, load_before = busy_note(), [round(load, 2) for load in os.getloadavg()]
    if note:
        print(note, flush=True)
    try:
        result = run(args)
    except Exception as error:  # the report says why the benchmark could not run
        print(f"push fan-out could not run: {error!r}", file=sys.stderr)
        return 2
    result["note"] = note
    load_after = [round(load, 2) for load in os.getloadavg()]
    result["load_average"] = {"before": load_before, "after": load_after}  # 1, 5 and 15 min
    if args.output:
        write_result(args.output, result)
    print(json.dumps(result, indent=2))
    service, pushes = result["service"], result["pushes"]
    exact = service["exactly_once"] == pushes and service["received"] == pushes
    clean = service["refused"] == 0 and service["duplicates"] == 0 and service["decrypted"] > 0
    fast = result["pushes_per_second"] >= TARGET_PER_SECOND
    return 0 if exact and clean and fast else 1


if __name__ == "__main__":
    sys.exit(main())
