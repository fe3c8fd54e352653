"""Web bench: a service page from the page cache and uncached, against a static file.

Run by `make bench`. Builds a throw-away demo site in a temporary var dir
(SQLite, settings torg.settings.dev with DEBUG=False), starts the same front
server as `make run` (granian, WSGI, 2 workers x 2 blocking threads, WhiteNoise
and the page cache in front of Django) on a free loopback port, and loads it
with wrk at 64 connections after a warm-up:

  (a) a static file with the same bytes as the service page's HTML, served by
      WhiteNoise through the same granian server: the reference;
  (b) the service page for an anonymous visitor, answered by the page cache
      (every response checked to carry X-Torg-Cache: hit before the run);
  (c) the same page uncached: a second server run with
      TORG_PAGE_CACHE_ENABLED=false, so every request is a full Django render
      (middleware, Wagtail routing, queries, templates).

Targets: b >= 30 % of a, c >= 300 req/s. Exits 1 when a target is missed.

    .venv/bin/python bench/web.py [--duration 10] [--connections 64]
                                  [--workers 2] [--threads 4] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
STATIC_PATH = "/static/bench/service-page.html"
CACHED_SHARE_TARGET = 0.30
UNCACHED_TARGET_RPS = 300.0


@dataclass
class Result:
    label: str
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement (default 10)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up before each (default 3)")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "2")))
    parser.add_argument("--keep", action="store_true", help="keep the temporary var dir")
    parser.add_argument("--prepare", metavar="OUT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        return prepare_page(Path(args.prepare))

    wrk = find_wrk()
    var_dir = Path(tempfile.mkdtemp(prefix="torg-bench-"))
    env = bench_env(var_dir)
    try:
        print(f"Setting up the demo in {var_dir} …", flush=True)
        url, size = set_up(env, var_dir)
        print(f"Service page: {url} ({size} bytes); static copy: {STATIC_PATH}", flush=True)

        results: list[Result] = []
        with server(env, args.workers, args.threads) as base:
            check(base + STATIC_PATH, expect_cache=None)
            fetch(base + url)
            check(base + url, expect_cache="hit")
            results.append(measure(wrk, base + STATIC_PATH, f"(a) static file, {size} B", args))
            results.append(measure(wrk, base + url, "(b) service page, page cache hit", args))
        with server({**env, "TORG_PAGE_CACHE_ENABLED": "false"}, args.workers, args.threads) as base:
            check(base + url, expect_cache=None)
            results.append(measure(wrk, base + url, "(c) service page, uncached (cache off)", args))
    finally:
        if args.keep:
            print(f"Kept {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
    return report(results, args)


def find_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        subprocess.run([str(ROOT / "scripts" / "system-packages.sh")], check=False)
        wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is missing: sudo apt-get install wrk")
    return wrk


def bench_env(var_dir: Path) -> dict[str, str]:
    """The one-machine setup of `make run`, in a temporary var dir, with DEBUG off."""
    env = dict(os.environ)
    for name in ("DATABASE_URL", "REDIS_URL", "TORG_PAGE_CACHE_ENABLED"):
        env.pop(name, None)  # SQLite and file caches in var_dir, as `make run` does by default
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "torg.settings.dev",
            "DEBUG": "false",
            "TORG_VAR_DIR": str(var_dir),
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def manage(env: Mapping[str, str], *args: str, timeout: int = 600) -> None:
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True, timeout=timeout)


def set_up(env: dict[str, str], var_dir: Path) -> tuple[str, int]:
    """Migrate, load the demo, collect static files; return the service page's URL and size."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    out = var_dir / "page.json"
    # The static copy is written into STATIC_ROOT before the server starts:
    # WhiteNoise indexes its root once, at start-up, when DEBUG is off.
    subprocess.run([PYTHON, __file__, "--prepare", str(out)], cwd=ROOT, env=env, check=True, timeout=120)
    page = json.loads(out.read_text())
    return str(page["url"]), int(page["size"])


