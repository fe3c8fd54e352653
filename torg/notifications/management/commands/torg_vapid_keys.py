"""``manage.py torg_vapid_keys``: the web-push (VAPID) key pair, for TORG_VAPID_PRIVATE_KEY/TORG_VAPID_PUBLIC_KEY."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from torg.notifications import push


class Command(BaseCommand):
    help = "Print the VAPID keys for web push (generated once into VAR_DIR/vapid/ unless set in settings)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        source = "settings" if settings.TORG_VAPID_PRIVATE_KEY else str(push.key_file())
        self.stdout.write(f"# VAPID keys (from {source})")
        self.stdout.write(f"TORG_VAPID_PUBLIC_KEY={push.vapid_public_key()}")
        self.stdout.write(f"TORG_VAPID_PRIVATE_KEY={push.vapid_private_key()}")
