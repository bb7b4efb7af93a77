"""A gunicorn server for one benchmark: a free loopback port, a readiness wait, a sure stop."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV_BIN = ROOT / ".venv" / "bin"
API_READY = "/api/v1/openapi.json"  # answers once the app is up, signed in or not


@dataclass(frozen=True)
class Settings:
    """gunicorn settings given on the command line, over the app's settings file.

    The default is 2 processes of 4 threads (gthread, which keeps connections alive) on this
    2-core machine.
    """

    workers: int = 2
    threads: int = 4
    keep_alive_s: int = 5
    worker_class: str = "gthread"

    @classmethod
    def one_process_per_core(cls) -> Settings:
        """What the hardware can do: a plain gunicorn, one synchronous process per core."""
        return cls(workers=os.cpu_count() or 1, threads=1, worker_class="sync")

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def app_settings(env: dict[str, str]) -> dict[str, object]:
    """What tracker.gunicorn_config chooses on this machine in `env` (workers, threads, …),
    for the record of a benchmark that runs the app as `make run` starts it."""
    code = (
        "import json, runpy; s = runpy.run_module('tracker.gunicorn_config'); "
        "print(json.dumps({k: s.get(k) for k in ('workers', 'threads', 'worker_class')}))"
    )
    done = subprocess.run(
        [str(VENV_BIN / "python"), "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return {"as": "make run", **json.loads(done.stdout)}


@dataclass(frozen=True)
class Server:
    """A running gunicorn: its port, the pid of its master process, and its log."""

    port: int
    pid: int
    log: Path

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the master and its live workers (Linux)."""
        return sum(_cpu_seconds(pid) for pid in _process_tree(self.pid))


def _stat_fields(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # gone, or not Linux
        return []
    return raw.rsplit(")", 1)[1].split()  # the fields after "(command name)"


def _process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields:
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def _cpu_seconds(pid: int) -> float:
    fields = _stat_fields(pid)
    if not fields:
        return 0.0
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


class ServerError(RuntimeError):
    """The server did not start (its log is in the message)."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int, path: str) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", path)
        return connection.getresponse().status < 500
    except OSError:
        return False
    finally:
        connection.close()


def _tail(log: Path, size: int = 3000) -> str:
    return log.read_text(errors="replace")[-size:]


def _wait_ready(process: subprocess.Popen, port: int, path: str, log: Path, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"gunicorn exited with {process.returncode}:\n{_tail(log)}")
        if _answers(port, path):
            return
        time.sleep(0.1)
    raise ServerError(f"gunicorn not ready after {timeout:.0f} s:\n{_tail(log)}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()  # SIGTERM: the master stops its workers gracefully
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # its own process group (start_new_session)
        process.wait(timeout=10)


@contextmanager
def gunicorn(
    app_spec: str,
    env: dict[str, str],
    log: Path,
    *,
    ready_path: str,
    settings: Settings | None,
    chdir: Path = ROOT,
    ready_timeout: float = 30.0,
) -> Iterator[Server]:
    """Run `gunicorn app_spec` on a free loopback port and yield it; always stopped.

    `settings` None: the app's settings file alone, as `make run` starts it (its processes
    and threads for this machine). Ready means `GET ready_path` answers below 500; the
    callers warm every worker up after.
    """
    port = free_port()
    # The app's own settings file (its hooks and timeouts) for every server; the process and
    # thread counts of `settings` on the command line take precedence over it.
    command = [str(VENV_BIN / "gunicorn"), "--config=python:tracker.gunicorn_config"]
    if settings is not None:
        command += [
            f"--worker-class={settings.worker_class}",
            f"--workers={settings.workers}",
            f"--threads={settings.threads}",
            f"--keep-alive={settings.keep_alive_s}",
            "--log-level=warning",
        ]
    command += [f"--bind=127.0.0.1:{port}", f"--chdir={chdir}", "--no-control-socket", app_spec]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=chdir,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_ready(process, port, ready_path, log, ready_timeout)
        yield Server(port, process.pid, log)
    finally:
        _stop(process)


def app_env(tmp: Path, url: str, **extra: str) -> dict[str, str]:
    """The environment of the app on the database at `url`: this process's, an instance
    folder inside `tmp` (never the project's), a fresh secret key, and `extra` over them."""
    return {
        **os.environ,
        "INSTANCE_PATH": str(tmp / "instance"),
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-" + os.urandom(16).hex(),
        **extra,
    }


def migrate(env: dict[str, str], tree: Path = ROOT) -> None:
    """`flask db upgrade` of the app in `tree` on the database of `env`."""
    subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "tracker", "db", "upgrade"],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )


@contextmanager
def make_run_server(tmp: Path, url: str, **extra: str) -> Iterator[Server]:
    """The app on `url`, migrated and served as `make run` serves it (the app's own gunicorn
    settings, nothing but the address on the command line), logging into `tmp`.
    `extra`: environment variables over app_env's."""
    env = app_env(tmp, url, **extra)
    migrate(env)
    log = tmp / "gunicorn.log"
    with gunicorn(
        "wsgi:app", env, log, ready_path=API_READY, settings=None, ready_timeout=60
    ) as server:
        yield server