def prepare_page(out: Path) -> int:
    """Inside the bench's Django: pick a service page, render it, copy its HTML to STATIC_ROOT."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from torg.web.models import ServicePage

    page = ServicePage.objects.live().public().order_by("path").first()
    if page is None:
        sys.exit("The demo has no service page.")
    url = page.get_url()
    response = Client(HTTP_HOST="127.0.0.1").get(url)
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    target = Path(settings.STATIC_ROOT) / STATIC_PATH.removeprefix(settings.STATIC_URL)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(response.content)
    out.write_text(json.dumps({"url": url, "size": len(response.content)}))
    return 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(env: Mapping[str, str], workers: int, threads: int) -> Iterator[str]:
    """The front server of `make run` (granian + torg.wsgi) on a free loopback port."""
    port = free_port()
    granian = ROOT / ".venv" / "bin" / "granian"
    command = [
        str(granian) if granian.exists() else "granian",
        *("--interface", "wsgi", "torg.wsgi:application"),
        *("--host", "127.0.0.1", "--port", str(port)),
        *("--workers", str(workers), "--blocking-threads", str(threads)),
        *("--no-access-log", "--log-level", "warning"),
    ]
    proc = subprocess.Popen(command, cwd=ROOT, env=dict(env), start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"granian stopped with exit code {proc.returncode}")
            try:
                fetch(base + "/robots.txt")
                break
            except (OSError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    raise RuntimeError("granian did not answer within 60 s") from None
                time.sleep(0.3)
        yield base
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


def check(url: str, *, expect_cache: str | None) -> None:
    status, headers, _body = fetch(url)
    cache = headers.get("x-torg-cache")
    if status != 200 or cache != expect_cache:
        raise RuntimeError(f"{url}: status {status}, X-Torg-Cache {cache!r}; expected 200, {expect_cache!r}")


_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
_TOTAL = re.compile(r"(\d+) requests in")
_PERCENTILE = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_run(wrk: str, url: str, args: argparse.Namespace, seconds: int) -> str:
    command = [
        wrk,
        *("-t", str(args.wrk_threads), "-c", str(args.connections), "-d", f"{seconds}s"),
        *("--timeout", "10s", "--latency", url),
    ]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 30).stdout


def measure(wrk: str, url: str, label: str, args: argparse.Namespace) -> Result:
    print(f"{label}: warm-up {args.warmup} s, then {args.duration} s …", flush=True)
    wrk_run(wrk, url, args, args.warmup)
    out = wrk_run(wrk, url, args, args.duration)
    rps = _RPS.search(out)
    total = _TOTAL.search(out)
    percentiles = {p: float(v) * _UNIT_MS[u] for p, v, u in _PERCENTILE.findall(out)}
    if rps is None or total is None or set(percentiles) != {"50", "99"}:
        raise RuntimeError(f"Could not read wrk's output:\n{out}")
    errors = 0
    if found := _NON_2XX.search(out):
        errors += int(found.group(1))
    if found := _SOCKET_ERRORS.search(out):
        errors += sum(int(n) for n in found.groups())
    return Result(label, float(rps.group(1)), percentiles["50"], percentiles["99"], int(total.group(1)), errors)


def report(results: list[Result], args: argparse.Namespace) -> int:
    static, cached, uncached = results
    print()
    print(
        f"Torg web bench: granian {args.workers} workers x {args.threads} blocking threads, "
        f"wrk {args.connections} connections x {args.duration} s, loopback, SQLite, DEBUG=False, "
        f"{os.cpu_count()} CPUs shared by server and wrk"
    )
    print(f"{'':42} {'req/s':>9} {'p50':>9} {'p99':>9} {'errors':>7}")
    for r in results:
        print(f"{r.label:42} {r.rps:9.0f} {r.p50_ms:7.2f}ms {r.p99_ms:7.2f}ms {r.errors:7d}")
    share_b = cached.rps / static.rps
    share_c = uncached.rps / static.rps
    passed_b = share_b >= CACHED_SHARE_TARGET and cached.errors == 0 and static.errors == 0
    passed_c = uncached.rps >= UNCACHED_TARGET_RPS and uncached.errors == 0
    print()
    print(f"b/a = {share_b:6.1%}   target >= {CACHED_SHARE_TARGET:.0%}        {'PASS' if passed_b else 'FAIL'}")
    print(f"c/a = {share_c:6.1%}   (c = {uncached.rps:.0f} req/s)")
    print(f"c   = {uncached.rps:6.0f}   target >= {UNCACHED_TARGET_RPS:.0f} req/s   {'PASS' if passed_c else 'FAIL'}")
    return 0 if passed_b and passed_c else 1


if __name__ == "__main__":
    sys.exit(main())


def postgres(url: str, action: str) -> None:
    """Create the bench's database named in ``url`` (it must not exist: the bench drops it afterwards), or drop it."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if action == "drop":
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        elif conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            sys.exit(f"Database {name} exists. The bench creates and drops its own: name a new one or drop this one.")
        else:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


@contextmanager
def autoanalyze(url: str | None) -> Iterator[list[int]]:
    """ANALYZE every 60 s, as autovacuum would, when the PostgreSQL server has autovacuum off.

    Without it the planner never learns that the task table grew, and the worker's
    claim query sorts the whole backlog for every task. Yields [] (autovacuum on, or
    SQLite), or a one-item list counting the ANALYZE runs.
    """
    runs: list[int] = []
    if url is None:
        yield runs
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SHOW autovacuum").fetchone()
        stopping = threading.Event()

        def analyze() -> None:
            while not stopping.wait(60):
                conn.execute("ANALYZE")
                runs[0] += 1

        thread = threading.Thread(target=analyze, daemon=True)
        if row is not None and row[0] != "on":
            runs.append(0)
            thread.start()
        try:
            yield runs
        finally:
            stopping.set()
            if thread.is_alive():
                thread.join()
