"""The reminder process: APScheduler runs a sweep every minute, in a process of its own.

The only module that imports apscheduler. Never started inside web workers: `flask --app
tracker reminders run` (which `make run` starts beside the web server) is that process.

A sweep at instant `now`:
1. moves rules whose owner changed time zone to the new zone;
2. claims due rules in batches (a conditional UPDATE per rule; FOR UPDATE SKIP LOCKED on
   PostgreSQL), records one delivery per (rule, slot) and queues a message per device,
   with the follow-ups of quiet applications at each morning slot, then claims the due
   interview messages the same way, and commits: the claim is durable before anything is
   sent;
3. marks messages a dead sweep left half-sent as interrupted (once), then takes pending
   messages in batches (again a conditional UPDATE), sends them on a thread pool, and
   commits each batch's outcomes and attempts.
Stopping (SIGTERM, SIGINT) lets requests already on the wire finish and be recorded, and
puts messages not yet sent back in the queue for the next sweep: nothing is sent twice.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections import Counter
from datetime import UTC, datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from tracker import backup, clock, push
from tracker.core import journey_messages as journey
from tracker.extensions import db
from tracker.services import deliveries, outbox, reminders, sending

log = logging.getLogger(__name__)

SWEEP_SECONDS = 60
BACKUP_AT = (3, 17)  # UTC, when few people check in: the daily backup
HISTORY_AT = (3, 47)  # UTC: the daily trim of what was sent (outbox.HISTORY)
QUIET_REASONS = (
    "break",
    "active",
    "replaced",
    "no_rejection",
    "restful",
    journey.QUIET_ANSWERED,
    journey.QUIET_CLOSED,
)
JOURNEY_KINDS = (*journey.INTERVIEW_KINDS, journey.FOLLOW_UP)
MESSAGE_STATES = ("delivered", "retry", "gone", "failed", "expired", "interrupted", "released")


def sweep(
    app: Flask, now: datetime, stop: threading.Event | None = None, workers: int = push.WORKERS
) -> dict:
    """Run one sweep at the aware instant `now` and return its summary (counts and where the
    time went). Safe to run beside other sweeps: claims are atomic."""
    counts: Counter = Counter()
    seconds: Counter = Counter()
    stopping = stop.is_set if stop is not None else (lambda: False)
    began, cpu_began = time.perf_counter(), time.process_time()
    with app.app_context(), push.Sender(workers) as sender:
        session = db.session
        vapid = push.Vapid.from_config(app.config)
        base_url = app.config["BASE_URL"]
        try:
            counts["moved"] += reminders.resync_zones(session, now)
            session.commit()
            while not stopping():
                mark = time.perf_counter()
                seen = deliveries.claim_due(session, now, counts, base_url)
                session.commit()
                seconds["claim"] += time.perf_counter() - mark
                if seen < deliveries.CLAIM_BATCH:
                    break
            mark = time.perf_counter()
            deliveries.claim_interview_messages(session, now, counts, base_url)
            session.commit()
            seconds["claim"] += time.perf_counter() - mark
            outbox.interrupt_stale(session, now, counts)
            while not stopping():
                mark = time.perf_counter()
                jobs = outbox.take_messages(session, now, counts)
                session.commit()
                seconds["take"] += time.perf_counter() - mark
                if not jobs:
                    break
                mark = time.perf_counter()
                # Signed with the real time, not `now`: push services check the JWT's expiry.
                results = sending.send_jobs(jobs, sender, vapid, stop, now=time.time())
                seconds["send"] += time.perf_counter() - mark
                mark = time.perf_counter()
                outbox.record_outcomes(session, now, results, counts)
                session.commit()
                seconds["record"] += time.perf_counter() - mark
        finally:
            session.rollback()
            db.session.remove()
    seconds["total"] = time.perf_counter() - began
    seconds["cpu"] = time.process_time() - cpu_began  # the process's, all its threads
    return summary(now, counts, seconds)


def summary(now: datetime, counts: Counter, seconds: Counter) -> dict:
    """The JSON summary of a sweep: what happened to rules, slots and messages."""
    return {
        "now": now.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "rules": {name: counts[name] for name in ("rules", "moved", "lost")},
        "slots": {
            "queued": counts["queued"],
            "stale": counts["stale"],
            "no_devices": counts["no_devices"],
            "quiet": {reason: counts[f"quiet_{reason}"] for reason in QUIET_REASONS},
            "journey": {kind: counts[kind] for kind in JOURNEY_KINDS},
        },
        "messages": {"queued": counts["messages"]}
        | {name: counts[name] for name in MESSAGE_STATES},
        "seconds": {name: round(value, 3) for name, value in seconds.items()},
    }


def _sweep_job(app: Flask, stop: threading.Event, busy: threading.Lock) -> None:
    with busy:
        if stop.is_set():
            return
        result = sweep(app, clock.now_utc(), stop)
    log.info("sweep", extra={"summary": result})


def _backup_job(app: Flask) -> None:
    """The daily backup, keeping the newest seven (tracker/backup.py; it never raises)."""
    directory = backup.directory_of(app.config, app.instance_path)
    backup.daily(app.config["SQLALCHEMY_DATABASE_URI"], directory, clock.now_utc())


def _history_job(app: Flask) -> None:
    """Forget deliveries, messages and attempts older than outbox.HISTORY."""
    with app.app_context():
        removed = outbox.forget_old(db.session, clock.now_utc())
        db.session.commit()
    log.info("push history trimmed", extra={"deliveries": removed})


def jobs(app: Flask, stop: threading.Event, busy: threading.Lock) -> list[dict]:
    """The process's jobs, as keyword arguments of `add_job`; add a job by adding an entry."""
    return [
        {
            "func": _sweep_job,
            "args": (app, stop, busy),
            "trigger": "interval",
            "seconds": SWEEP_SECONDS,
            "id": "reminders-sweep",
            "next_run_time": datetime.now(UTC),
            "coalesce": True,
            "max_instances": 1,
        },
        {
            "func": _backup_job,
            "args": (app,),
            "trigger": "cron",
            "hour": BACKUP_AT[0],
            "minute": BACKUP_AT[1],
            "id": "daily-backup",
        },
        {
            "func": _history_job,
            "args": (app,),
            "trigger": "cron",
            "hour": HISTORY_AT[0],
            "minute": HISTORY_AT[1],
            "id": "push-history",
        },
    ]


