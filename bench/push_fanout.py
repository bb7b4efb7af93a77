"""Push fan-out: one sweep sending a plan reminder to 1,000 users x 10 devices (10,000 pushes).

The pushes go to the local push service (tools/push_service.py) in a process of its own,
which verifies each VAPID JWT and decrypts each aes128gcm body with the subscriber keys it
generated. The run passes when every message arrived exactly once, valid and decryptable,
and the sweep reached at least 500 pushes per second.

    .venv/bin/python bench/push_fanout.py [--users 1000] [--devices 10] [--workers 16]
                                          [--database-url postgresql+psycopg://…]

Where the time goes: the sweep reports its database phases (claiming the rules and writing
the deliveries and messages; taking messages; recording outcomes) and its send phase; this
script also times, on one core, what each push costs in encryption (ECDH, HKDF, AES-GCM)
and in VAPID signing, so the rest of the send phase is HTTP (and the GIL between threads).
Exit status: 0 when the target is met with no errors, 1 when not, 2 when it could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
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

from latency import busy_note, machine  # noqa: E402
from pywebpush import WebPusher  # noqa: E402
from scratch_database import scratch_database  # noqa: E402
from sqlalchemy import insert, update  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from tracker import create_app, push, scheduler  # noqa: E402
from tracker.core.days import local_date  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.models import PushSubscription, ReminderRule  # noqa: E402
from tracker.services import accounts, reminders  # noqa: E402

TARGET_PER_SECOND = 500.0
CREATED = datetime(2026, 3, 18, 12, tzinfo=UTC)
SLOT = datetime(2026, 3, 19, 8, tzinfo=UTC)  # 09:00 in Berlin: every user's plan


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--devices", type=int, default=10, help="subscriptions per user")
    parser.add_argument("--workers", type=int, default=push.WORKERS, help="sending threads")
    parser.add_argument("--database-url", help="PostgreSQL instead of a temporary SQLite file")
    parser.add_argument("--output", type=Path, help="write the figures here as JSON")
    return parser.parse_args(argv)


@contextlib.contextmanager
def _push_service():
    """The push service in its own process (it must not share our interpreter's GIL)."""
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "tools" / "push_service.py")], stdout=subprocess.PIPE, text=True
    )
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
        vapid._signer.sign({**vapid.claims(), "aud": origin, "exp": int(time.time()) + 3600})
    sign = (time.perf_counter() - began) / samples
    return {"encrypt_us": encrypt * 1e6, "vapid_sign_us": sign * 1e6}


def run(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as tmp, _push_service() as origin:
        os.environ["INSTANCE_PATH"] = tmp
        with scratch_database(args.database_url, Path(tmp), "fanout") as url:
            app = create_app({"SQLALCHEMY_DATABASE_URI": url, "PUSH_ALLOWED_HOSTS": ("127.0.0.1",)})
            with app.app_context():
                db.create_all()
            began = time.perf_counter()
            _populate(app, origin, args.users, args.devices)
            populated = time.perf_counter() - began
            service_cpu = _call(origin, "/_stats")["cpu_seconds"]
            cpu_began = time.process_time()
            summary = scheduler.sweep(app, SLOT + timedelta(seconds=5), workers=args.workers)
            sweep_cpu = time.process_time() - cpu_began
            stats = _call(origin, "/_stats")
            stats["cpu_seconds"] = round(stats["cpu_seconds"] - service_cpu, 3)
            costs = _per_push_costs(app, origin)
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
    pushes = args.users * args.devices
    seconds = summary["seconds"]
    per_second = summary["messages"]["delivered"] / seconds["total"]
    cpu = (costs["encrypt_us"] + costs["vapid_sign_us"]) * pushes / 1e6
    return {
        "machine": machine(),
        "database": "postgresql" if args.database_url else "sqlite",
        "users": args.users,
        "devices_per_user": args.devices,
        "workers": args.workers,
        "pushes": pushes,
        "setup_seconds": round(populated, 2),
        "sweep": summary,
        "service": stats,
        "pushes_per_second": round(per_second, 1),
        "where_the_time_goes": {
            "database_s": round(sum(seconds.get(k, 0) for k in ("claim", "take", "record")), 3),
            "send_s": seconds.get("send", 0),
            "sweep_cpu_s": round(sweep_cpu, 3),
            "push_service_cpu_s": stats["cpu_seconds"],
            "encryption_s_on_one_core": round(costs["encrypt_us"] * pushes / 1e6, 3),
            "vapid_signing_s_on_one_core": round(costs["vapid_sign_us"] * pushes / 1e6, 3),
            "http_and_threads_s": round(max(0.0, seconds.get("send", 0) - cpu), 3),
            "encrypt_us_per_push": round(costs["encrypt_us"], 1),
            "vapid_sign_us_per_push": round(costs["vapid_sign_us"], 1),
        },
        "targets": {"pushes_per_second": TARGET_PER_SECOND},
    }


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    note = busy_note()
    if note:
        print(note, flush=True)
    try:
        result = run(args)
    except Exception as error:  # the report says why the benchmark could not run
        print(f"push fan-out could not run: {error!r}", file=sys.stderr)
        return 2
    result["note"] = note
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    service, pushes = result["service"], result["pushes"]
    exact = service["exactly_once"] == pushes and service["received"] == pushes
    clean = service["refused"] == 0 and service["duplicates"] == 0
    fast = result["pushes_per_second"] >= TARGET_PER_SECOND
    return 0 if exact and clean and fast else 1


if __name__ == "__main__":
    sys.exit(main())
