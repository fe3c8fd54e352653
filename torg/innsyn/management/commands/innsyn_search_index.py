"""manage.py innsyn_search_index [--rebuild | --entries PK … | --changed-since DATE]: the journal's search index.

Without options it tells what the configured backend's index holds. ``--rebuild`` builds it
afresh from the journal (the database backend: the FTS5 table or tsvector column and their
triggers; OpenSearch: the index, then every entry). ``--entries`` and ``--changed-since``
send just those entries again (OpenSearch after an import; the database backend repairs them).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from torg.innsyn import search_index
from torg.innsyn.models import Journalpost
from torg.innsyn.search_backends import SearchUnavailable, get_backend, search_settings


class Command(BaseCommand):
    help = "Show, rebuild or update the public journal's search index."

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--rebuild", action="store_true", help="build the index afresh from the journal")
        action.add_argument("--entries", nargs="+", type=int, metavar="PK", help="index these entries again")
        action.add_argument(
            "--changed-since", metavar="DATE", help="index again the entries imported since DATE (ISO date or time)"
        )

    def _progress(self, done: int, total: int) -> None:
        sys.stderr.write(f"\r{done:,} of {total:,} entries")
        sys.stderr.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        params = search_settings()
        backend = get_backend(params)
        started = time.monotonic()
        try:
            if options["rebuild"]:
                count = backend.rebuild(progress=self._progress)
                sys.stderr.write("\n")
                self.stdout.write(
                    f"Indexed {count:,} entries in {time.monotonic() - started:.1f} s ({params['BACKEND']})."
                )
                return
            ids: list[int] | None = options["entries"]
            if options["changed_since"]:
                since = self._since(options["changed_since"])
                ids = list(Journalpost.objects.filter(imported_at__gte=since).values_list("pk", flat=True))
            if ids is not None:
                if params["BACKEND"].endswith(".database"):
                    search_index.reindex_entries(ids)
                else:
                    backend.index_entries(ids)
                self.stdout.write(f"Indexed {len(ids):,} entries again.")
                return
            info = backend.status()
        except SearchUnavailable as error:
            raise CommandError(f"The search service did not answer: {error}") from error
        for key, value in info.items():
            self.stdout.write(f"{key}: {value}")
        if not info.get("ready"):
            raise CommandError("The index is not ready: run manage.py innsyn_search_index --rebuild")

    def _since(self, value: str) -> dt.datetime:
        try:
            moment = parse_datetime(value)
            day = parse_date(value) if moment is None else None
        except ValueError:
            moment = day = None
        if moment is None:
            if day is None:
                raise CommandError(f"Not a date: {value} (write 2025-03-04 or 2025-03-04T12:00)")
            moment = dt.datetime.combine(day, dt.time())
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
