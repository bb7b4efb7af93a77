"""Integrity under load: concurrent clients write check-ins; nothing acknowledged may be lost.

For each client count (1, 4 and 16 by default) a fresh database is migrated and the real app
runs under gunicorn. Each client has its own token and keep-alive connection and, from a
common start, sends its own distinct check-ins (dates no other client writes) interleaved
with racing ones (the same goal and date as every other client, each with its own value and
note). Afterwards the account is read back through GET /api/v1/export:

- every acknowledged (200) distinct write is there, with its value and note;
- every racing (goal, date) holds exactly one entry, whose value and note come from one and
  the same acknowledged write (never the value of one client with the note of another);
- there is no other entry.

    .venv/bin/python bench/integrity.py [--clients 1,4,16] [--database-url postgresql+psycopg://…]

Exit status: 0 when every check held with no failed request, 1 when not, 2 when it could not
run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from gunicorn_server import API_READY, BENCH, ROOT, Settings, app_env, gunicorn, migrate
from http_load import json_call
from latency import run_head, start_run, summary_ms, write_result
from scratch_database import scratch_database

sys.path.insert(0, str(ROOT))
from tracker.core.limits import MAX_ENTRY_VALUE

PASSWORD = "correct horse battery staple"
TIMEOUT_S = 30.0
Key = tuple[int, str]  # (goal id, date)


@dataclass
class Write:
    client: int
    key: Key
    value: int
    note: str
    status: int | None = None
    seconds: float = 0.0


@dataclass
class Run:
    clients: int
    writes: list[Write] = field(default_factory=list)
    wall_s: float = 0.0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", default="1,4,16", help="client counts, comma separated")
    parser.add_argument("--distinct", type=int, default=60, help="own check-ins per client")
    parser.add_argument("--racing", type=int, default=30, help="shared (goal, date) keys")
    from_env = os.environ.get("DATABASE_URL", "")
    parser.add_argument(
        "--database-url",
        default=from_env if from_env.startswith("postgresql") else None,
        help="PostgreSQL, default DATABASE_URL if it is one (a throw-away schema is used)",
    )
    parser.add_argument("--seed", type=int, default=20260318)
    parser.add_argument("--output", type=Path, default=BENCH / "results" / "integrity.json")
    return parser.parse_args(argv)


def _plan(clients: int, goals: list[int], args, rng: random.Random) -> list[list[Write]]:
    """Each client's writes in sending order: its distinct ones and the racing ones, shuffled."""
    yesterday = datetime.now(UTC).date() - timedelta(days=2)  # past in every time zone
    racing = [(goals[k % len(goals)], yesterday - timedelta(days=k)) for k in range(args.racing)]
    plans = []
    for client in range(clients):
        first = args.racing + client * args.distinct  # days back: no other client writes there
        own = [
            (goals[i % len(goals)], yesterday - timedelta(days=first + i))
            for i in range(args.distinct)
        ]
        writes = [
            Write(
                client,
                (g, d.isoformat()),
                rng.randint(0, MAX_ENTRY_VALUE),
                f"client {client}, own {n}",
            )
            for n, (g, d) in enumerate(own)
        ]
        writes += [
            Write(client, (g, d.isoformat()), client, f"client {client} raced") for g, d in racing
        ]
        rng.shuffle(writes)
        plans.append(writes)
    return plans


def _client(port: int, token: str, writes: list[Write], start: threading.Barrier) -> None:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    start.wait(timeout=TIMEOUT_S)
    for write in writes:
        goal, day = write.key
        body = json.dumps({"value": write.value, "note": write.note})
        began = time.perf_counter()
        try:
            connection.request("PUT", f"/api/v1/goals/{goal}/entries/{day}", body, headers)
            answer = connection.getresponse()
            echo = json.loads(answer.read() or b"null")
        except (OSError, http.client.HTTPException, ValueError):
            connection.close()  # reconnects on the next request; this write is unacknowledged
            continue
        write.seconds = time.perf_counter() - began
        sent = (write.value, write.note)
        ok = answer.status == 200 and (echo["value"], echo["note"]) == sent
        write.status = answer.status if ok or answer.status != 200 else -1  # -1: a wrong echo
    connection.close()


