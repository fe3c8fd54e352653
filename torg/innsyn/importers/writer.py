"""Writes imported records in batches: bulk_create for new rows, bulk_update for known ones.

Keys (so that a re-import updates rather than duplicates):
- a case file by its systemID, else by its saksnummer (saksaar/sakssekvensnummer);
  a known case without a systemID takes the one the file gives;
- a journal entry by its systemID (importers give entries without one the key
  ``torg:<saksnummer>-<journalpostnummer>``);
- a document by its systemID within the entry, else by its dokumentnummer.
Senders and recipients of an updated entry are replaced. Screening happens here,
before anything is written, so no unscreened public value is ever stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.utils import timezone

from .. import screening
from ..models import INTERNAL_PARTTYPES, Dokumentbeskrivelse, Journalpost, Korrespondansepart, Saksmappe
from .records import JournalpostRecord, SaksmappeRecord

_CASE_FIELDS = [
    "system_id",
    "saksaar",
    "sakssekvensnummer",
    "saksnummer",
    "saksdato",
    "tittel",
    "offentlig_tittel",
    "service_area",
    "administrativ_enhet",
    "saksansvarleg",
    "status",
    "tilgangsrestriksjon",
    "skjermingshjemmel",
    "imported_at",
]
_ENTRY_FIELDS = [
    "saksmappe",
    "journalaar",
    "journalsekvensnummer",
    "journalpostnummer",
    "journalposttype",
    "journalstatus",
    "journaldato",
    "dokumentets_dato",
    "tittel",
    "offentlig_tittel",
    "tilgangsrestriksjon",
    "skjermingshjemmel",
    "skjerming_metadata",
    "service_area",
    "administrativ_enhet",
    "saksbehandlar",
    "accessible_after",
    "publish_documents",
    "search_text",
    "parts_public",
    "has_person_party",
    "imported_at",
]
_PART_FIELDS = (
    "parttype",
    "namn",
    "offentleg_namn",
    "namn_key",
    "is_person",
    "skjerma",
    "administrativ_enhet",
    "saksbehandlar",
)
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


def _grouped(rows: list[tuple[Any, frozenset[str]]]) -> dict[frozenset[str], list[Any]]:
    """Rows to update, by the fields their source left out (each group is one bulk_update)."""
    groups: dict[frozenset[str], list[Any]] = {}
    for row, missing in rows:
        groups.setdefault(missing, []).append(row)
    return groups


def _insert_many(cursor: Any, statement: str, rows: list[tuple[Any, ...]], per_statement: int = 500) -> None:
    """INSERT with many rows per statement: one round trip per 500 rows (PostgreSQL gains most)."""
    head, _values, one = statement.partition(" VALUES ")
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        cursor.execute(f"{head} VALUES {', '.join([one] * len(chunk))}", [value for row in chunk for value in row])


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(field.column)


def _key(case: SaksmappeRecord) -> str:
    return f"s:{case.system_id}" if case.system_id else f"n:{case.saksnummer}"


def _person_names(case: SaksmappeRecord) -> list[str]:
    return [
        part.namn
        for entry in case.journalposts
        for part in entry.parts
        if part.parttype not in INTERNAL_PARTTYPES and screening.looks_like_person(part.namn)
    ]


class Writer:
    def __init__(self, *, batch_size: int, areas: dict[str, int]):
        self.batch_size = batch_size
        self.areas = areas  # casefolded service-area name or slug -> pk
        self.by_system_id: dict[str, _Known] = {}
        self.by_number: dict[str, _Known] = {}
        self.pending: list[SaksmappeRecord] = []
        self.pending_entries = 0
        self.counts = Counts()
        self.adapt_date = connection.ops.adapt_datefield_value
        self.columns = {f: _column(Journalpost, f) for f in ["system_id", *_ENTRY_FIELDS, "publish_metadata"]}
        self.case_columns = {f: _column(Saksmappe, f) for f in _CASE_FIELDS}
        self.case_table = connection.ops.quote_name(Saksmappe._meta.db_table)
        self.case_insert = (
            f"INSERT INTO {self.case_table} ({', '.join(self.case_columns[f] for f in _CASE_FIELDS)}) "  # noqa: S608  (names from the models' _meta)
            f"VALUES ({', '.join(['%s'] * len(_CASE_FIELDS))})"
        )
        self.entry_table = connection.ops.quote_name(Journalpost._meta.db_table)
        self.part_table = connection.ops.quote_name(Korrespondansepart._meta.db_table)
        columns = [self.columns[f] for f in ["system_id", *_ENTRY_FIELDS, "publish_metadata"]]
        self.entry_insert = (
            f"INSERT INTO {self.entry_table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608  (names from the models' _meta)
        )
        part_columns = [_column(Korrespondansepart, f) for f in ("journalpost", *_PART_FIELDS)]
        self.part_insert = (
            f"INSERT INTO {self.part_table} ({', '.join(part_columns)}) "  # noqa: S608  (names from the models' _meta)
            f"VALUES ({', '.join(['%s'] * len(part_columns))})"
        )

    def add(self, case: SaksmappeRecord) -> bool:
        """Queue one case with its entries; True when a batch was written."""
        self.pending.append(case)
        self.pending_entries += len(case.journalposts)
        self.counts.entries += len(case.journalposts)
        if self.pending_entries >= self.batch_size:
            self.flush()
            return True
        return False

    def flush(self) -> None:
        if not self.pending:
            return
        now = timezone.now()
        case_pks = self._write_cases(now)
        self._write_entries(case_pks, now)
        self.pending = []
        self.pending_entries = 0

    # --- case files --------------------------------------------------------------
    def _area(self, unit: str) -> int | None:
        return self.areas.get(unit.casefold()) if unit else None

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

    def _load_known(self, cases: list[SaksmappeRecord]) -> None:
        """Look up in the database the cases this run has not met yet."""
        missing = [case for case in cases if self._find_known(case) is None]
        if not missing:
            return
        system_ids = [case.system_id for case in missing if case.system_id]
        numbers = list({case.saksnummer for case in missing})
        rows = list(
            Saksmappe.objects.filter(system_id__in=system_ids).values_list("pk", "system_id", "saksnummer")
        ) + list(Saksmappe.objects.filter(saksnummer__in=numbers).values_list("pk", "system_id", "saksnummer"))
        for pk, system_id, number in rows:
            known = _Known(pk=pk, system_id=system_id, fingerprint=None)
            if system_id:
                self.by_system_id.setdefault(system_id, known)
            current = self.by_number.get(number)
            if current is None or (current.system_id is not None and system_id is None):
                self.by_number[number] = known

    def _write_cases(self, now: Any) -> dict[int, int]:
        """Create or update the pending cases; returns id(record) -> case pk."""
        unique: dict[str, SaksmappeRecord] = {}
        for case in sorted(self.pending, key=lambda c: not c.system_id):  # those with a systemID first
            unique[_key(case)] = case
        self._load_known(list(unique.values()))
        aliases: dict[str, str] = {}  # a case without systemID -> a new case with one, same saksnummer
        created_numbers: dict[str, str] = {}
        creates: list[tuple[SaksmappeRecord, dict[str, Any]]] = []
        updates: dict[frozenset[str], list[tuple[Any, ...]]] = {}
        resolved: dict[str, _Known] = {}
        stamp = Saksmappe._meta.get_field("imported_at").get_db_prep_save(now, connection)
        for key, case in unique.items():
            exempted = bool(case.tilgangsrestriksjon or case.skjermingshjemmel)
            row = {
                "system_id": case.system_id or None,
                "saksaar": case.saksaar,
                "sakssekvensnummer": case.sakssekvensnummer,
                "saksnummer": case.saksnummer,
                "saksdato": self.adapt_date(case.saksdato),
                "tittel": case.tittel or case.offentlig_tittel,
                "offentlig_tittel": screening.public_title(
                    tittel=case.tittel,
                    offentlig_tittel=case.offentlig_tittel,
                    person_names=_person_names(case),
                    exempted=exempted,
                ),
                "service_area": self._area(case.administrativ_enhet),
                "administrativ_enhet": case.administrativ_enhet[:200],
                "saksansvarleg": case.saksansvarleg[:200],
                "status": case.status[:100],
                "tilgangsrestriksjon": case.tilgangsrestriksjon[:100],
                "skjermingshjemmel": case.skjermingshjemmel[:200],
                "imported_at": stamp,
            }
            fingerprint = tuple(row[f] for f in _CASE_FIELDS[:-1])
            known = self._find_known(case)
            if known is None:
                if not case.system_id and case.saksnummer in created_numbers:
                    aliases[key] = created_numbers[case.saksnummer]
                    continue
                created_numbers.setdefault(case.saksnummer, key)
                creates.append((case, row))
                continue
            if known.system_id is None and case.system_id:
                known.system_id = case.system_id
            elif known.system_id:
                row["system_id"] = known.system_id
            if known.fingerprint != fingerprint:
                fields = [f for f in _CASE_FIELDS if f not in case.missing]
                updates.setdefault(case.missing, []).append((*(row[f] for f in fields), known.pk))
                if known.fingerprint is None:
                    self.counts.cases_updated += 1
                known.fingerprint = fingerprint
            self._remember(known, case)
            resolved[key] = known
        with connection.cursor() as cursor:
            if creates:
                _insert_many(cursor, self.case_insert, [tuple(row[f] for f in _CASE_FIELDS) for _c, row in creates])
                pks = self._case_pks([case for case, _row in creates])
                for case, row in creates:
                    known = _Known(
                        pk=pks[_key(case)],
                        system_id=row["system_id"],
                        fingerprint=tuple(row[f] for f in _CASE_FIELDS[:-1]),
                    )
                    self._remember(known, case)
                    resolved[_key(case)] = known
                self.counts.cases_created += len(creates)
            for missing, values in updates.items():
                sets = ", ".join(f"{self.case_columns[f]} = %s" for f in _CASE_FIELDS if f not in missing)
                cursor.executemany(f"UPDATE {self.case_table} SET {sets} WHERE id = %s", values)  # noqa: S608  (names from the models' _meta)
        for alias, target in aliases.items():
            resolved[alias] = resolved[target]
        return {id(case): resolved[_key(case)].pk for case in self.pending}

    def _case_pks(self, cases: list[SaksmappeRecord]) -> dict[str, int]:
        """The keys (see _key) of just-created cases -> their pks."""
        system_ids = [case.system_id for case in cases if case.system_id]
        numbers = [case.saksnummer for case in cases if not case.system_id]
        found: dict[str, int] = {}
        for start in range(0, len(system_ids), 5000):
            rows = Saksmappe.objects.filter(system_id__in=system_ids[start : start + 5000])
            found.update((f"s:{sid}", pk) for sid, pk in rows.values_list("system_id", "pk"))
        for start in range(0, len(numbers), 5000):
            rows = Saksmappe.objects.filter(saksnummer__in=numbers[start : start + 5000]).order_by("-pk")
            for number, pk in rows.values_list("saksnummer", "pk"):
                found.setdefault(f"n:{number}", pk)  # the newest: the one just created
        return found

    # --- journal entries -----------------------------------------------------------
    # Entries and their parties go through executemany, not model instances: at a million
    # entries, Model.__init__ and the ORM's per-value preparation cost more than the database.
    def _build_entry(
        self, entry: JournalpostRecord, case: SaksmappeRecord, case_pk: int, now: Any
    ) -> tuple[dict[str, Any], list[tuple[Any, ...]], list[Dokumentbeskrivelse]]:
        exempted = bool(entry.tilgangsrestriksjon or entry.skjermingshjemmel)
        parts = []
        person_names = []
        public_names = []
        for part in entry.parts:
            is_person = part.parttype not in INTERNAL_PARTTYPES and screening.looks_like_person(part.namn)
            if is_person:
                person_names.append(part.namn)
            public, screened = screening.public_party_name(
                namn=part.namn, offentleg_namn=part.offentleg_namn, is_person=is_person, exempted=exempted
            )
            public_names.append(public)
            parts.append(
                (
                    part.parttype,
                    part.namn[:300],
                    public[:300],
                    screening.name_key(part.namn)[:300],
                    is_person,
                    screened,
                    part.administrativ_enhet[:200],
                    part.saksbehandlar[:200],
                )
            )
        title = screening.public_title(
            tittel=entry.tittel, offentlig_tittel=entry.offentlig_tittel, person_names=person_names, exempted=exempted
        )
        parts_public = "; ".join(public_names)[:500]
        case_title = screening.screen_text(case.offentlig_tittel or case.tittel, person_names)
        adapt = self.adapt_date
        row = {
            "saksmappe": case_pk,
            "system_id": entry.system_id,
            "journalaar": entry.journalaar,
            "journalsekvensnummer": entry.journalsekvensnummer,
            "journalpostnummer": entry.journalpostnummer,
            "journalposttype": entry.journalposttype,
            "journalstatus": entry.journalstatus[:100],
            "journaldato": adapt(entry.journaldato),
            "dokumentets_dato": adapt(entry.dokumentets_dato),
            "tittel": entry.tittel or entry.offentlig_tittel,
            "offentlig_tittel": title,
            "tilgangsrestriksjon": entry.tilgangsrestriksjon[:100],
            "skjermingshjemmel": entry.skjermingshjemmel[:200],
            "skjerming_metadata": entry.skjerming_metadata[:200],
            "service_area": self._area(entry.administrativ_enhet) or self._area(case.administrativ_enhet),
            "administrativ_enhet": entry.administrativ_enhet[:200],
            "saksbehandlar": entry.saksbehandlar[:200],
            "accessible_after": adapt(entry.accessible_after),
            "publish_metadata": True,
            "publish_documents": not exempted,
            "search_text": " ".join(
                (title, parts_public, case_title, case.saksnummer, f"{entry.journalaar}/{entry.journalsekvensnummer}")
            ).casefold(),
            "parts_public": parts_public,
            "has_person_party": bool(person_names),
            "imported_at": now,
        }
        documents = [
            Dokumentbeskrivelse(
                system_id=doc.system_id[:100],
                dokumentnummer=doc.dokumentnummer,
                tittel=doc.tittel or doc.offentlig_tittel,
                offentlig_tittel=screening.public_title(
                    tittel=doc.tittel,
                    offentlig_tittel=doc.offentlig_tittel,
                    person_names=person_names,
                    exempted=exempted,
                ),
                tilknytning=doc.tilknytning,
                dokumenttype=doc.dokumenttype[:100],
                tilgangsrestriksjon=doc.tilgangsrestriksjon[:100],
                skjermingshjemmel=doc.skjermingshjemmel[:200],
                source_reference=doc.source_reference[:500],
            )
            for doc in entry.documents or ()
        ]
        return row, parts, documents

    def _write_entries(self, case_pks: dict[int, int], now: Any) -> None:
        latest: dict[str, tuple[JournalpostRecord, SaksmappeRecord]] = {}
        for case in self.pending:
            for entry in case.journalposts:
                latest[entry.system_id] = (entry, case)
        if not latest:
            return
        existing = self._entry_pks(list(latest))
        stamp = Journalpost._meta.get_field("imported_at").get_db_prep_save(now, connection)
        creates, updates = [], []
        for system_id, (entry, case) in latest.items():
            row, parts, documents = self._build_entry(entry, case, case_pks[id(case)], stamp)
            if system_id in existing:
                updates.append((existing[system_id], row, parts, documents, entry))
            else:
                creates.append((row, parts, documents))
        with connection.cursor() as cursor:
            if creates:
                fields = ["system_id", *_ENTRY_FIELDS, "publish_metadata"]
                _insert_many(cursor, self.entry_insert, [tuple(row[f] for f in fields) for row, _p, _d in creates])
                new_pks = self._entry_pks([row["system_id"] for row, _p, _d in creates])
            by_shape: dict[frozenset[str], list[tuple[Any, ...]]] = {}
            for pk, row, _p, _d, entry in updates:
                fields = [f for f in _ENTRY_FIELDS if f not in entry.missing]
                by_shape.setdefault(entry.missing, []).append((*(row[f] for f in fields), pk))
            for missing, values in by_shape.items():
                fields = [f for f in _ENTRY_FIELDS if f not in missing]
                sets = ", ".join(f"{self.columns[f]} = %s" for f in fields)
                cursor.executemany(f"UPDATE {self.entry_table} SET {sets} WHERE id = %s", values)  # noqa: S608  (names from the models' _meta)
            if updates:
                placeholders = ", ".join(["%s"] * len(updates))
                cursor.execute(
                    f"DELETE FROM {self.part_table} WHERE journalpost_id IN ({placeholders})",  # noqa: S608
                    [u[0] for u in updates],
                )
            part_rows = [(new_pks[row["system_id"]], *part) for row, parts, _d in creates for part in parts]
            part_rows += [(pk, *part) for pk, _row, parts, _d, _e in updates for part in parts]
            if part_rows:
                _insert_many(cursor, self.part_insert, part_rows)
        self.counts.created += len(creates)
        self.counts.updated += len(updates)
        new_docs = []
        for row, _parts, documents in creates:
            for doc in documents:
                doc.journalpost_id = new_pks[row["system_id"]]
                new_docs.append(doc)
        with_documents = [(pk, docs) for pk, _row, _p, docs, entry in updates if entry.documents is not None]
        if with_documents:
            new_docs += self._merge_documents(with_documents)
        if new_docs:
            Dokumentbeskrivelse.objects.bulk_create(new_docs, batch_size=self.batch_size)

    def _entry_pks(self, system_ids: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(system_ids), 5000):
            chunk = system_ids[start : start + 5000]
            found.update(Journalpost.objects.filter(system_id__in=chunk).values_list("system_id", "pk"))
        return found

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
