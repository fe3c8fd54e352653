"""manage.py import_places FILE [--kind K]: create or update named areas from a GeoJSON FeatureCollection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from torg.places.actions import ImportRejected, import_places
from torg.places.models import PlaceKind


class Command(BaseCommand):
    help = "Create or update named areas (by slug) from a GeoJSON FeatureCollection in WGS84."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", choices=PlaceKind.values, help="kind of the features without a 'kind' property")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            source = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            result = import_places(source=source, kind=options["kind"], actor=None)
        except ImportRejected as rejected:
            raise CommandError("\n".join(rejected.errors)) from rejected
        self.stdout.write(
            f"{len(result.created)} created, {len(result.updated)} updated, {len(result.unchanged)} unchanged"
        )
