import time

from django.core.management.base import BaseCommand

from torg.core.scheduling import enqueue_due_tasks


class Command(BaseCommand):
    help = "Enqueue periodic tasks (scheduled publishing, review reminders, …) when they are due."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--once", action="store_true", help="Check once and exit.")
        parser.add_argument("--tick", type=float, default=30.0, help="Seconds between checks.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        while True:
            enqueue_due_tasks()
            if options["once"]:
                return
            time.sleep(options["tick"])
