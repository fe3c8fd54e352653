"""Fan-out bench: one crisis message to 100,000 subscribers in an area, on e-mail and SMS.

Run by `make bench`. Builds a throw-away site in a temporary var dir as
bench/web.py does (torg.settings.dev, DEBUG=False; SQLite, or PostgreSQL with
--database-url), adds N confirmed subscribers who live in one named area (each
with an e-mail address and a mobile number, both channels chosen), starts the
local test gateway (SMTP sink + SMS HTTP endpoint), two task workers
(`manage.py db_worker`, as `make run` starts one) and the scheduler, and then
publishes one crisis message for that area as a crisis-team user would
(`torg.alerts.actions.publish_alert`), which announces it to the subscribers
after commit (`torg.subscriptions.actions.announce_crisis`).

Figures:
  selection   time to select the recipients (the crisis query, counted), and
              the whole publish (CAP alert + one delivery row per subscriber
              and channel, written INSERT ... SELECT) until commit;
  e-mail/SMS  time from the commit until the gateway had accepted the last
              message of each channel; messages/s per channel;
  ceilings    in the same run, before the fan-out: a plain client pushing the
              same number of messages straight into each sink (smtplib, 100
              mails per connection; HTTP POSTs of 500 recipients each, the
              generic SMS shape), two client threads each.
Targets (the issue's, on these 2-core machines): selection <= 1 s; each channel
>= 50 % of its sink's ceiling; all 2 x N messages accepted within 5 minutes.
It also checks that every subscriber got exactly one message per channel (the
gateway's counts, with the repeats it de-duplicated by idempotency key shown).
Exits 1 when a target is missed or a message is lost or doubled.

    .venv/bin/python bench/fanout.py [--subscribers 100000] [--workers 2] [--keep]
        [--database-url postgres://postgres@127.0.0.1:5432/torg_fanout]
"""

from __future__ import annotations

import argparse
import json
import shutil
import smtplib
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from inquiries import autoanalyze, postgres, process
from web import ROOT, bench_env, free_port, manage

PYTHON = sys.executable
HOST = "127.0.0.1"
PLACE_SLUG = "benkbygda"
SMS_TOKEN = "bench-token"
SELECT_TARGET_S = 1.0
SHARE_TARGET = 0.50
TOTAL_TARGET_S = 300.0


# --- Inside the bench's Django (run as subprocesses of this script) ---------------------------


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed(count: int) -> dict[str, Any]:
    """A square area and ``count`` confirmed subscribers in it (e-mail and SMS), written in bulk."""
    _django()
    from django.db import transaction
    from django.utils import timezone

    from torg.places.models import Place
    from torg.subscriptions.models import Frequency, Subscriber, SubscriberArea, new_token

    ring = [[5.30, 60.35], [5.40, 60.35], [5.40, 60.42], [5.30, 60.42], [5.30, 60.35]]
    place, _created = Place.objects.update_or_create(
        slug=PLACE_SLUG,
        defaults={
            "name": "Benkbygda",
            "kind": "bygd",
            "geometry": {"type": "Polygon", "coordinates": [ring]},
            "min_lat": 60.35,
            "min_lon": 5.30,
            "max_lat": 60.42,
            "max_lon": 5.40,
        },
    )
    now = timezone.now()
    started = time.monotonic()
    step = 10_000
    for first in range(0, count, step):
        rows = [
            Subscriber(
                email=f"abonnent-{i}@fanout.example",
                phone=f"+47{40000000 + i}",
                email_confirmed_at=now,
                phone_confirmed_at=now,
                wants_email=True,
                wants_sms=True,
                frequency=Frequency.STRAKS,
                token=new_token(),
                consent_text="Bench",
                consent_at=now,
            )
            for i in range(first, min(first + step, count))
        ]
        with transaction.atomic():
            made = Subscriber.objects.bulk_create(rows, batch_size=2000)
            ids = [s.pk for s in made]
            if None in ids:  # backends without RETURNING on bulk insert
                ids = list(Subscriber.objects.filter(email__in=[s.email for s in rows]).values_list("pk", flat=True))
            SubscriberArea.objects.bulk_create(
                [SubscriberArea(subscriber_id=pk, place=place) for pk in ids], batch_size=5000
            )
    return {"place": place.pk, "subscribers": count, "seconds": time.monotonic() - started}


