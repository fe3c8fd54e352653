"""`make totp`: the current second-factor code of every demo user."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from torg.demo.users import DEMO_PASSWORD, current_codes, demo_totp_key_base32, seconds_left


class Command(BaseCommand):
    help = "Print the current TOTP code of each demo user (demo only: the secret is public)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        codes = current_codes()
        if not codes:
            self.stderr.write("No demo users with a TOTP device. Run `manage.py load_demo` first.")
            return
        self.stdout.write(f"Demo second-factor codes (valid for {seconds_left()} more seconds):")
        for username, code in codes.items():
            self.stdout.write(f"  {username:<24} {code}")
        self.stdout.write("")
        self.stdout.write(f"Password for all: {DEMO_PASSWORD}")
        self.stdout.write(f"Or add this demo-only secret to an authenticator app: {demo_totp_key_base32()}")
