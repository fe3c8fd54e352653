"""``manage.py torg_test_gateway``: the local test gateway (SMTP sink and SMS endpoint) for tests, demo and benchmarks."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from torg.notifications import gateway


class Command(BaseCommand):
    help = (
        "Local test gateway: an SMTP sink and an HTTP SMS endpoint (generic, Sveve and LINK Mobility shapes) "
        "that record every message as a JSON line in mail.jsonl and sms.jsonl."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        gateway.add_arguments(parser, default_dir=str(Path(settings.VAR_DIR) / "gateway"))

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        gateway.serve(
            host=options["host"],
            smtp_port=options["smtp_port"],
            http_port=options["http_port"],
            directory=Path(options["dir"]),
            out=self.stdout,
        )
