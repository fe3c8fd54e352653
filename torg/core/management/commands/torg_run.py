"""`make run`: prepare the database, load the demo on first run, start server, worker and scheduler."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run Torg for one machine: web server, task worker and scheduler."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        from wagtail.models import Page

        from torg.web.models import HomePage

        if not HomePage.objects.exists():
            self.stdout.write("Loading the demo municipality (first run only) …")
            call_command("load_demo")
        if Page.objects.filter(depth=2).count() == 0:
            self.stderr.write("No site root; run `manage.py load_demo`.")
        call_command("collectstatic", interactive=False, verbosity=0)

        port = os.environ.get("PORT", "8000")
        host = os.environ.get("HOST", "127.0.0.1")
        python = sys.executable
        manage = str(settings.BASE_DIR / "manage.py")
        granian = str(settings.BASE_DIR / ".venv" / "bin" / "granian")
        if not os.path.exists(granian):
            granian = "granian"
        procs = [
            subprocess.Popen([python, manage, "db_worker", "--queue-name", "*", "--no-reload", "-v", "1"]),
            subprocess.Popen([python, manage, "torg_scheduler"]),
            subprocess.Popen(
                [
                    granian, "--interface", "wsgi", "torg.wsgi:application",
                    "--host", host, "--port", port,
                    "--workers", os.environ.get("WEB_WORKERS", "2"),
                    "--blocking-threads", os.environ.get("WEB_THREADS", "2"),
                    "--no-access-log",
                ],
                cwd=settings.BASE_DIR,
            ),
        ]  # fmt: skip
        time.sleep(1.5)
        self._print_banner(host, port)

        def stop(*_args: object) -> None:
            for proc in procs:
                if proc.poll() is None:
                    proc.terminate()
            for proc in procs:
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
            sys.exit(0)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while all(proc.poll() is None for proc in procs):
            time.sleep(1)
        self.stderr.write("A Torg process stopped; stopping the rest.")
        stop()

    def _print_banner(self, host: str, port: str) -> None:
        from torg.demo.users import DEMO_PASSWORD, demo_logins

        base = f"http://{host}:{port}"
        lines = [
            "",
            "Torg is running.",
            f"  Public site:  {base}/",
            f"  Back office:  {base}/admin/",
            "",
            f"Demo logins (password for all: {DEMO_PASSWORD}; second factor: run `make totp`):",
        ]
        lines += [f"  {username:<22} {label}" for username, label in demo_logins()]
        lines += ["", "Stop with Ctrl+C.", ""]
        self.stdout.write("\n".join(lines))
