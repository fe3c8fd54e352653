"""manage.py import_addresses FILE: address points for the local geocoder from CSV (text;postcode;lat;lon)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from torg.places.actions import ImportRejected, import_addresses


class Command(BaseCommand):
    help = "Create or update address points from CSV with a header row text;postcode;lat;lon[;poststad]."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            source = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            result = import_addresses(source=source, actor=None)
        except ImportRejected as rejected:
            raise CommandError("\n".join(rejected.errors)) from rejected
        self.stdout.write(f"{result.created} created, {result.updated} updated")
