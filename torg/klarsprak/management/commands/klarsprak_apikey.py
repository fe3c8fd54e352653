"""manage.py klarsprak_apikey NAME: a new API key for POST /api/klarsprak/ (shown once).

``--list`` shows the keys (never the keys themselves); ``--revoke PREFIX`` stops one.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from torg.klarsprak.actions import create_api_key, revoke_api_key
from torg.klarsprak.models import KlarsprakApiKey


class Command(BaseCommand):
    help = "Make, list or revoke API keys for the clear-language API."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="?", help="Which system gets the new key.")
        parser.add_argument("--list", action="store_true", help="List the keys.")
        parser.add_argument("--revoke", metavar="PREFIX", help="Revoke the key that starts with PREFIX.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for key in KlarsprakApiKey.objects.all():
                state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
                used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never"
                self.stdout.write(f"{key.prefix}…  {key.name}  ({state}; last used {used})")
        elif options["revoke"]:
            keys = list(KlarsprakApiKey.objects.active().filter(prefix__startswith=options["revoke"]))
            if len(keys) != 1:
                raise CommandError(f"{len(keys)} active keys start with {options['revoke']!r}; give one.")
            revoke_api_key(key=keys[0])
            self.stdout.write(f"Revoked {keys[0]}.")
        elif options["name"]:
            key, raw = create_api_key(name=options["name"])
            self.stdout.write(f"API key for {key.name} (shown once; send it in the header X-API-Key):\n{raw}")
        else:
            raise CommandError("Give a NAME for a new key, --list or --revoke PREFIX.")
