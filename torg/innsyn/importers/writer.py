"""Writes screened batches (:mod:`.prepare`) to the database: inserts for new rows, updates for known ones.

Keys (so that a re-import updates rather than duplicates):
- a case file by its systemID, else by its saksnummer (saksaar/sakssekvensnummer);
  a known case without a systemID takes the one the file gives;
- a journal entry by its systemID (importers give entries without one the key
  ``torg:<saksnummer>-<journalpostnummer>``);
- a document by its systemID within the entry, else by its dokumentnummer.
Senders and recipients of an updated entry are replaced. Every public value was
screened before it reached the writer, so no unscreened public value is ever stored.

Rows go through plain SQL (:mod:`.bulk`), not model instances: at a million entries,
``Model.__init__`` and the ORM's per-value preparation cost more than the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import timezone

from ..models import Dokumentbeskrivelse, Journalpost, Korrespondansepart, Saksmappe
from .bulk import Table
from .prepare import CASE_FIELDS, ENTRY_FIELDS, PART_FIELDS, Batch, PreparedCase, PreparedEntry, case_key
from .records import SaksmappeRecord

_DOC_FIELDS = [
    "system_id",
    "dokumentnummer",
    "tittel",
    "offentlig_tittel",
    "tilknytning",
    "dokumenttype",
    "tilgangsrestriksjon",
    "skjermingshjemmel",
    "source_reference",
]
# SQLite's page cache for the importing connection while it imports: the indexes of a million
# entries stay in memory instead of being read back for every batch (the default is 2 MB).
SQLITE_IMPORT_CACHE_KIB = 256 * 1024

_CASE_INDEX = {name: position for position, name in enumerate(CASE_FIELDS)}
_ENTRY_INDEX = {name: position for position, name in enumerate(ENTRY_FIELDS)}


@contextmanager
def bulk_import_settings() -> Iterator[None]:
    """Settings of the importing connection while it imports, put back afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB:d}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before:d}")


@dataclass
class Counts:
    entries: int = 0
    created: int = 0
    updated: int = 0
    cases_created: int = 0
    cases_updated: int = 0


@dataclass
class _Known:
    pk: int
    system_id: str | None
    fingerprint: tuple[Any, ...] | None  # what this run last wrote; None: not written in this run