def block_stop_signals() -> None:
    """Keep SIGTERM and SIGINT away from the calling thread (a job thread), so that only the
    main thread receives them.

    The kernel hands a process signal to any thread that does not block it; one caught by a
    job thread would leave the main thread asleep in the scheduler's wait until its next
    job, so the process would not stop for up to a minute. Threads a job starts (the
    sweep's sending pool) inherit the mask.
    """
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})


def make_scheduler(app: Flask, stop: threading.Event, busy: threading.Lock) -> BlockingScheduler:
    """The process's scheduler with its jobs: a missed run is run once, not caught up
    (coalesce), and a job never overlaps itself (max_instances=1)."""
    scheduler = BlockingScheduler(
        timezone=UTC,
        # A thread each: the sweep, the daily backup and the daily trim may overlap.
        executors={"default": ThreadPoolExecutor(3, {"initializer": block_stop_signals})},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": SWEEP_SECONDS},
    )
    for job in jobs(app, stop, busy):
        scheduler.add_job(**job)
    return scheduler


def run(app: Flask) -> None:
    """Run the scheduler until SIGTERM or SIGINT, then finish (or hand back) the sweep in
    progress before returning."""
    stop, busy = threading.Event(), threading.Lock()
    scheduler = make_scheduler(app, stop, busy)

    def shut_down(signum, _frame) -> None:
        log.info("stopping", extra={"signal": signal.Signals(signum).name})
        stop.set()
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, shut_down)
    signal.signal(signal.SIGINT, shut_down)
    log.info("reminder process started", extra={"interval_seconds": SWEEP_SECONDS})
    scheduler.start()
    with busy:  # wait for the sweep in progress to record what it sent
        pass
    log.info("reminder process stopped")
