"""Inquiry bench: 100 concurrent residents send 10,000 inquiries through the public form.

Run by `make bench`. Builds a throw-away demo site in a temporary var dir as
bench/web.py does (torg.settings.dev, DEBUG=False; SQLite, or PostgreSQL with
--database-url) and starts what `make run` starts: granian (WSGI, 2 workers x
2 blocking threads), `manage.py db_worker` and the scheduler, with e-mail over
SMTP to the local test gateway (torg.notifications.gateway). Rate limiting
per client is off (TORG_INQUIRY_RATE_LIMIT_PER_HOUR=0).

A resident GETs /servicetorget/ (CSRF cookie and token), POSTs the form as a
browser does (multipart, empty honeypot, empty file input) and follows the
redirect to the receipt, which must show the reference. Each resident has
their own connection, cookies and address (resident-N@bench.example). The
client is one asyncio loop on raw sockets (closed loop, no think time), so it
takes little of the CPUs it shares with the server.

Figures: latency of sending (POST + receipt: what a resident waits for after
pressing Send) p50/p90/p99/max, inquiries/s, errors; the CPU share of each
process. References in the same run, same client and concurrency: GET of a
static file and of the form page, and one SMTP mail to the gateway.

Then it checks the run's database: N new web inquiries with the residents'
addresses and the references they were shown, each with its receipt queued
(Notification `inquiry:<pk>:receipt:email`), and waits up to --mail-wait
seconds for the worker to deliver the receipts. Exits 1 if anything was lost
or any request failed.

    .venv/bin/python bench/inquiries.py [--residents 100] [--inquiries 10000]
        [--workers 2] [--threads 2] [--mail-wait 120] [--keep]
        [--database-url postgres://postgres@127.0.0.1:5432/torg_bench]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import itertools
import json
import math
import os
import shutil
import smtplib
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inquiries_client import (
    _ABOUT,
    _CSRF,
    _ERROR_LINK,
    _KIND,
    _LOCATION_REF,
    _RECEIPT_REF,
    EMAIL_DOMAIN,
    HOST,
    Browser,
    compose,
    multipart,
)
from web import ROOT, STATIC_PATH, autoanalyze, bench_env, free_port, postgres, set_up, stop

PYTHON = sys.executable
FORM_PATH = "/servicetorget/"
PROBE_TO = "probe@gateway.invalid"
CPU_ORDER = ["server", "worker", "scheduler", "gateway", "postgres", "other processes"]
NETWORK_ERRORS = (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError, IndexError)


@dataclass
class Phase:
    label: str
    latencies: list[float] = field(default_factory=list)  # seconds
    flows: list[float] = field(default_factory=list)  # seconds, the whole resident visit
    errors: Counter[str] = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)
    references: list[tuple[str, str]] = field(default_factory=list)  # (reference, e-mail)
    elapsed: float = 0.0
    client_cpu: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)  # process group -> CPU seconds

    def error(self, what: str, detail: str = "") -> None:
        self.errors[what] += 1
        if len(self.samples) < 5:
            self.samples.append(f"{what}: {detail}"[:400])


def quantile(seconds: list[float], q: float) -> float:
    """The q-quantile (nearest rank) in milliseconds."""
    ordered = sorted(seconds)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] * 1000 if ordered else float("nan")


async def hammer(phase: Phase, port: int, path: str, seconds: float, concurrency: int) -> None:
    """A reference: ``concurrency`` keep-alive connections GET ``path`` over and over for ``seconds``."""
    deadline = time.monotonic() + seconds

    async def one() -> None:
        browser = Browser(port)
        while time.monotonic() < deadline:
            start = time.monotonic()
            try:
                response = await browser.request("GET", path)
            except NETWORK_ERRORS as error:
                phase.error(f"GET {path} {type(error).__name__}", str(error))
                browser.close()
                continue
            phase.latencies.append(time.monotonic() - start)
            if response.status != 200:
                phase.error(f"GET {path} {response.status}")
        browser.close()

    await asyncio.gather(*(one() for _ in range(concurrency)))


async def send_inquiries(phase: Phase, port: int, total: int, concurrency: int) -> None:
    numbers, origin = itertools.count(1), f"http://{HOST}:{port}"

    async def visit(index: int) -> None:
        browser, step = Browser(port), "GET form"
        try:
            start = time.monotonic()
            form = await browser.request("GET", FORM_PATH)
            token = _CSRF.search(form.body)
            if form.status != 200 or token is None:
                return phase.error(f"{step} {form.status}", "no CSRF token" if token is None else "")
            kinds = [k.decode() for k in _KIND.findall(form.body)]
            abouts = [a.decode() for a in _ABOUT.findall(form.body)]
            fields, email = compose(index, kinds, abouts, token.group(1).decode())
            body, content_type = multipart(fields)
            step, sent = "POST form", time.monotonic()
            headers = {"Content-Type": content_type, "Origin": origin, "Referer": origin + FORM_PATH}
            answer = await browser.request("POST", FORM_PATH, body, headers)
            location = urllib.parse.urlsplit(answer.headers.get("location", "")).path
            found = _LOCATION_REF.search(location)
            if answer.status != 302 or found is None:
                errors = b"; ".join(_ERROR_LINK.findall(answer.body)).decode(errors="replace")
                return phase.error(f"{step} {answer.status}", f"{email}: {errors or answer.body[:200]!r}")
            step = "GET receipt"
            receipt = await browser.request("GET", location)
            done, shown = time.monotonic(), _RECEIPT_REF.search(receipt.body)
            if receipt.status != 200 or shown is None or shown.group(1).decode() != found.group(1):
                return phase.error(f"{step} {receipt.status} without the reference", location)
            phase.latencies.append(done - sent)
            phase.flows.append(done - start)
            phase.references.append((found.group(1), email))
        except NETWORK_ERRORS as error:
            phase.error(f"{step} {type(error).__name__}", str(error))
        finally:
            browser.close()

    async def resident() -> None:
        while (index := next(numbers)) <= total:
            await visit(index)

    async def progress() -> None:
        start = time.monotonic()
        while True:
            await asyncio.sleep(30)
            done, errors = len(phase.latencies), sum(phase.errors.values())
            print(f"  {done} sent, {done / (time.monotonic() - start):.1f}/s, {errors} errors", flush=True)

    reporter = asyncio.create_task(progress())
    await asyncio.gather(*(resident() for _ in range(concurrency)))
    reporter.cancel()


def run_phase(phase: Phase, job: Callable[[Phase], Any], groups: Mapping[str, int], postgres: bool) -> Phase:
    """Run ``job`` and record the CPU time of each process group (and PostgreSQL), the client and the rest."""
    names = {pgid: name for name, pgid in groups.items()}
    if postgres:
        names[-1] = "postgres"  # PostgreSQL's processes, found by name (no process group is -1)
    first, busy, cpu, start = process_ticks(names), machine_busy(), time.process_time(), time.monotonic()
    last, stopping = dict(first), threading.Event()

    def sample() -> None:  # processes that end during the phase (PostgreSQL backends) lose at most 0.5 s
        while not stopping.wait(0.5):
            last.update(process_ticks(names))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    asyncio.run(job(phase))
    phase.elapsed, phase.client_cpu = time.monotonic() - start, time.process_time() - cpu
    stopping.set()
    sampler.join()
    last.update(process_ticks(names))
    phase.cpu = dict.fromkeys(names.values(), 0.0)
    for pid, (name, ticks) in last.items():
        phase.cpu[name] += (ticks - first.get(pid, (name, 0))[1]) / os.sysconf("SC_CLK_TCK")
    phase.cpu["other processes"] = max(0.0, machine_busy() - busy - phase.client_cpu - sum(phase.cpu.values()))
    return phase


def machine_busy() -> float:
    """CPU seconds all CPUs of the machine spent busy since boot, from /proc/stat."""
    ticks = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # without idle and iowait


def process_ticks(names: Mapping[int, str]) -> dict[int, tuple[str, int]]:
    """pid -> (group name, CPU ticks so far) of the processes in the groups (and PostgreSQL's), from /proc."""
    found = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            comm, _sep, rest = Path(f"/proc/{entry}/stat").read_text().partition(" (")[2].rpartition(") ")
        except (OSError, ValueError):
            continue
        fields = rest.split()
        name = names.get(int(fields[2])) or (names.get(-1) if comm == "postgres" else None)
        if name is not None:
            found[int(entry)] = (name, int(fields[11]) + int(fields[12]))
    return found


# --- The processes of `make run`, the gateway, PostgreSQL ---------------------------------


@contextmanager
def process(command: list[str], env: Mapping[str, str], log: Path, port: int = 0) -> Iterator[int]:
    """Run ``command`` in its own process group (its id is yielded); wait until ``port`` answers."""
    with log.open("ab") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=dict(env), stdout=out, stderr=out, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while port:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} did not start; see {log}")
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        yield proc.pid
    finally:
        stop(proc)