def publish(place_id: int) -> dict[str, Any]:
    """Time the recipient selection, then publish a crisis message for the area as the crisis team does."""
    _django()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.db.models import Count

    from torg.alerts.actions import publish_alert
    from torg.alerts.models import CrisisMessage
    from torg.subscriptions import queries

    selection = []
    for _ in range(3):
        started = time.monotonic()
        counted = queries.crisis_recipients([place_id]).count()
        selection.append(time.monotonic() - started)
    actor = get_user_model().objects.filter(is_superuser=True).first()
    message = CrisisMessage.objects.create(
        event="Flaum",
        category="Met",
        severity="Severe",
        headline="Flaum i Benkbygda: hald deg unna elva",
        description="Elva går over breiddene ved brua. Vegen langs elva er stengd.",
        instruction="Hald deg og borna unna elva. Flytt bilen frå parkeringsplassen ved brua.",
        area_desc="Benkbygda",
        status="Actual",
        created_by=actor,
    )
    message.places.set([place_id])
    started = time.monotonic()
    with transaction.atomic():
        alert = publish_alert(message=message, actor=actor)
    committed = time.time()
    published = time.monotonic() - started
    from torg.notifications.models import Delivery

    rows = Delivery.objects.filter(dispatch__key__contains=alert.identifier).values_list("channel")
    deliveries = dict(rows.order_by().annotate(n=Count("pk")))
    return {
        "recipients": counted,
        "select_seconds": sorted(selection)[1],
        "publish_seconds": published,
        "committed_at": committed,
        "deliveries": deliveries,
    }


def final_counts() -> dict[str, Any]:
    """Deliveries by channel and state after the run."""
    _django()
    from django.db.models import Count

    from torg.notifications.models import Delivery

    rows = Delivery.objects.values_list("channel", "state").order_by().annotate(n=Count("pk"))
    return {f"{channel}:{state}": n for channel, state, n in rows}


def inside(args: argparse.Namespace) -> int:
    result: dict[str, Any]
    if args.inside == "seed":
        result = seed(args.subscribers)
    elif args.inside == "publish":
        result = publish(args.place)
    else:
        result = final_counts()
    Path(args.out).write_text(json.dumps(result))
    return 0


def run_inside(env: dict[str, str], var_dir: Path, what: str, *extra: str) -> dict[str, Any]:
    out = var_dir / f"{what}.json"
    command = [PYTHON, __file__, "--inside", what, "--out", str(out), *extra]
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=1800)
    result: dict[str, Any] = json.loads(out.read_text())
    return result


# --- The sinks' own ceilings --------------------------------------------------------------------


def gateway_stats(http: str) -> dict[str, int]:
    with urllib.request.urlopen(http + "/stats", timeout=10) as response:
        stats: dict[str, int] = json.loads(response.read())
    return stats


