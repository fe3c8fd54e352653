"""Every write to the public journal: importing it, attaching a document's file, clearing a
document's text for publication.

``import_journal`` records an ``ImportRun`` first (outside the import's transaction, so a
rejected file still leaves its run with the line and reason), then writes every record of
the file in ONE transaction: a file that fails half-way changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from torg.core import audit
from torg.core.models import ServiceArea
from torg.core.queries import user_row

from . import screening, search_index
from .extract import CONTENT_TYPES, extract_document
from .importers import ImportRejected, detect_format, read_records
from .importers.pipeline import batches
from .importers.prepare import Preparer
from .importers.records import Skipped, Withdrawal
from .importers.writer import Writer, bulk_import_settings
from .models import Dokumentbeskrivelse, ImportRun, ImportStatus, Journalpost, TextBlock

# progress(entries done, bytes read, bytes in all or None when unknown)
Progress = Callable[[int, int, int | None], None]

__all__ = [
    "ImportRejected",
    "Progress",
    "attach_document",
    "clear_document_text",
    "import_journal",
    "may_handle_documents",
    "may_import_journal",
]


def may_import_journal(user: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or user.has_perm("innsyn.import_journal"))


class _Counting:
    """A binary stream that counts what was read, after first handing back ``head``."""

    def __init__(self, stream: IO[bytes], head: bytes):
        self.stream = stream
        self.head = head
        self.bytes = 0

    def read(self, size: int = -1) -> bytes:
        if self.head:
            data, self.head = (
                (self.head, b"")
                if size < 0 or size >= len(self.head)
                else (
                    self.head[:size],
                    self.head[size:],
                )
            )
        else:
            data = self.stream.read(size)
        self.bytes += len(data)
        return data


@contextmanager
def _opened(source: Path | IO[bytes]) -> Iterator[tuple[IO[bytes], str, int | None]]:
    if isinstance(source, Path):
        with source.open("rb") as stream:
            yield stream, str(source), source.stat().st_size
        return
    total = getattr(source, "size", None)
    if total is None and hasattr(source, "seekable") and source.seekable():
        position = source.tell()
        total = source.seek(0, 2) - position
        source.seek(position)
    yield source, str(getattr(source, "name", "") or "upload"), total


def _areas() -> dict[str, int]:
    areas: dict[str, int] = {}
    for pk, name, slug in ServiceArea.objects.values_list("pk", "name", "slug"):
        areas[name.casefold()] = pk
        areas[slug.casefold()] = pk
    return areas


def _withdraw(withdrawal: Withdrawal, changed: list[int]) -> int:
    entries = Journalpost.objects.filter(system_id__in=withdrawal.registrering_ids) | Journalpost.objects.filter(
        saksmappe__system_id__in=withdrawal.mappe_ids
    )
    changed += entries.values_list("pk", flat=True)
    return entries.update(publish_metadata=False)


def import_journal(
    *,
    source: Path | IO[bytes],
    format: str | None = None,
    actor: Any,
    progress: Progress | None = None,
    batch_size: int | None = None,
    read_ahead: bool | None = None,
    run: ImportRun | None = None,
) -> ImportRun:
    """Import a journal file; ``actor`` None is the system (the management command).

    ``run``: an ImportRun made beforehand (an upload waiting for the task worker) to fill in;
    otherwise the import makes its own.

    ``read_ahead``: True parses and screens the next batches in a thread while one is written,
    False reads in turn with the writes, None (the default) does whichever is faster on this
    machine at the moment (see :mod:`.importers.pipeline`).

    Raises ImportRejected (with ``.line``, ``.reason`` and ``.run``) when the file cannot be read.
    """
    if actor is not None and not may_import_journal(actor):
        raise PermissionDenied
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    with _opened(source) as (stream, name, total):
        if run is None:
            run = ImportRun.objects.create(source=name[:500], format=format or "", actor=user, bytes_total=total)
        else:
            run.format, run.bytes_total = format or "", total if total is not None else run.bytes_total
            run.save(update_fields=["format", "bytes_total"])
        counting = _Counting(stream, b"")
        writer = Writer()
        preparer = Preparer(areas=_areas(), adapt_date=connection.ops.adapt_datefield_value)
        withdrawn = skipped = 0
        try:
            head = stream.read(64 * 1024)
            counting.head = head
            run.format = format or detect_format(head)
            with (
                transaction.atomic(),
                bulk_import_settings(),
                batches(
                    read_records(counting, run.format),  # type: ignore[arg-type]
                    preparer=preparer,
                    batch_size=batch_size or settings.TORG_INNSYN_IMPORT_BATCH,
                    bytes_read=lambda: counting.bytes,
                    read_ahead=read_ahead,
                ) as items,
            ):
                for item in items:
                    if isinstance(item, Withdrawal):
                        withdrawn += _withdraw(item, writer.changed)
                    elif isinstance(item, Skipped):
                        skipped += item.count
                    else:
                        writer.write(item)
                        if progress is not None:
                            progress(writer.counts.entries, item.bytes_read, total)
                # The database's own search index follows by triggers; one outside it (OpenSearch) is told
                # after the commit. If it does not answer, the import stands (the error is logged) and
                # `manage.py innsyn_search_index --rebuild` brings the index up to date.
                changed = writer.changed
                transaction.on_commit(lambda: search_index.entries_changed(changed), robust=True)
        except ImportRejected as rejected:
            run.status = ImportStatus.REJECTED
            run.errors = [{"line": rejected.line, "reason": rejected.reason}]
            run.entries = writer.counts.entries
            run.finished_at = timezone.now()
            run.save()
            audit.record(actor=actor, action="torg.innsyn.import_rejected", target=run, data=run.errors[0])
            rejected.run = run
            raise
    counts = writer.counts
    run.entries, run.created, run.updated = counts.entries, counts.created, counts.updated
    run.cases_created, run.cases_updated, run.withdrawn = counts.cases_created, counts.cases_updated, withdrawn
    run.skipped = skipped
    run.status = ImportStatus.DONE
    run.finished_at = timezone.now()
    run.save()
    audit.record(
        actor=actor,
        action="torg.innsyn.imported",
        target=run,
        data={"format": run.format, "created": run.created, "updated": run.updated, "withdrawn": withdrawn},
    )
    if progress is not None:
        progress(counts.entries, counting.bytes, total)
    return run


def may_handle_documents(user: Any) -> bool:
    return may_import_journal(user) or bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.has_perm("innsyn.change_dokumentbeskrivelse")
    )


@transaction.atomic
def attach_document(*, dokument: Dokumentbeskrivelse, name: str, data: bytes, actor: Any) -> Dokumentbeskrivelse:
    """Store a document's file, read its text, and block the text when it must not be public yet."""
    if not may_handle_documents(actor):
        raise PermissionDenied
    extracted = extract_document(name, data)
    suffix = Path(name).suffix.lower()
    entry = dokument.journalpost
    reason: str
    if entry.tilgangsrestriksjon or entry.skjermingshjemmel or dokument.tilgangsrestriksjon:
        reason = TextBlock.EXEMPTED
    elif extracted.error:
        reason = TextBlock.UNREADABLE
    else:
        reason = screening.text_block_reason(extracted.text) or TextBlock.NONE
    safe = f"{entry.journalaar}-{entry.journalsekvensnummer}-{dokument.dokumentnummer}{suffix or '.bin'}"
    dokument.file.save(safe, ContentFile(data), save=False)
    dokument.content_type = CONTENT_TYPES.get(suffix, "application/octet-stream")
    dokument.extracted_text = extracted.text
    dokument.text_blocked_reason = reason
    dokument.cleared_by, dokument.cleared_at = None, None
    dokument.save()
    audit.record(actor=actor, action="torg.innsyn.document_attached", target=dokument, data={"blocked": reason})
    _reindex_after_commit(entry.pk)
    return dokument


def _reindex_after_commit(entry_id: int) -> None:
    """A search index outside the database (OpenSearch) hears of the entry's new text after the commit."""
    transaction.on_commit(lambda: search_index.entries_changed([entry_id]), robust=True)


@transaction.atomic
def clear_document_text(*, dokument: Dokumentbeskrivelse, actor: Any, when: dt.datetime | None = None) -> None:
    """A person has read the text and cleared it: the national identity number is not a reason to withhold it."""
    if not may_handle_documents(actor):
        raise PermissionDenied
    if dokument.text_blocked_reason != TextBlock.FODSELSNUMMER:
        raise ValueError("Only a text blocked for a national identity number can be cleared.")
    dokument.cleared_by = user_row(actor)
    dokument.cleared_at = when or timezone.now()
    dokument.save(update_fields=["cleared_by", "cleared_at"])
    audit.record(actor=actor, action="torg.innsyn.document_cleared", target=dokument)
    _reindex_after_commit(dokument.journalpost_id)
