"""Read saved e-mails (.eml) into Servicetorget, as the inbound webhook would.

    manage.py import_eml mail/1.eml mail/innboks/ [--move-to mail/ferdig/]

Prints per file what happened (created ST-…, continued ST-…, ignored: why, error: why)
and a summary. A file that fails is reported and left where it was; the others go on.
With ``--move-to``, files that were handled (created, continued or ignored) are moved there.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from anymail.inbound import AnymailInboundMessage
from django.core.management.base import BaseCommand, CommandError, CommandParser

from torg.inquiries.inbound import receive_email


def _eml_files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".eml")
        else:
            found.append(path)
    return found


def _free_target(directory: Path, name: str) -> Path:
    target = directory / name
    number = 1
    while target.exists():
        target = directory / f"{Path(name).stem}-{number}{Path(name).suffix}"
        number += 1
    return target


class Command(BaseCommand):
    help = "Read .eml files into Servicetorget: new inquiries, or replies to existing ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help=".eml files or directories holding them")
        parser.add_argument("--move-to", dest="move_to", help="move each handled file to this directory")

    def handle(self, *args: Any, **options: Any) -> None:
        move_to = Path(options["move_to"]) if options["move_to"] else None
        if move_to is not None:
            move_to.mkdir(parents=True, exist_ok=True)
        counts: Counter[str] = Counter()
        for path in _eml_files(options["paths"]):
            try:
                message = AnymailInboundMessage.parse_raw_mime_bytes(path.read_bytes())
                result = receive_email(message)
            except Exception as error:  # noqa: BLE001 - one broken file must not stop the others
                counts["error"] += 1
                self.stderr.write(f"{path}: error: {type(error).__name__}: {error}")
                continue
            counts[str(result.outcome)] += 1
            self.stdout.write(f"{path}: {result}")
            for line in result.skipped:
                self.stdout.write(f"  attachment not taken: {line}")
            if move_to is not None:
                shutil.move(str(path), str(_free_target(move_to, path.name)))
        summary = ", ".join(f"{counts[what]} {what}" for what in ("created", "continued", "ignored", "error"))
        self.stdout.write(f"Done: {summary}.")
        if counts["error"]:
            raise CommandError(f"{counts['error']} file(s) could not be read in; they were left where they were.")