class Writer:
    def __init__(self) -> None:
        self.by_system_id: dict[str, _Known] = {}
        self.by_number: dict[str, _Known] = {}
        self.counts = Counts()
        self.changed: list[int] = []  # pks of the entries written, for a search index outside the database
        self.cases = Table(Saksmappe, [*CASE_FIELDS, "imported_at"])
        self.entries = Table(Journalpost, ["system_id", "saksmappe", *ENTRY_FIELDS, "publish_metadata", "imported_at"])
        self.parts = Table(Korrespondansepart, ["journalpost", *PART_FIELDS])
        self._update_columns: dict[tuple[str, frozenset[str]], list[str]] = {}

    def write(self, batch: Batch) -> None:
        self.counts.entries += batch.entries_read
        if not batch.records:
            return
        now = Journalpost._meta.get_field("imported_at").get_db_prep_save(timezone.now(), connection)
        with connection.cursor() as cursor:
            case_pks = self._write_cases(cursor, batch.cases, now)
            self._write_entries(cursor, batch.entries, case_pks, now)

    def _fields_without(self, kind: str, fields: tuple[str, ...], missing: frozenset[str]) -> list[str]:
        """The fields an update writes: all but those the source left out (so they keep their value)."""
        key = (kind, missing)
        found = self._update_columns.get(key)
        if found is None:
            found = self._update_columns[key] = [name for name in fields if name not in missing]
        return found

    # --- case files --------------------------------------------------------------
    def _find_known(self, case: SaksmappeRecord) -> _Known | None:
        if case.system_id:
            known = self.by_system_id.get(case.system_id)
            if known is not None:
                return known
            known = self.by_number.get(case.saksnummer)
            return known if known is not None and known.system_id is None else None
        return self.by_number.get(case.saksnummer)

    def _remember(self, known: _Known, case: SaksmappeRecord) -> None:
        if known.system_id:
            self.by_system_id[known.system_id] = known
        self.by_number.setdefault(case.saksnummer, known)
        if self.by_number[case.saksnummer].system_id is None and known.system_id:
            self.by_number[case.saksnummer] = known

    def _load_known(self, cursor: Any, cases: list[SaksmappeRecord]) -> None:
        """Look up in the database the cases this run has not met yet."""
        missing = [case for case in cases if self._find_known(case) is None]
        if not missing:
            return
        system_ids = [case.system_id for case in missing if case.system_id]
        numbers = list({case.saksnummer for case in missing})
        rows = self.cases.lookup(cursor, "system_id", system_ids, also=["saksnummer"]) if system_ids else []
        rows += [
            (pk, system_id, number)
            for pk, number, system_id in self.cases.lookup(cursor, "saksnummer", numbers, also=["system_id"])
        ]
        for pk, system_id, number in rows:
            known = _Known(pk=pk, system_id=system_id, fingerprint=None)
            if system_id:
                self.by_system_id.setdefault(system_id, known)
            current = self.by_number.get(number)
            if current is None or (current.system_id is not None and system_id is None):
                self.by_number[number] = known

    def _write_cases(self, cursor: Any, cases: list[PreparedCase], now: Any) -> dict[str, int]:
        """Create or update the batch's cases; returns case key -> case pk."""
        self._load_known(cursor, [prepared.record for prepared in cases])
        aliases: dict[str, str] = {}  # a case without systemID -> a new case with one, same saksnummer
        created_numbers: dict[str, str] = {}
        creates: list[tuple[SaksmappeRecord, tuple[Any, ...]]] = []
        updates: dict[frozenset[str], list[tuple[Any, ...]]] = {}
        resolved: dict[str, int] = {}
        for prepared in cases:
            case, key, values = prepared.record, prepared.key, prepared.values
            known = self._find_known(case)
            if known is None:
                if not case.system_id and case.saksnummer in created_numbers:
                    aliases[key] = created_numbers[case.saksnummer]
                    continue
                created_numbers.setdefault(case.saksnummer, key)
                creates.append((case, values))
                continue
            row = list(values)
            if known.system_id is None and case.system_id:
                known.system_id = case.system_id
            elif known.system_id:
                row[0] = known.system_id
            if known.fingerprint != values:
                fields = self._fields_without("case", CASE_FIELDS, case.missing)
                updates.setdefault(case.missing, []).append(
                    (*(row[_CASE_INDEX[name]] for name in fields), now, known.pk)
                )
                if known.fingerprint is None:
                    self.counts.cases_updated += 1
                known.fingerprint = values
            self._remember(known, case)
            resolved[key] = known.pk
        if creates:
            new = self._insert_cases(cursor, creates, now)
            for case, values in creates:
                known = _Known(pk=new[case_key(case)], system_id=values[0], fingerprint=values)
                self._remember(known, case)
                resolved[case_key(case)] = known.pk
            self.counts.cases_created += len(creates)
        for missing, rows in updates.items():
            self.cases.update(cursor, [*self._fields_without("case", CASE_FIELDS, missing), "imported_at"], rows)
        for alias, target in aliases.items():
            resolved[alias] = resolved[target]
        return resolved

    def _insert_cases(
        self, cursor: Any, creates: list[tuple[SaksmappeRecord, tuple[Any, ...]]], now: Any
    ) -> dict[str, int]:
        """Insert new cases; their keys (see case_key) -> pks.

        Within one batch the new cases' systemIDs are unique, and so is the saksnummer of a
        new case without one (another with the same saksnummer would have been its alias).
        """
        rows = [(*values, now) for _case, values in creates]
        found: dict[str, int] = {}
        for pk, system_id, number in self.cases.insert_returning(cursor, rows, ["system_id", "saksnummer"]):
            found[f"s:{system_id}" if system_id else f"n:{number}"] = pk
        return found

    # --- journal entries -----------------------------------------------------------
    def _write_entries(self, cursor: Any, entries: list[PreparedEntry], case_pks: dict[str, int], now: Any) -> None:
        if not entries:
            return
        system_ids = [prepared.record.system_id for prepared in entries]
        existing = {system_id: pk for pk, system_id in self.entries.lookup(cursor, "system_id", system_ids)}
        creates: list[PreparedEntry] = []
        updates: list[tuple[int, PreparedEntry]] = []
        for prepared in entries:
            pk = existing.get(prepared.record.system_id)
            if pk is None:
                creates.append(prepared)
            else:
                updates.append((pk, prepared))
        new_pks: dict[str, int] = {}
        if creates:
            rows = [(p.record.system_id, case_pks[case_key(p.case)], *p.values, True, now) for p in creates]
            returned = self.entries.insert_returning(cursor, rows, ["system_id"])
            new_pks = {system_id: pk for pk, system_id in returned}
        by_shape: dict[frozenset[str], list[tuple[Any, ...]]] = {}
        for pk, prepared in updates:
            missing = prepared.record.missing
            fields = self._fields_without("entry", ENTRY_FIELDS, missing)
            values = prepared.values
            by_shape.setdefault(missing, []).append(
                (case_pks[case_key(prepared.case)], *(values[_ENTRY_INDEX[name]] for name in fields), now, pk)
            )
        for missing, rows in by_shape.items():
            fields = ["saksmappe", *self._fields_without("entry", ENTRY_FIELDS, missing), "imported_at"]
            self.entries.update(cursor, fields, rows)
        if updates:
            self.parts.delete_where_in(cursor, "journalpost", [pk for pk, _prepared in updates])
        part_rows = [(new_pks[p.record.system_id], *part) for p in creates for part in p.parts]
        part_rows += [(pk, *part) for pk, p in updates for part in p.parts]
        self.parts.insert(cursor, part_rows)
        self.counts.created += len(creates)
        self.counts.updated += len(updates)
        self.changed += new_pks.values()
        self.changed += (pk for pk, _prepared in updates)
        new_docs = []
        for prepared in creates:
            for doc in prepared.documents:
                doc.journalpost_id = new_pks[prepared.record.system_id]
                new_docs.append(doc)
        with_documents = [(pk, p.documents) for pk, p in updates if p.record.documents is not None]
        if with_documents:
            new_docs += self._merge_documents(with_documents)
        if new_docs:
            Dokumentbeskrivelse.objects.bulk_create(new_docs, batch_size=500)

    def _merge_documents(self, updates: list[tuple[int, list[Dokumentbeskrivelse]]]) -> list[Dokumentbeskrivelse]:
        """Update known documents in place (their files, text and clearance stay); return the new ones."""
        known: dict[tuple[int, str], int] = {}
        pk: int | None
        for pk, entry_pk, system_id, number in Dokumentbeskrivelse.objects.filter(
            journalpost_id__in=[entry_pk for entry_pk, _docs in updates]
        ).values_list("pk", "journalpost_id", "system_id", "dokumentnummer"):
            known[(entry_pk, f"s:{system_id}" if system_id else f"n:{number}")] = pk
        new, changed, kept = [], [], set()
        for entry_pk, documents in updates:
            for doc in documents:
                doc.journalpost_id = entry_pk
                pk = known.get((entry_pk, f"s:{doc.system_id}" if doc.system_id else f"n:{doc.dokumentnummer}"))
                if pk is None or pk in kept:
                    new.append(doc)
                else:
                    doc.pk = pk
                    kept.add(pk)
                    changed.append(doc)
        if changed:
            Dokumentbeskrivelse.objects.bulk_update(changed, _DOC_FIELDS, batch_size=500)
        gone = set(known.values()) - kept
        if gone:
            Dokumentbeskrivelse.objects.filter(pk__in=gone).delete()
        return new
