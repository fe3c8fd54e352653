"""manage.py import_journal FILE [--format F]: import the public journal from a Noark 5 extraction
(arkivstruktur.xml, offentligJournal.xml, loependeJournal.xml) or eInnsyn-shaped JSON."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from torg.innsyn.actions import ImportRejected, import_journal
from torg.innsyn.importers import FORMATS


class ProgressBar:
    """A one-line bar on stderr: share of the file read, entries, entries per second."""

    def __init__(self, stream: Any = None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, entries: int, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self.last < 0.2 and (total is None or done < total):
            return
        self.last = now
        rate = entries / max(now - self.started, 1e-6)
        if total:
            share = min(done / total, 1.0)
            filled = int(share * self.width)
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r[{bar}] {share:4.0%} {entries:,} entries {rate:,.0f}/s")
        else:
            self.stream.write(f"\r{entries:,} entries {done / 1e6:,.1f} MB {rate:,.0f}/s")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Import the public journal (Noark 5 XML or eInnsyn JSON). A re-import updates entries by systemID."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=FORMATS, help="the file's format (default: read from the file)")
        parser.add_argument("--quiet-progress", action="store_true", help="no progress bar on stderr")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        bar = None if options["quiet_progress"] else ProgressBar()
        started = time.monotonic()
        try:
            run = import_journal(source=path, format=options["format"], actor=None, progress=bar)
        except ImportRejected as rejected:
            if bar:
                bar.close()
            where = f"line {rejected.line}: " if rejected.line else ""
            raise CommandError(f"{path} was not imported: {where}{rejected.reason}") from rejected
        if bar:
            bar.close()
        seconds = time.monotonic() - started
        self.stdout.write(
            f"{run.format}: {run.entries} entries in {seconds:.1f} s ({run.entries / max(seconds, 1e-6):,.0f}/s); "
            f"{run.created} created, {run.updated} updated, {run.cases_created} case files created, "
            f"{run.cases_updated} updated, {run.withdrawn} withdrawn"
        )
