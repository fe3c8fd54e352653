"""`manage.py load_demo`: load the demo municipality Fjordvik (once; running again changes nothing)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Hide a logger's INFO lines (Wagtail logs every page it creates) while loading."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class Command(BaseCommand):
    help = "Load the made-up demo municipality Fjordvik kommune: pages, service areas, roles and demo users."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        from torg.demo.build import build_demo
        from torg.demo.innsyn import make_journal
        from torg.demo.subscriptions import make_topics_and_subscribers
        from torg.demo.users import DEMO_PASSWORD
        from torg.web.models import HomePage

        if HomePage.objects.exists():
            self.stdout.write("The demo is already loaded (a home page exists); nothing changed.")
            return
        started = time.monotonic()
        with _quiet("wagtail"):
            summary = build_demo()
        # After the pages' commit, so their first-publish announcements reach no demo subscriber.
        subscribers = make_topics_and_subscribers()
        journal = make_journal()
        # The search index is otherwise filled by the task worker; build it now
        # so that search works the moment the demo is up.
        call_command("update_index", verbosity=0)
        took = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo municipality Fjordvik kommune in {took:.1f} s."))
        self.stdout.write(f"  {summary}, {subscribers} subscribers")
        self.stdout.write(f"  Postjournal: {journal}")
        self.stdout.write(f"  Demo password for every user: {DEMO_PASSWORD}; codes: `manage.py demo_totp`.")
