"""Screening of imported records into the rows the writer stores: pure, no database.

Everything the public may see is derived here from its sensitive original, through
:mod:`torg.innsyn.screening`, before anything is written. Nothing here needs the
database, so the reader thread of :mod:`.pipeline` runs it while the main thread writes
the previous batch; the writer adds only what the database knows (primary keys, whether
a row exists already).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import screening
from ..models import INTERNAL_PARTTYPES, Dokumentbeskrivelse
from .records import JournalpostRecord, SaksmappeRecord

# Columns of a case file as the writer stores it, in this order (the fingerprint of what was written).
CASE_FIELDS = (
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
)
# Columns of a journal entry that an update rewrites (system_id and publish_metadata stay as they are).
ENTRY_FIELDS = (
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
)
PART_FIELDS = (
    "parttype",
    "namn",
    "offentleg_namn",
    "namn_key",
    "is_person",
    "skjerma",
    "administrativ_enhet",
    "saksbehandlar",
)

AdaptDate = Callable[[dt.date | None], Any]


@dataclass(slots=True)
class PreparedEntry:
    record: JournalpostRecord
    case: SaksmappeRecord  # the record of the case file this entry came with
    values: tuple[Any, ...]  # in ENTRY_FIELDS order
    parts: list[tuple[Any, ...]]  # in PART_FIELDS order
    documents: list[Dokumentbeskrivelse]


@dataclass(slots=True)
class PreparedCase:
    record: SaksmappeRecord
    key: str  # "s:<systemID>" or "n:<saksnummer>"
    values: tuple[Any, ...]  # in CASE_FIELDS order


@dataclass(slots=True)
class Batch:
    """Records read and screened, ready for one round of writes."""

    cases: list[PreparedCase]  # one per case key, the last one read wins
    entries: list[PreparedEntry]  # one per systemID, the last one read wins
    entries_read: int  # journal entries in the file's records (duplicates counted)
    records: list[SaksmappeRecord]  # every case record read, in file order
    bytes_read: int = 0


def case_key(case: SaksmappeRecord) -> str:
    return f"s:{case.system_id}" if case.system_id else f"n:{case.saksnummer}"


def _is_person(parttype: str, namn: str) -> bool:
    return parttype not in INTERNAL_PARTTYPES and screening.looks_like_person(namn)


def _person_names(case: SaksmappeRecord) -> list[str]:
    return [part.namn for entry in case.journalposts for part in entry.parts if _is_person(part.parttype, part.namn)]


CACHE_SIZE = 50_000


class _Memo:
    """Results of a pure screening function by its arguments, for one import only (then dropped:
    the keys hold sensitive originals). Journals repeat themselves: the same senders, the case
    title with every entry of the case, the same standard titles."""

    def __init__(self, function: Callable[..., Any]):
        self.function = function
        self.results: dict[tuple[Any, ...], Any] = {}

    def __call__(self, *args: Any) -> Any:
        try:
            return self.results[args]
        except KeyError:
            pass
        if len(self.results) >= CACHE_SIZE:
            self.results.clear()
        result = self.results[args] = self.function(*args)
        return result


def _screen_party(parttype: str, namn: str, offentleg_namn: str, exempted: bool) -> tuple[bool, str, bool, str]:
    """(is a private person, public name, name screened, name key) of one sender or recipient."""
    is_person = _is_person(parttype, namn)
    public, screened = screening.public_party_name(
        namn=namn, offentleg_namn=offentleg_namn, is_person=is_person, exempted=exempted
    )
    return is_person, public, screened, screening.name_key(namn)


def _public_title(tittel: str, offentlig_tittel: str, person_names: tuple[str, ...], exempted: bool) -> str:
    return screening.public_title(
        tittel=tittel, offentlig_tittel=offentlig_tittel, person_names=person_names, exempted=exempted
    )


class Preparer:
    """Screens records into rows; ``areas`` maps a casefolded service-area name or slug to its pk."""

    def __init__(self, *, areas: dict[str, int], adapt_date: AdaptDate):
        self.areas = areas
        self.adapt_date = adapt_date
        self.screen_party = _Memo(_screen_party)
        self.public_title = _Memo(_public_title)
        self.screen_text = _Memo(screening.screen_text)

    def _area(self, unit: str) -> int | None:
        return self.areas.get(unit.casefold()) if unit else None

    def batch(self, records: list[SaksmappeRecord], entries_read: int) -> Batch:
        unique: dict[str, SaksmappeRecord] = {}
        for case in sorted(records, key=lambda c: not c.system_id):  # those with a systemID first
            unique[case_key(case)] = case
        latest: dict[str, tuple[JournalpostRecord, SaksmappeRecord]] = {}
        for case in records:
            for entry in case.journalposts:
                latest[entry.system_id] = (entry, case)
        return Batch(
            cases=[PreparedCase(case, key, self.case(case)) for key, case in unique.items()],
            entries=[self.entry(entry, case) for entry, case in latest.values()],
            entries_read=entries_read,
            records=records,
        )

    def case(self, case: SaksmappeRecord) -> tuple[Any, ...]:
        exempted = bool(case.tilgangsrestriksjon or case.skjermingshjemmel)
        return (
            case.system_id or None,
            case.saksaar,
            case.sakssekvensnummer,
            case.saksnummer,
            self.adapt_date(case.saksdato),
            case.tittel or case.offentlig_tittel,
            self.public_title(case.tittel, case.offentlig_tittel, tuple(_person_names(case)), exempted),
            self._area(case.administrativ_enhet),
            case.administrativ_enhet[:200],
            case.saksansvarleg[:200],
            case.status[:100],
            case.tilgangsrestriksjon[:100],
            case.skjermingshjemmel[:200],
        )

    def entry(self, entry: JournalpostRecord, case: SaksmappeRecord) -> PreparedEntry:
        exempted = bool(entry.tilgangsrestriksjon or entry.skjermingshjemmel)
        parts = []
        person_names: list[str] = []
        public_names = []
        for part in entry.parts:
            is_person, public, screened, key = self.screen_party(
                part.parttype, part.namn, part.offentleg_namn, exempted
            )
            if is_person:
                person_names.append(part.namn)
            public_names.append(public)
            parts.append(
                (
                    part.parttype,
                    part.namn[:300],
                    public[:300],
                    key[:300],
                    is_person,
                    screened,
                    part.administrativ_enhet[:200],
                    part.saksbehandlar[:200],
                )
            )
        names = tuple(person_names)
        title = self.public_title(entry.tittel, entry.offentlig_tittel, names, exempted)
        parts_public = "; ".join(public_names)[:500]
        case_title = self.screen_text(case.offentlig_tittel or case.tittel, names)
        adapt = self.adapt_date
        search_text = " ".join(
            (title, parts_public, case_title, case.saksnummer, f"{entry.journalaar}/{entry.journalsekvensnummer}")
        ).casefold()
        values = (
            entry.journalaar,
            entry.journalsekvensnummer,
            entry.journalpostnummer,
            entry.journalposttype,
            entry.journalstatus[:100],
            adapt(entry.journaldato),
            adapt(entry.dokumentets_dato),
            entry.tittel or entry.offentlig_tittel,
            title,
            entry.tilgangsrestriksjon[:100],
            entry.skjermingshjemmel[:200],
            entry.skjerming_metadata[:200],
            self._area(entry.administrativ_enhet) or self._area(case.administrativ_enhet),
            entry.administrativ_enhet[:200],
            entry.saksbehandlar[:200],
            adapt(entry.accessible_after),
            not exempted,
            search_text,
            parts_public,
            bool(person_names),
        )
        documents = [
            Dokumentbeskrivelse(
                system_id=doc.system_id[:100],
                dokumentnummer=doc.dokumentnummer,
                tittel=doc.tittel or doc.offentlig_tittel,
                offentlig_tittel=self.public_title(doc.tittel, doc.offentlig_tittel, names, exempted),
                tilknytning=doc.tilknytning,
                dokumenttype=doc.dokumenttype[:100],
                tilgangsrestriksjon=doc.tilgangsrestriksjon[:100],
                skjermingshjemmel=doc.skjermingshjemmel[:200],
                source_reference=doc.source_reference[:500],
            )
            for doc in entry.documents or ()
        ]
        return PreparedEntry(entry, case, values, parts, documents)