def reset_gateway(http: str) -> None:
    for path in ("/stats", "/mail", "/sms"):
        request = urllib.request.Request(http + path, method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def in_threads(count: int, threads: int, job: Any) -> float:
    """Run ``job(first, last)`` over ``count`` items split between ``threads``; return seconds."""
    share = -(-count // threads)
    workers = [threading.Thread(target=job, args=(t * share, min(count, (t + 1) * share))) for t in range(threads)]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.monotonic() - started


def smtp_ceiling(port: int, count: int, threads: int) -> float:
    """Seconds for a plain smtplib client to push ``count`` crisis-sized mails, 100 per connection.

    Each mail is the bytes of a message like the engine's (headers, body, footer), formatted
    by the client; the client does no more work per mail than SMTP itself needs.
    """
    body = ("Elva går over breiddene ved brua. Hald deg og borna unna elva.\n" * 12) + "\n-- \nEndra: x\n"
    template = (
        "From: varsel@fjordvik.example\r\nTo: tak-{i}@fanout.example\r\n"
        "Subject: Flaum i Benkbygda: hald deg unna elva\r\nMessage-ID: <ceiling-{i}@bench>\r\n"
        "List-Unsubscribe: <http://127.0.0.1/abonnement/avmeld/{i:032d}/>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + body.replace("\n", "\r\n")
    )

    def job(first: int, last: int) -> None:
        for start in range(first, last, 100):
            with smtplib.SMTP(HOST, port, local_hostname="bench", timeout=30) as smtp:
                for i in range(start, min(start + 100, last)):
                    raw = template.format(i=i).encode()
                    smtp.sendmail("varsel@fjordvik.example", [f"tak-{i}@fanout.example"], raw)

    return in_threads(count, threads, job)


def sms_ceiling(http: str, count: int, threads: int) -> float:
    """Seconds for a plain HTTP client to push ``count`` SMS recipients, 500 per POST (generic shape)."""
    text = "Flaum i Benkbygda: hald deg unna elva. Sjå fjordvik.no/varsel. Svar STOPP for å melda deg av."

    def job(first: int, last: int) -> None:
        for start in range(first, last, 500):
            recipients = [
                {"to": f"+47{50000000 + i}", "ref": f"ceiling-{i}"} for i in range(start, min(start + 500, last))
            ]
            payload = json.dumps({"text": text, "from": "Fjordvik", "recipients": recipients}).encode()
            request = urllib.request.Request(
                http + "/sms",
                data=payload,
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {SMS_TOKEN}"},
                method="POST",
            )
            urllib.request.urlopen(request, timeout=60).close()

    return in_threads(count, threads, job)


# --- The run ------------------------------------------------------------------------------------


def wait_for_messages(http: str, wanted: dict[str, int], committed_at: float, timeout: float) -> dict[str, float]:
    """Poll the gateway until each channel has ``wanted`` new messages; seconds after commit for each.

    The time is the gateway's own clock of its last new message on that channel.
    """
    done: dict[str, float] = {}
    deadline = time.monotonic() + timeout
    while len(done) < len(wanted) and time.monotonic() < deadline:
        stats = gateway_stats(http)
        for channel, count in wanted.items():
            if channel not in done and stats.get(channel, 0) >= count:
                done[channel] = float(stats[f"{channel}_last_at"]) - committed_at
        time.sleep(0.1)
    return done


def bench_recipients(var_dir: Path) -> dict[str, Counter[str]]:
    """How many messages each bench subscriber got per channel, from what the gateway recorded."""
    got: dict[str, Counter[str]] = {"mail": Counter(), "sms": Counter()}
    for line in (var_dir / "gateway" / "mail.jsonl").read_text(encoding="utf-8").splitlines():
        got["mail"].update(a for a in json.loads(line)["to"] if a.startswith("abonnent-"))
    for line in (var_dir / "gateway" / "sms.jsonl").read_text(encoding="utf-8").splitlines():
        got["sms"].update(n for n in json.loads(line)["to"] if n.startswith("+474"))
    return got


def start_gateway(stack: ExitStack, env: dict[str, str], var_dir: Path) -> tuple[int, str]:
    smtp, http_port = free_port(), free_port()
    command = [PYTHON, "-m", "torg.notifications.gateway", "--smtp-port", str(smtp), "--http-port", str(http_port),
               "--dir", str(var_dir / "gateway")]  # fmt: skip
    stack.enter_context(process(command, env, var_dir / "gateway.log", smtp))
    return smtp, f"http://{HOST}:{http_port}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--client-threads", type=int, default=2)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--keep", action="store_true", help="Keep the temporary var dir.")
    parser.add_argument("--inside", choices=["seed", "publish", "counts"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--place", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        return inside(args)

    var_dir = Path(tempfile.mkdtemp(prefix="torg-fanout-"))
    env = bench_env(var_dir)
    if args.database_url:
        postgres(args.database_url, "create")
        env["DATABASE_URL"] = args.database_url
    try:
        return bench(args, env, var_dir)
    finally:
        if args.database_url:
            postgres(args.database_url, "drop")
        if args.keep:
            print(f"Kept {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


def bench(args: argparse.Namespace, env: dict[str, str], var_dir: Path) -> int:
    n = args.subscribers
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"Fan-out bench on {database}: {n:,} subscribers, e-mail + SMS, {args.workers} task workers")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo")
    with ExitStack() as stack:
        smtp, http = start_gateway(stack, env, var_dir)
        env.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST=HOST,
            EMAIL_PORT=str(smtp),
            TORG_SMS_BACKEND="torg.notifications.sms.GenericHttpGateway",
            TORG_SMS_URL=http + "/sms",
            TORG_SMS_TOKEN=SMS_TOKEN,
        )
        mail_ceiling = smtp_ceiling(smtp, n, args.client_threads)
        sms_ceiling_s = sms_ceiling(http, n, args.client_threads)
        ceiling_stats = gateway_stats(http)
        reset_gateway(http)
        print(f"Ceilings: SMTP {n / mail_ceiling:,.0f} mails/s ({mail_ceiling:.1f} s), "
              f"SMS {n / sms_ceiling_s:,.0f} messages/s ({sms_ceiling_s:.1f} s); gateway counted {ceiling_stats}")  # fmt: skip

        seeded = run_inside(env, var_dir, "seed", "--subscribers", str(n))
        print(f"Seeded {seeded['subscribers']:,} subscribers in {seeded['seconds']:.1f} s")
        manage_cmd = [PYTHON, str(ROOT / "manage.py")]
        for index in range(args.workers):
            worker = [*manage_cmd, "db_worker", "--queue-name", "*", "--no-reload", "--worker-id", f"bench-{index}"]
            stack.enter_context(process(worker, env, var_dir / f"worker-{index}.log"))
        stack.enter_context(process([*manage_cmd, "torg_scheduler"], env, var_dir / "scheduler.log"))
        analyzed = stack.enter_context(autoanalyze(args.database_url))
        time.sleep(3)  # the workers' start-up delay

        reset_gateway(http)  # mail the workers sent on start (the demo's queued notices) is not counted
        published = run_inside(env, var_dir, "publish", "--place", str(seeded["place"]))
        wanted = {"mail": published["deliveries"].get("email", 0), "sms": published["deliveries"].get("sms", 0)}
        done = wait_for_messages(http, wanted, published["committed_at"], TOTAL_TARGET_S * 2)
        time.sleep(2)
        stats = gateway_stats(http)
        received = bench_recipients(var_dir)
    counts = run_inside(env, var_dir, "counts")
    return report(n, mail_ceiling, sms_ceiling_s, published, done, stats, received, counts, analyzed)


def report(
    n: int,
    mail_ceiling: float,
    sms_ceiling_s: float,
    published: dict[str, Any],
    done: dict[str, float],
    stats: dict[str, int],
    received: dict[str, Counter[str]],
    counts: dict[str, Any],
    analyzed: list[int],
) -> int:
    ok = True

    def verdict(passed: bool) -> str:
        nonlocal ok
        ok = ok and passed
        return "PASS" if passed else "FAIL"

    select_s, publish_s = published["select_seconds"], published["publish_seconds"]
    print(f"Recipients selected: {published['recipients']:,} in {select_s * 1000:.0f} ms "
          f"(target <= {SELECT_TARGET_S:.0f} s): {verdict(select_s <= SELECT_TARGET_S)}")  # fmt: skip
    print(f"Publish until commit (CAP alert + {sum(published['deliveries'].values()):,} delivery rows): "
          f"{publish_s:.2f} s  {published['deliveries']}")  # fmt: skip
    rows = [("e-mail", "mail", mail_ceiling), ("SMS", "sms", sms_ceiling_s)]
    print(f"{'channel':8} {'last accepted':>14} {'per s':>9} {'ceiling/s':>10} {'share':>7}")
    for label, key, ceiling in rows:
        seconds = done.get(key)
        if seconds is None:
            print(f"{label:8} {'not all':>14} {stats.get(key, 0):>9,} of {n:,} arrived: FAIL")
            ok = False
            continue
        rate, ceiling_rate = n / seconds, n / ceiling
        share = rate / ceiling_rate
        print(f"{label:8} {seconds:>12.1f} s {rate:>9,.0f} {ceiling_rate:>10,.0f} {share:>6.0%}"
              f"  (target >= {SHARE_TARGET:.0%}): {verdict(share >= SHARE_TARGET)}")  # fmt: skip
    last = max(done.values()) if len(done) == 2 else float("inf")
    print(f"All {2 * n:,} messages accepted {last:.1f} s after commit, {2 * n / last:,.0f} messages/s "
          f"(target <= {TOTAL_TARGET_S:.0f} s): {verdict(last <= TOTAL_TARGET_S)}")  # fmt: skip
    exact = all(len(received[c]) == n and set(received[c].values()) == {1} for c in ("mail", "sms"))
    print(f"At the gateway: {len(received['mail']):,} bench subscribers got mail, {len(received['sms']):,} got SMS, "
          f"most to one address: {max(received['mail'].values(), default=0)} / {max(received['sms'].values(), default=0)} "
          f"({stats.get('mail_duplicates', 0)} + {stats.get('sms_duplicates', 0)} repeats de-duplicated by key); "
          f"exactly one per subscriber and channel: {verdict(exact)}")  # fmt: skip
    print(f"Deliveries by state: {counts}")
    if analyzed:
        print(f"(PostgreSQL has autovacuum off here; the bench ran ANALYZE {analyzed[0]} times.)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