def start_all(stack: ExitStack, env: dict[str, str], var_dir: Path, args: argparse.Namespace) -> tuple[int, int, dict]:
    """Gateway, worker, scheduler and granian; return the server's and the gateway's port, and the process groups."""
    smtp, port, manage = free_port(), free_port(), [PYTHON, str(ROOT / "manage.py")]
    gateway = [PYTHON, "-m", "torg.notifications.gateway", "--smtp-port", str(smtp), "--http-port", str(free_port()),
               "--dir", str(var_dir / "gateway")]  # fmt: skip
    groups = {"gateway": stack.enter_context(process(gateway, env, var_dir / "gateway.log", smtp))}
    env.update(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST=HOST, EMAIL_PORT=str(smtp))
    worker = [*manage, "db_worker", "--queue-name", "*", "--no-reload", "-v", "1"]
    groups["worker"] = stack.enter_context(process(worker, env, var_dir / "worker.log"))
    groups["scheduler"] = stack.enter_context(process([*manage, "torg_scheduler"], env, var_dir / "scheduler.log"))
    granian = ROOT / ".venv" / "bin" / "granian"
    server = [str(granian) if granian.exists() else "granian", "--interface", "wsgi", "torg.wsgi:application",
              "--host", HOST, "--port", str(port), "--workers", str(args.workers),
              "--blocking-threads", str(args.threads), "--no-access-log", "--log-level", "warning"]  # fmt: skip
    groups["server"] = stack.enter_context(process(server, env, var_dir / "server.log", port))
    return port, smtp, groups


