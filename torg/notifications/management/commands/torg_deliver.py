"""``manage.py torg_deliver``: a delivery worker process for fan-outs (``torg.notifications.delivery``).

Without options it delivers what is due on every channel and exits. ``--until-done`` also
waits for retries and for leases held by workers that died, until nothing is queued or
sending; ``--forever`` keeps polling (a dedicated worker next to ``db_worker``).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from torg.notifications.delivery import run
from torg.notifications.delivery.claiming import default_worker_name


class Command(BaseCommand):
    help = "Deliver queued fan-out messages (e-mail, SMS, web push) in batches."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--channel", action="append", choices=["email", "sms", "push"], help="Only these.")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--until-done", action="store_true", help="Wait until nothing is queued or sending.")
        mode.add_argument("--forever", action="store_true", help="Keep polling for new work.")
        parser.add_argument("--poll", type=float, default=0.5, help="Seconds between polls when idle (0.5).")
        parser.add_argument("--max-seconds", type=float, default=None, help="Give up after this long.")
        parser.add_argument("--worker", default="", help="Name in claimed_by (default host:pid).")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        until = "done" if options["until_done"] else "forever" if options["forever"] else "idle"
        claimed = run(
            channels=options["channel"],
            worker=options["worker"] or default_worker_name(),
            until=until,
            poll=options["poll"],
            max_seconds=options["max_seconds"],
        )
        self.stdout.write(f"Claimed {claimed} deliveries.")
