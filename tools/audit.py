"""Front-end audit: Lighthouse on the sign-in, Today, journal, insights and history pages, and
Chromium's installability.

    .venv/bin/python tools/audit.py [--output bench/results/audit.json] [--root DIR]

1. Lighthouse 12 is installed under .venv/lighthouse (npm) unless it is there already.
2. A fresh SQLite file in a temporary folder, `flask --app tracker db upgrade`, then the app
   (`wsgi:app`) under gunicorn on a free port of 127.0.0.1.
3. One account through `POST /api/v1/accounts`; a session cookie from the /login form (with
   its CSRF token), handed to Lighthouse as an extra `Cookie` header for the signed-in pages.
4. Lighthouse (mobile form factor, simulated throttling, its defaults) on /login, /,
   /journal, /insights and /history
   with the performance, accessibility, best-practices and SEO categories, through Debian's
   Chromium (`CHROME_PATH`, `--headless=new --no-sandbox`). Each page is a cold load: a
   fresh profile, nothing cached, no service worker yet.
5. Chromium through Playwright in a persistent profile (CDP `Page.getInstallabilityErrors`
   only answers there) opens the Today page signed in, waits for the service worker, and
   reports the installability errors; every manifest icon is fetched and its size checked.

Targets on the signed-in pages (Today, journal, insights, history): performance >= 0.95,
accessibility 1.0, best practices 1.0; on Today also SEO >= 0.9 and a cold load <= 60,000
bytes transferred in <= 8 requests; no third-party request on any page; zero installability
errors; every manifest icon present with the size it claims.
The sign-in page's scores are printed against the same bars for information.

The summary goes to bench/results/audit.json, the full Lighthouse reports next to it
(lighthouse-login.report.{json,html}, lighthouse-today.report.{json,html}). Exit status: 0 when
every target is met, 1 when one is missed, 2 when the audit could not run (reason printed).
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
# The app is served by the gunicorn helper the benchmarks use, and the machine described alike.
sys.path.append(str(ROOT / "bench"))

from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from gunicorn_server import Settings, app_env, gunicorn, migrate  # noqa: E402
from latency import run_head, start_run, write_result  # noqa: E402
from PIL import Image, UnidentifiedImageError  # noqa: E402

LIGHTHOUSE_DIR = ROOT / ".venv" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_SPEC = "lighthouse@12"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {
    "performance": 0.95,
    "accessibility": 1.0,
    "best-practices": 1.0,
    "seo": 0.9,
    "max_transfer_bytes": 60_000,
    "max_requests": 8,
    "max_third_party_requests": 0,
    "max_installability_errors": 0,
}
PAGES = {
    "login": "/login",
    "today": "/",
    "journal": "/journal",
    "insights": "/insights",
    "history": "/history",
}
# Pages whose scores must meet TARGETS (the signed-in pages); Today also has to stay small.
GATED = frozenset({"today", "journal", "insights", "history"})
BROWSER_TYPES = frozenset({"Manifest", "Other"})
EMAIL, PASSWORD = "audit@example.com", "correct horse battery staple"
LIGHTHOUSE_TIMEOUT_S = 240
SERVICE_WORKER_WAIT_MS = 15_000


class AuditError(RuntimeError):
    """The audit could not run (the reason is in the message)."""


# --- Lighthouse ----------------------------------------------------------------------------


def ensure_lighthouse() -> str:
    """The Lighthouse version, installing it under .venv/lighthouse with npm if missing."""
    if not LIGHTHOUSE.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise AuditError("npm is not installed; Lighthouse needs Node.js 18 or newer")
        print(f"installing {LIGHTHOUSE_SPEC} into {LIGHTHOUSE_DIR.relative_to(ROOT)}", flush=True)
        command = [npm, "install", "--prefix", str(LIGHTHOUSE_DIR), LIGHTHOUSE_SPEC]
        done = subprocess.run(
            [*command, "--no-audit", "--no-fund", "--loglevel=error"],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0 or not LIGHTHOUSE.exists():
            raise AuditError(f"npm install {LIGHTHOUSE_SPEC} failed:\n{done.stderr[-2000:]}")
    done = subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0:
        raise AuditError(f"lighthouse --version failed:\n{done.stderr[-2000:]}")
    return done.stdout.strip()


def run_lighthouse(url: str, output: Path, headers: dict[str, str]) -> dict:
    """Run Lighthouse on `url`; the parsed JSON report (an HTML one is written beside it)."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output=html",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
        "--quiet",
    ]
    if headers:
        command.append(f"--extra-headers={json.dumps(headers)}")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=LIGHTHOUSE_TIMEOUT_S
    )
    report_path = output.with_suffix(".report.json")
    if done.returncode != 0 or not report_path.exists():
        raise AuditError(f"lighthouse {url} exited with {done.returncode}:\n{done.stderr[-3000:]}")
    report = json.loads(report_path.read_text())
    if report.get("runtimeError"):
        raise AuditError(f"lighthouse {url}: {report['runtimeError']}")
    return report


