"""Must show: a worker killed (SIGKILL) in the middle of a fan-out, and others taking over.

Every address ends with exactly one message per channel, counted at the local test gateway's
SMTP sink and SMS endpoint. The killed worker's in-flight batch is sent again by the next
worker under the same idempotency keys (Message-ID, SMS ref); the gateway, like a provider
with idempotency keys, takes each key once and counts the repeats, which this test prints.

The workers are real processes (``manage.py torg_deliver``) on the test's database: on
PostgreSQL the test database itself; on SQLite a file copy of the in-memory test database.
"""

from __future__ import annotations

import collections
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from torg.notifications.delivery import DeliveryRow, add_deliveries, create_dispatch
from torg.notifications.models import Delivery
from torg.notifications.testing import PROJECT_ROOT, GatewayProcess

N = 2000


def _database_url(tmp_path: Path) -> tuple[str, Path | None]:
    """A URL the worker processes can open, and the SQLite file (None on PostgreSQL)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "fanout.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}", path
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}", None


def _worker(env: dict[str, str], log: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(PROJECT_ROOT / "manage.py"), "torg_deliver", *args],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def _states(sqlite_file: Path | None) -> dict[tuple[str, str], int]:
    if sqlite_file is None:
        rows = Delivery.objects.values_list("channel", "state")
        return dict(collections.Counter(rows))
    with sqlite3.connect(sqlite_file) as db:
        return {
            (channel, state): n
            for channel, state, n in db.execute(
                "SELECT channel, state, COUNT(*) FROM notifications_delivery GROUP BY channel, state"
            )
        }


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_fan_out_leaves_every_subscriber_exactly_one_message_per_channel(
    tmp_path: Path, test_gateway: GatewayProcess
) -> None:
    dispatch = create_dispatch(
        key="crisis:sigkill", kind="crisis", subject="Vassbrot", text="Vatnet er stengt.", sms_text="Vatnet er stengt."
    )
    emails = [f"innbyggjar{i}@example.no" for i in range(N)]
    phones = [f"+4791{i:06d}" for i in range(N)]
    add_deliveries(
        dispatch=dispatch,
        rows=[DeliveryRow(channel="email", address=a, subscriber_id=i) for i, a in enumerate(emails)]
        + [DeliveryRow(channel="sms", address=p, subscriber_id=i) for i, p in enumerate(phones)],
    )
    database_url, sqlite_file = _database_url(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "torg.settings.dev",
            "DEBUG": "false",
            "LOG_LEVEL": "ERROR",
            "DATABASE_URL": database_url,
            "TORG_VAR_DIR": str(tmp_path / "var"),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": test_gateway.host,
            "EMAIL_PORT": str(test_gateway.smtp_port),
            "TORG_SMS_BACKEND": "torg.notifications.sms.GenericHttpGateway",
            "TORG_SMS_URL": test_gateway.sms_url("generic"),
            "TORG_SMS_TOKEN": "sigkill-test",
            "TORG_DELIVERY_LEASE_SECONDS": "3",
            "TORG_DELIVERY_BATCH_SMS": "50",  # many SMS batches, so the kill lands in the middle of both channels
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    log = tmp_path / "workers.log"
    started = time.monotonic()

    first = _worker(env, log, "--until-done", "--worker", "doomed")
    try:
        deadline = time.monotonic() + 60
        # Kill mid-batch: some of a batch's 100 e-mails accepted, the batch not yet marked sent.
        while time.monotonic() < deadline:
            mail = test_gateway.stats()["mail"]
            if mail >= N // 5 and mail % 100:
                break
            assert first.poll() is None, log.read_text()
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    at_kill = test_gateway.stats()
    assert 0 < at_kill["mail"] < N, at_kill
    assert at_kill["sms"] < N, at_kill

    others = [_worker(env, log, "--until-done", "--max-seconds", "60", "--worker", f"heir{i}") for i in (1, 2)]
    for worker in others:
        assert worker.wait(timeout=90) == 0, log.read_text()[-3000:]
    elapsed = time.monotonic() - started

    stats = test_gateway.stats()
    mail_to = collections.Counter(address for mail in test_gateway.mail() for address in mail["to"])
    sms_to = collections.Counter(number for message in test_gateway.sms() for number in message["to"])
    print(
        f"\nSIGKILL fan-out ({connection.vendor}): killed at {at_kill['mail']} e-mails and {at_kill['sms']} SMS; "
        f"done in {elapsed:.1f} s. Gateway took {stats['mail']} e-mails ({stats['mail_duplicates']} repeats "
        f"dropped by Message-ID) and {stats['sms']} SMS ({stats['sms_duplicates']} repeats dropped by ref) "
        f"in {stats['sms_requests']} SMS requests."
    )
    assert (stats["mail"], stats["sms"]) == (N, N)
    assert set(mail_to) == set(emails) and set(mail_to.values()) == {1}
    assert set(sms_to) == set(phones) and set(sms_to.values()) == {1}
    assert _states(sqlite_file) == {("email", "sent"): N, ("sms", "sent"): N}