def _run_once(clients: int, tmp: Path, args, rng: random.Random) -> tuple[Run, list[int], dict]:
    with scratch_database(args.database_url, tmp, "integrity") as url:
        env = app_env(tmp, url)
        migrate(env)
        with gunicorn(
            "wsgi:app", env, tmp / f"app-{clients}.log", ready_path=API_READY, settings=Settings()
        ) as server:
            login = {"email": f"load{clients}@example.com", "password": PASSWORD}
            json_call(server.port, "POST", "/api/v1/accounts", {**login, "timezone": "UTC"})
            tokens = [
                json_call(server.port, "POST", "/api/v1/tokens", {**login, "name": f"client {n}"})
                for n in range(clients)
            ]
            auth = {"Authorization": f"Bearer {tokens[0]['token']}"}
            goals = [g["id"] for g in json_call(server.port, "GET", "/api/v1/goals", None, auth)]
            plans = _plan(clients, goals, args, rng)
            start = threading.Barrier(clients + 1)
            threads = [
                threading.Thread(target=_client, args=(server.port, t["token"], p, start))
                for t, p in zip(tokens, plans, strict=True)
            ]
            for thread in threads:
                thread.start()
            start.wait(timeout=TIMEOUT_S)
            began = time.perf_counter()
            for thread in threads:
                thread.join()
            run = Run(clients, [w for plan in plans for w in plan], time.perf_counter() - began)
            stored = json_call(server.port, "GET", "/api/v1/export", None, auth)
    return run, goals, stored


def check(run: Run, goals: list[int], stored: dict) -> dict:
    """What the stored entries say about the writes: lost, inconsistent or unexpected ones."""
    entries: dict[Key, list[tuple[int, str]]] = {}
    for goal_id, goal in zip(goals, stored["goals"], strict=True):  # both in id order
        for entry in goal["entries"]:
            entries.setdefault((goal_id, entry["date"]), []).append((entry["value"], entry["note"]))
    acked = [w for w in run.writes if w.status == 200]
    racing = {w.key for w in run.writes if w.note.endswith("raced")}
    lost = [w for w in acked if w.key not in racing and entries.get(w.key) != [(w.value, w.note)]]
    inconsistent = 0
    for key in racing:
        pairs = {(w.value, w.note) for w in acked if w.key == key}
        got = entries.get(key, [])
        if pairs and (len(got) != 1 or got[0] not in pairs):
            inconsistent += 1
    sent = {w.key for w in run.writes}
    latencies = [w.seconds for w in acked]
    return {
        "clients": run.clients,
        "writes": len(run.writes),
        "acknowledged": len(acked),
        "failed": len(run.writes) - len(acked),
        "lost": len(lost),
        "racing_keys": len(racing),
        "inconsistent": inconsistent,
        "unexpected": sum(len(v) for k, v in entries.items() if k not in sent),
        "entries": sum(len(v) for v in entries.values()),
        "wall_s": round(run.wall_s, 3),
        "throughput_rps": round(len(acked) / run.wall_s, 1) if run.wall_s else 0.0,
        **summary_ms(latencies),
    }


def _report(rows: list[dict], database: str) -> None:
    print(f"integrity under load ({database}):")
    print(
        f"{'clients':>7} {'writes':>7} {'acked':>6} {'failed':>6} {'lost':>5} {'racing':>6}"
        f" {'inconsistent':>12} {'unexpected':>10} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}"
    )
    for r in rows:
        print(
            f"{r['clients']:>7} {r['writes']:>7} {r['acknowledged']:>6} {r['failed']:>6}"
            f" {r['lost']:>5} {r['racing_keys']:>6} {r['inconsistent']:>12} {r['unexpected']:>10}"
            f" {r['throughput_rps']:>7.1f} {r['p50_ms']:>7.1f} {r['p99_ms']:>7.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    start = start_run()
    rng = random.Random(args.seed)
    rows = []
    try:
        for clients in (int(n) for n in args.clients.split(",")):
            with tempfile.TemporaryDirectory(prefix="bench-integrity-") as name:
                rows.append(check(*_run_once(clients, Path(name), args, rng)))
    except (RuntimeError, OSError, subprocess.SubprocessError, ValueError) as error:
        print(f"integrity benchmark could not run: {error}", file=sys.stderr)
        detail = getattr(error, "stderr", None)
        if detail:
            print(detail.decode(errors="replace")[-2000:], file=sys.stderr)
        return 2
    database = "postgresql" if args.database_url else "sqlite"
    passed = all(
        r["failed"] == r["lost"] == r["inconsistent"] == r["unexpected"] == 0 for r in rows
    )
    result = {
        **run_head("integrity", start),
        "database": database,
        "settings": {
            "distinct_per_client": args.distinct,
            "racing_keys": args.racing,
            "seed": args.seed,
            "gunicorn": Settings().as_dict(),
        },
        "runs": rows,
        "passed": passed,
    }
    _report(rows, database)
    print("every acknowledged write is there, racing writes left one consistent entry: "
          + ("PASS" if passed else "FAIL"))  # fmt: skip
    write_result(args.output, result)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