def smtp_probe(port: int, count: int = 20) -> list[float]:
    """Seconds per mail to the gateway, a connection each, as Django's SMTP backend sends (a reference)."""
    seconds = []
    for _ in range(count):
        start = time.monotonic()
        with smtplib.SMTP(HOST, port, local_hostname="bench", timeout=10) as smtp:
            smtp.sendmail("noreply@torg.invalid", [PROBE_TO], b"Subject: probe\r\n\r\nprobe\r\n")
        seconds.append(time.monotonic() - start)
    return seconds


def mails(var_dir: Path) -> tuple[int, int]:
    """Mails the gateway received so far: (receipts to bench residents, all but the probes)."""
    path = var_dir / "gateway" / "mail.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    receipts = sum(1 for line in lines if f"@{EMAIL_DOMAIN}" in line and "ST-" in line)
    return receipts, sum(1 for line in lines if PROBE_TO not in line)


# --- Database checks (in a subprocess with the bench's environment) ---------------------


def count(env: Mapping[str, str], var_dir: Path, references: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    refs, out = var_dir / "references.json", var_dir / "count.json"
    refs.write_text(json.dumps(references or []))
    subprocess.run([PYTHON, __file__, "--count", str(out), str(refs)], cwd=ROOT, env=dict(env), check=True, timeout=300)
    return dict(json.loads(out.read_text()))


def count_in_django(out: Path, refs: Path) -> int:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from torg.inquiries.models import Channel, Inquiry
    from torg.notifications.models import Notification

    web = Inquiry.objects.filter(channel=Channel.WEB)
    ours = web.filter(contact_email__endswith="@" + EMAIL_DOMAIN)
    by_reference, by_pk = dict(ours.values_list("reference", "contact_email")), dict(ours.values_list("pk", "contact_email"))  # fmt: skip
    receipts = Notification.objects.filter(key__startswith="inquiry:", key__endswith=":receipt:email")
    states: Counter[str] = Counter()
    wrong_recipient = 0
    for key, state, recipient in receipts.values_list("key", "state", "recipient"):
        pk = int(key.split(":")[1])
        if pk in by_pk:
            states[state] += 1
            wrong_recipient += recipient != by_pk[pk]
    shown = json.loads(refs.read_text())
    result = {
        "web": web.count(),
        "bench": len(by_reference),
        "bench_emails": len(set(by_reference.values())),
        "receipts": sum(states.values()),
        "receipt_states": dict(states),
        "wrong_recipient": wrong_recipient,
        "shown": len(shown),
        "shown_missing": sum(1 for ref, _email in shown if ref not in by_reference),
        "shown_wrong_email": sum(1 for ref, email in shown if ref in by_reference and by_reference[ref] != email),
        "tasks": {row["status"]: row["n"] for row in DBTaskResult.objects.values("status").annotate(n=Count("id"))},
    }
    out.write_text(json.dumps(result))
    return 0


# --- Main ---------------------------------------------------------------------------------


@dataclass
class Mail:
    smtp: list[float]  # seconds per probe mail to the gateway
    at_end: int  # receipts at the gateway when the last inquiry was in
    received: int  # ... when the wait ended
    waited: float
    total: int  # every mail the gateway received (staff notices too)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--residents", type=int, default=100, help="concurrent residents (default 100)")
    parser.add_argument("--inquiries", type=int, default=10_000, help="inquiries in all (default 10,000)")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "2")))
    parser.add_argument("--reference-seconds", type=float, default=10.0, help="seconds per reference (default 10)")
    parser.add_argument("--mail-wait", type=float, default=120.0, help="seconds to wait for the receipts (120)")
    parser.add_argument("--database-url", help="PostgreSQL URL of a database to create and drop (default SQLite)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary var dir (and the database)")
    parser.add_argument("--count", nargs=2, metavar=("OUT", "REFS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count:
        return count_in_django(Path(args.count[0]), Path(args.count[1]))

    if args.database_url:
        postgres(args.database_url, "create")
    var_dir = Path(tempfile.mkdtemp(prefix="torg-bench-inquiries-"))
    env = {**bench_env(var_dir), "TORG_INQUIRY_RATE_LIMIT_PER_HOUR": "0"}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    try:
        print(f"Setting up the demo in {var_dir} …", flush=True)
        set_up(env, var_dir)
        before = count(env, var_dir)
        with ExitStack() as stack:
            port, smtp, groups = start_all(stack, env, var_dir, args)
            analyzed = stack.enter_context(autoanalyze(args.database_url))
            phases, mail = drive(args, port, smtp, groups, var_dir)
        after = count(env, var_dir, phases[-1].references)
        if phases[-1].errors or after["tasks"].get("FAILED"):
            for log in ("server.log", "worker.log"):
                lines = (var_dir / log).read_text(errors="replace").splitlines()[-40:]
                print(f"--- last lines of {log} ---", *lines, sep="\n")
    finally:
        if args.keep:
            print(f"Kept {var_dir}" + (f" and {args.database_url}" if args.database_url else ""))
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
            if args.database_url:
                postgres(args.database_url, "drop")
    return report(args, phases, mail, analyzed, before, after)


def drive(args: argparse.Namespace, port: int, smtp: int, groups: dict, var_dir: Path) -> tuple[list[Phase], Mail]:
    """The references, the inquiries, then the wait for the receipts."""
    n, seconds = args.residents, args.reference_seconds
    asyncio.run(hammer(Phase("warm-up"), port, FORM_PATH, 2, 2 * args.workers * args.threads))
    print(f"References: GET {STATIC_PATH} and GET {FORM_PATH}, {n} connections x {seconds:g} s each …")
    pg = bool(args.database_url)
    static = run_phase(Phase("(a) GET static file"), lambda p: hammer(p, port, STATIC_PATH, seconds, n), groups, pg)
    form = run_phase(Phase("(b) GET form page"), lambda p: hammer(p, port, FORM_PATH, seconds, n), groups, pg)
    probe = smtp_probe(smtp)
    print(f"Sending {args.inquiries} inquiries, {n} residents at a time …", flush=True)
    job = functools.partial(send_inquiries, port=port, total=args.inquiries, concurrency=n)
    load = run_phase(Phase("(c) send: POST + receipt"), job, groups, pg)
    end, at_end = time.monotonic(), mails(var_dir)[0]
    print(f"Waiting up to {args.mail_wait:.0f} s for the worker to send the receipts …", flush=True)
    while (received := mails(var_dir))[0] < len(load.references) and time.monotonic() - end < args.mail_wait:
        time.sleep(1)
    return [static, form, load], Mail(probe, at_end, received[0], time.monotonic() - end, received[1])


def report(args: argparse.Namespace, phases: list[Phase], mail: Mail, analyzed: list[int], before: dict, after: dict) -> int:  # fmt: skip
    load, cpus, total = phases[-1], os.cpu_count() or 1, args.inquiries
    print(
        f"\nTorg inquiry bench: {total} inquiries by {args.residents} concurrent residents (closed loop, no think "
        f"time); granian {args.workers} workers x {args.threads} blocking threads, db_worker and scheduler running, "
        f"e-mail over SMTP to the local test gateway; {'PostgreSQL' if args.database_url else 'SQLite'}, "
        f"DEBUG=False; {cpus} CPUs shared by server, worker, client and whatever else runs on the machine"
    )
    if analyzed:
        print(f"PostgreSQL has autovacuum off here: the bench ran ANALYZE every 60 s in its place ({analyzed[0]} x)")
    print(f"{'':38} {'count':>6} {'per s':>8} {'p50':>9} {'p90':>9} {'p99':>9} {'max':>9} {'errors':>6}")
    rows: list[tuple[str, list[float], str, str]]
    rows = [(p.label, p.latencies, f"{len(p.latencies) / p.elapsed:8.1f}", str(sum(p.errors.values()))) for p in phases]
    rows.append(("    whole visit (GET + POST + receipt)", load.flows, "", ""))
    rows.append(("(r) SMTP: one mail to the gateway", mail.smtp, "", ""))
    for label, latencies, per_s, errors in rows:
        cells = " ".join(f"{quantile(latencies, q):7.0f}ms" for q in (0.5, 0.9, 0.99, 1.0))
        print(f"{label:38} {len(latencies):6d} {per_s:>8} {cells} {errors:>6}")
    print(f"\nCPU share (100 % = one CPU of {cpus}):")
    for p in phases:
        shares = ", ".join(f"{name} {p.cpu[name] / p.elapsed:.0%}" for name in sorted(p.cpu, key=CPU_ORDER.index))
        print(f"  {p.label[4:]:24} {p.elapsed:6.0f} s: client {p.client_cpu / p.elapsed:.0%}, {shares}")
    for what, n in load.errors.most_common():
        print(f"  error {what}: {n}")
    for sample in load.samples:
        print(f"  e.g. {sample}")
    new = after["web"] - before["web"]
    checks = {
        "stored": new == total and after["bench"] == total and after["bench_emails"] == total,
        "shown": after["shown"] == total and after["shown_missing"] == 0 and after["shown_wrong_email"] == 0,
        "receipts queued": after["receipts"] == total and after["wrong_recipient"] == 0,
        "no errors": not load.errors,
    }
    print(
        f"\nStored:   {new} new web inquiries ({before['web']} before, from the demo), {after['bench']} with a "
        f"bench address, {after['bench_emails']} distinct addresses; expected {total}\n"
        f"Shown:    {after['shown']} receipt pages with the reference; {after['shown_missing']} of those references "
        f"not in the database, {after['shown_wrong_email']} stored with another resident's address\n"
        f"Queued:   {after['receipts']} receipts (expected {total}), {after['wrong_recipient']} to a wrong address"
    )
    rate, rest = (mail.received - mail.at_end) / mail.waited if mail.waited else 0.0, total - mail.received
    print(
        f"Sent:     {mail.at_end} receipts at the gateway when the last inquiry was in, {mail.received} "
        f"{mail.waited:.0f} s later (wait limit {args.mail_wait:.0f} s)"
        + (f"; {rate:.1f} receipts/s, so the last {rest} in about {rest / rate:.0f} s more" if rest and rate else "")
        + f"\n          receipt states {after['receipt_states']}; {mail.total} mails in all; tasks {after['tasks']}"
    )
    failed = [name for name, ok in checks.items() if not ok]
    verdict = f"FAIL ({', '.join(failed)})" if failed else "PASS: nothing lost, no errors"
    print(
        f"\n{verdict}   {len(load.latencies) / load.elapsed:.1f} inquiries/s, p99 {quantile(load.latencies, 0.99):.0f} ms"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