def _web(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _item_note(item: dict) -> str:
    """One line about one row of an audit's details table."""
    node = item.get("node") or {}
    if node:
        text = node.get("selector") or node.get("snippet") or ""
        explanation = (node.get("explanation") or "").replace("\n", " ")
        return f"{text} {explanation}".strip()[:240]
    for key in ("url", "source", "description", "label"):
        value = item.get(key)
        if isinstance(value, dict):  # e.g. a source location
            value = value.get("url") or value.get("value")
        if value:
            return str(value)[:240]
    return ""


def failing_audits(report: dict) -> list[dict]:
    """The audits of the four categories that lost points, worst first."""
    failures = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            score, mode = audit.get("score"), audit.get("scoreDisplayMode")
            if score is None or score >= 1 or mode not in ("binary", "numeric", "metricSavings"):
                continue
            details = audit.get("details") or {}
            items = details.get("items")
            items = items if isinstance(items, list) else []
            failures.append(
                {
                    "category": category,
                    "id": ref["id"],
                    "title": audit["title"],
                    "score": score,
                    "weight": ref.get("weight", 0),
                    "display": audit.get("displayValue", ""),
                    "items": [note for item in items[:6] if (note := _item_note(item))],
                }
            )
    return sorted(failures, key=lambda f: (f["score"], -f["weight"]))


def summarise(report: dict, page_url: str) -> dict:
    """Scores, transfer, requests and third parties of one Lighthouse report."""
    requests = [
        {
            "url": item["url"],
            "type": item.get("resourceType"),
            "status": item.get("statusCode"),
            "transfer_bytes": item.get("transferSize", 0),
            # The manifest, the favicon and the icon Chromium checks for installing are fetched
            # by the browser itself, not by the page; Lighthouse lists them all the same.
            "by": "browser" if item.get("resourceType") in BROWSER_TYPES else "page",
        }
        for item in report["audits"]["network-requests"]["details"]["items"]
        if _web(item["url"])
    ]
    origin = _origin(page_url)
    third = [r["url"] for r in requests if _origin(r["url"]) != origin]
    metrics = report["audits"]["metrics"]["details"]["items"][0]
    return {
        "url": page_url,
        "final_url": report.get("finalDisplayedUrl") or report.get("finalUrl"),
        "scores": {c: report["categories"][c]["score"] for c in CATEGORIES},
        "transfer_bytes": int(report["audits"]["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "page_requests": sum(r["by"] == "page" for r in requests),
        "third_party_requests": third,
        "metrics_ms": {
            name: round(metrics[name])
            for name in (
                "firstContentfulPaint",
                "largestContentfulPaint",
                "totalBlockingTime",
                "speedIndex",
            )
            if metrics.get(name) is not None
        },
        "cumulative_layout_shift": metrics.get("cumulativeLayoutShift"),
        "network": requests,
        "failing_audits": failing_audits(report),
    }


# --- the app, an account and a session ------------------------------------------------------


def _call(port: int, method: str, path: str, body: bytes | None, headers: dict[str, str]):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers)
        answer = connection.getresponse()
        return answer.status, answer.getheader("Content-Type", ""), answer.msg, answer.read()
    finally:
        connection.close()


def _cookies(message) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for header in message.get_all("Set-Cookie") or []:
        jar.load(header)
    return jar


def sign_in(port: int) -> tuple[str, str]:
    """Create the audit account and sign it in through the form: (cookie name, value)."""
    account = json.dumps({"email": EMAIL, "password": PASSWORD, "timezone": "UTC"}).encode()
    status, _, _, body = _call(
        port, "POST", "/api/v1/accounts", account, {"Content-Type": "application/json"}
    )
    if status != 201:
        raise AuditError(f"POST /api/v1/accounts answered {status}: {body[:300]!r}")
    status, _, message, body = _call(port, "GET", "/login", None, {})
    token = re.search(rb'name="csrf_token" value="([^"]+)"', body)
    if status != 200 or token is None:
        raise AuditError(f"GET /login answered {status} without a CSRF token")
    jar = _cookies(message)
    cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())
    form = urlencode({"csrf_token": token[1].decode(), "email": EMAIL, "password": PASSWORD})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    status, _, message, body = _call(port, "POST", "/login", form.encode(), headers)
    jar = _cookies(message)
    if status not in (302, 303) or not jar:
        raise AuditError(f"POST /login answered {status} without a cookie: {body[:300]!r}")
    name, morsel = next(iter(jar.items()))
    return name, morsel.value


# --- installability ------------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int] | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size if image.format == "PNG" else None
    except UnidentifiedImageError:
        return None


def check_icons(port: int, manifest: dict) -> list[str]:
    """Problems with the manifest's icons: missing, wrong type, or not the size declared."""
    problems = []
    for icon in manifest.get("icons", []):
        src, sizes = icon.get("src", ""), icon.get("sizes", "")
        status, kind, _, body = _call(port, "GET", urlsplit(src).path, None, {})
        if status != 200:
            problems.append(f"{src}: HTTP {status}")
            continue
        if icon.get("type") and not kind.startswith(icon["type"]):
            problems.append(f"{src}: served as {kind}, declared {icon['type']}")
        if kind.startswith("image/png"):
            actual = _png_size(body)
            declared = {tuple(int(n) for n in s.split("x")) for s in sizes.split() if "x" in s}
            if actual is None or (declared and actual not in declared):
                problems.append(f"{src}: {actual} px, declared {sizes}")
    return problems


_WAIT_FOR_WORKER = """
(ms) => !('serviceWorker' in navigator) ? null : Promise.race([
  navigator.serviceWorker.ready.then((r) => r.active && r.active.scriptURL),
  new Promise((resolve) => setTimeout(() => resolve(null), ms)),
])
"""


def check_installability(base: str, cookie: tuple[str, str], profile: Path) -> dict:
    """Chromium's own verdict on installing the app from the signed-in Today page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=str(profile),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
        )
        try:
            context.add_cookies([{"name": cookie[0], "value": cookie[1], "url": base}])
            page = context.pages[0] if context.pages else context.new_page()
            page.goto(base + "/", wait_until="load")
            worker = page.evaluate(_WAIT_FOR_WORKER, SERVICE_WORKER_WAIT_MS)
            cdp = context.new_cdp_session(page)
            # Chromium settles its verdict asynchronously; ask until it is clean or time is up.
            deadline = time.monotonic() + 10
            while True:
                errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
                if not errors or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            manifest = cdp.send("Page.getAppManifest")
        finally:
            context.close()
    data = json.loads(manifest.get("data") or "{}")
    return {
        "service_worker": worker,
        "manifest_url": manifest.get("url"),
        "manifest_errors": [e.get("message") for e in manifest.get("errors", [])],
        "installability_errors": [
            e["errorId"]
            + "".join(f" {a['name']}={a['value']}" for a in e.get("errorArguments", []))
            for e in errors
        ],
        "manifest": data,
    }


# --- the run -------------------------------------------------------------------------------


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "audit.json")
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the project tree to serve (default: this one)"
    )
    return parser.parse_args(argv)


def audit(args: argparse.Namespace, tmp: Path) -> dict:
    """Serve the app, sign in, run Lighthouse on both pages and check installability."""
    results_dir = args.output.parent
    results_dir.mkdir(parents=True, exist_ok=True)
    env = app_env(tmp, f"sqlite:///{tmp / 'audit.sqlite3'}", REGISTRATION_OPEN="true")
    migrate(env, args.root)
    log = tmp / "app.log"
    with gunicorn(
        "wsgi:app", env, log, ready_path="/login", settings=Settings(), chdir=args.root
    ) as server:
        base = f"http://127.0.0.1:{server.port}"
        cookie = sign_in(server.port)
        for path in PAGES.values():  # every worker has its templates compiled before the runs
            for _ in range(Settings().workers * 2):
                _call(server.port, "GET", path, None, {"Cookie": f"{cookie[0]}={cookie[1]}"})
        pages = {}
        for name, path in PAGES.items():
            headers = {"Cookie": f"{cookie[0]}={cookie[1]}"} if name in GATED else {}
            print(f"lighthouse {path} ...", flush=True)
            report = run_lighthouse(base + path, results_dir / f"lighthouse-{name}", headers)
            pages[name] = summarise(report, base + path)
        print("installability ...", flush=True)
        install = check_installability(base, cookie, tmp / "profile")
        install["icon_problems"] = check_icons(server.port, install.pop("manifest"))
    return {"pages": pages, "installability": install}


def verdicts(result: dict) -> list[tuple[str, str, str, bool | None]]:
    """(measure, figure, target, met) rows; met is None for information only."""
    rows: list[tuple[str, str, str, bool | None]] = []
    for name, page in result["pages"].items():
        gate = name == "today"
        for category in CATEGORIES:
            score, bar = page["scores"][category], TARGETS[category]
            met = score is not None and score >= bar
            gated = name in GATED and (category != "seo" or gate)
            rows.append((f"{name} {category}", f"{score}", f">= {bar}", met if gated else None))
        size, bar = page["transfer_bytes"], TARGETS["max_transfer_bytes"]
        rows.append(
            (f"{name} transfer", f"{size:,} B", f"<= {bar:,} B", size <= bar if gate else None)
        )
        count, bar = page["requests"], TARGETS["max_requests"]
        rows.append((f"{name} requests", str(count), f"<= {bar}", count <= bar if gate else None))
        rows.append((f"{name} requests by the page", str(page["page_requests"]), "", None))
        third = len(page["third_party_requests"])
        rows.append((f"{name} third-party requests", str(third), "0", third == 0))
    install = result["installability"]
    errors = install["installability_errors"] + install["manifest_errors"]
    rows.append(("installability errors", str(len(errors)), "0", not errors))
    problems = install["icon_problems"]
    rows.append(("manifest icon problems", str(len(problems)), "0", not problems))
    return rows


def report(result: dict) -> None:
    for name, page in result["pages"].items():
        print(f"\n{name} ({page['url']})")
        for request in page["network"]:
            print(
                f"  {request['transfer_bytes']:>7,} B  {request['status']}  {request['by']:<7}"
                f"  {request['type']:<10}  {request['url']}"
            )
        metrics = ", ".join(f"{k} {v} ms" for k, v in page["metrics_ms"].items())
        print(f"  {metrics}, CLS {page['cumulative_layout_shift']}")
        for failure in page["failing_audits"]:
            # Audits without weight (most performance "insights") are hints: they cost no points.
            weight = f"weight {failure['weight']}" if failure["weight"] else "no weight"
            print(
                f"  - [{failure['category']}] {failure['id']} (score {failure['score']},"
                f" {weight}): {failure['title']} {failure['display']}".rstrip()
            )
            for item in failure["items"] if failure["weight"] else failure["items"][:1]:
                print(f"      {item}")
    install = result["installability"]
    print(f"\nservice worker: {install['service_worker']}")
    for line in install["installability_errors"] + install["manifest_errors"]:
        print(f"  installability: {line}")
    for line in install["icon_problems"]:
        print(f"  icon: {line}")
    print(f"\n{'measure':32} {'figure':>14} {'target':>14}  verdict")
    for measure, figure, target, met in result["rows"]:
        verdict = "info" if met is None else "ok" if met else "MISS"
        print(f"{measure:32} {figure:>14} {target:>14}  {verdict}")
    print(f"\naudit: {'PASS' if result['passed'] else 'FAIL'}")


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    args.root = args.root.resolve()
    start = start_run()
    try:
        version = ensure_lighthouse()
        with tempfile.TemporaryDirectory(prefix="bench-audit-") as name:
            result = audit(args, Path(name))
    except (AuditError, OSError, subprocess.SubprocessError) as error:
        print(f"audit could not run: {error}", file=sys.stderr)
        detail = getattr(error, "stderr", None)
        if detail:
            print(detail.decode(errors="replace") if isinstance(detail, bytes) else detail)
        return 2
    result["rows"] = verdicts(result)
    result["passed"] = all(met is not False for *_, met in result["rows"])
    result = {
        **run_head("audit", start),
        "lighthouse": version,
        "chromium": CHROMIUM,
        "targets": TARGETS,
        **result,
    }
    write_result(args.output, result)
    report(result)
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
