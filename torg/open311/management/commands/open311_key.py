"""manage.py open311_key NAME: a new Open311 app and its API key (shown once).

``--email`` sets the app's contact; ``--list`` shows the apps (never their keys);
``--deactivate NAME`` stops an app's key.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from torg.open311.actions import create_api_client, stop_api_client
from torg.open311.models import ApiClient


class Command(BaseCommand):
    help = "Make an Open311 app with a new API key, list the apps, or stop one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="?", help="The app's name (shown on the inquiries it sends).")
        parser.add_argument("--email", default="", help="Who to contact about the app.")
        parser.add_argument("--list", action="store_true", help="List the apps.")
        parser.add_argument("--deactivate", metavar="NAME", help="Stop the key of the app NAME.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for client in ApiClient.objects.all():
                state = "active" if client.active else "stopped"
                used = f"{client.last_used_at:%Y-%m-%d %H:%M}" if client.last_used_at else "never"
                self.stdout.write(f"{client.prefix}…  {client.name}  ({state}; last used {used})")
        elif options["deactivate"]:
            found = ApiClient.objects.filter(name=options["deactivate"]).first()
            if found is None:
                raise CommandError(f"No app is called {options['deactivate']!r}.")
            stop_api_client(client=found)
            self.stdout.write(f"Stopped the key of {options['deactivate']}.")
        elif options["name"]:
            name = options["name"].strip()
            if not name or len(name) > 100:
                raise CommandError("Give a name of 1 to 100 characters.")
            if ApiClient.objects.filter(name=name).exists():
                raise CommandError(f"An app is already called {name!r}. Choose another name.")
            if options["email"]:
                try:
                    validate_email(options["email"])
                except ValidationError as problem:
                    raise CommandError(f"{options['email']!r} is not an e-mail address.") from problem
            client, raw = create_api_client(name=name, contact_email=options["email"])
            self.stdout.write(f"API key for {client.name} (shown once; the app sends it as api_key):\n{raw}")
        else:
            raise CommandError("Give a NAME for a new app, --list or --deactivate NAME.")
