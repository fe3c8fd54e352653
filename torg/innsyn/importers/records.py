"""What every importer yields: plain records, independent of the file format, and the error
that rejects a file with its line number and reason."""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..models import Journalposttype, Parttype, Tilknytning


class ImportRejected(ValueError):
    """The file is not a journal Torg can read: ``line`` (1-based, 0 when unknown) and ``reason``."""

    def __init__(self, reason: str, line: int = 0):
        self.reason = reason
        self.line = line
        self.run: Any = None  # the ImportRun that recorded the rejection (set by the action)
        super().__init__(f"line {line}: {reason}" if line else reason)


@dataclass
class PartRecord:
    parttype: str
    namn: str
    offentleg_namn: str = ""  # from the source (eInnsyn's korrespondansepartNavn), if it gives one
    administrativ_enhet: str = ""
    saksbehandlar: str = ""


@dataclass
class DocRecord:
    system_id: str
    dokumentnummer: int
    tittel: str
    offentlig_tittel: str = ""
    tilknytning: str = Tilknytning.HOVUDDOKUMENT
    dokumenttype: str = ""
    tilgangsrestriksjon: str = ""
    skjermingshjemmel: str = ""
    source_reference: str = ""


@dataclass
class JournalpostRecord:
    system_id: str
    journalaar: int
    journalsekvensnummer: int
    journalpostnummer: int
    journaldato: dt.date
    line: int = 0
    journalposttype: str = Journalposttype.UKJENT
    journalstatus: str = ""
    dokumentets_dato: dt.date | None = None
    tittel: str = ""
    offentlig_tittel: str = ""
    tilgangsrestriksjon: str = ""
    skjermingshjemmel: str = ""
    skjerming_metadata: str = ""
    administrativ_enhet: str = ""
    saksbehandlar: str = ""
    accessible_after: dt.date | None = None
    parts: list[PartRecord] = field(default_factory=list)
    documents: list[DocRecord] | None = field(default_factory=list)  # None: the format has no documents
    # Model fields the source does not give: an update keeps what the database has.
    missing: frozenset[str] = frozenset()


@dataclass
class SaksmappeRecord:
    system_id: str
    saksaar: int
    sakssekvensnummer: int
    line: int = 0
    saksdato: dt.date | None = None
    tittel: str = ""
    offentlig_tittel: str = ""
    administrativ_enhet: str = ""
    saksansvarleg: str = ""
    status: str = ""
    tilgangsrestriksjon: str = ""
    skjermingshjemmel: str = ""
    journalposts: list[JournalpostRecord] = field(default_factory=list)
    missing: frozenset[str] = frozenset()

    @property
    def saksnummer(self) -> str:
        return f"{self.saksaar}/{self.sakssekvensnummer}"


@dataclass
class Skipped:
    """Records the importer read past: meeting files, notes that are not journal entries."""

    count: int


@dataclass
class Withdrawal:
    """eInnsyn's trekkTilbake: take these case files and entries out of the public journal."""

    mappe_ids: list[str] = field(default_factory=list)
    registrering_ids: list[str] = field(default_factory=list)


def _fold(value: str) -> str:
    text = unicodedata.normalize("NFKD", value.strip().casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("ø", "o").replace("æ", "ae").replace("å", "a").replace("_", " ").replace("-", " ")


_JOURNALPOSTTYPES = {
    "i": Journalposttype.INNGAAANDE,
    "inngaende dokument": Journalposttype.INNGAAANDE,
    "inngaaende dokument": Journalposttype.INNGAAANDE,
    "inngaande dokument": Journalposttype.INNGAAANDE,
    "u": Journalposttype.UTGAAANDE,
    "utgaende dokument": Journalposttype.UTGAAANDE,
    "utgaaende dokument": Journalposttype.UTGAAANDE,
    "utgaande dokument": Journalposttype.UTGAAANDE,
    "n": Journalposttype.NOTAT_OPPFOLGING,
    "organinternt dokument for oppfolging": Journalposttype.NOTAT_OPPFOLGING,
    "organinternt dokument for oppfoelging": Journalposttype.NOTAT_OPPFOLGING,
    "x": Journalposttype.NOTAT,
    "organinternt dokument uten oppfolging": Journalposttype.NOTAT,
    "organinternt dokument uten oppfoelging": Journalposttype.NOTAT,
    "organinternt dokument utan oppfolging": Journalposttype.NOTAT,
    "s": Journalposttype.SAKSFRAMLEGG,
    "saksframlegg": Journalposttype.SAKSFRAMLEGG,
    "sakskart": Journalposttype.SAKSKART,
    "moteprotokoll": Journalposttype.MOTEPROTOKOLL,
    "moeteprotokoll": Journalposttype.MOTEPROTOKOLL,
    "motebok": Journalposttype.MOTEBOK,
    "moetebok": Journalposttype.MOTEBOK,
    "ukjent": Journalposttype.UKJENT,
}
_PARTTYPES = {
    "avsender": Parttype.AVSENDAR,
    "avsendar": Parttype.AVSENDAR,
    "ea": Parttype.AVSENDAR,
    "mottaker": Parttype.MOTTAKAR,
    "mottakar": Parttype.MOTTAKAR,
    "em": Parttype.MOTTAKAR,
    "kopimottaker": Parttype.KOPIMOTTAKAR,
    "kopimottakar": Parttype.KOPIMOTTAKAR,
    "ek": Parttype.KOPIMOTTAKAR,
    "gruppemottaker": Parttype.GRUPPEMOTTAKAR,
    "gruppemottakar": Parttype.GRUPPEMOTTAKAR,
    "gm": Parttype.GRUPPEMOTTAKAR,
    "intern avsender": Parttype.INTERN_AVSENDAR,
    "internavsender": Parttype.INTERN_AVSENDAR,
    "ia": Parttype.INTERN_AVSENDAR,
    "intern mottaker": Parttype.INTERN_MOTTAKAR,
    "internmottaker": Parttype.INTERN_MOTTAKAR,
    "im": Parttype.INTERN_MOTTAKAR,
    "intern kopimottaker": Parttype.INTERN_KOPIMOTTAKAR,
    "internkopimottaker": Parttype.INTERN_KOPIMOTTAKAR,
    "ik": Parttype.INTERN_KOPIMOTTAKAR,
}
_TILKNYTNING = {
    "hoveddokument": Tilknytning.HOVUDDOKUMENT,
    "hovuddokument": Tilknytning.HOVUDDOKUMENT,
    "h": Tilknytning.HOVUDDOKUMENT,
    "vedlegg": Tilknytning.VEDLEGG,
    "v": Tilknytning.VEDLEGG,
}


@functools.lru_cache(maxsize=4096)
def journalposttype(value: str) -> str:
    folded = _fold(value)
    return _JOURNALPOSTTYPES.get(folded, _JOURNALPOSTTYPES.get(folded.replace(" ", ""), Journalposttype.UKJENT))


@functools.lru_cache(maxsize=4096)
def parttype(value: str) -> str:
    folded = _fold(value)
    return _PARTTYPES.get(folded, _PARTTYPES.get(folded.replace(" ", ""), Parttype.UKJENT))


@functools.lru_cache(maxsize=4096)
def tilknytning(value: str) -> str:
    return _TILKNYTNING.get(_fold(value), Tilknytning.ANNA if value.strip() else Tilknytning.HOVUDDOKUMENT)


def to_int(value: object, name: str, line: int, *, required: bool = True) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ImportRejected(f"{name} is missing", line)
        return 0
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ImportRejected(f"{name} is not a whole number: {str(value)[:40]!r}", line) from None
    if number < 0:
        raise ImportRejected(f"{name} is negative: {number}", line)
    return number


def to_date(value: object, name: str, line: int, *, required: bool = False) -> dt.date | None:
    """A date from "YYYY-MM-DD" or an ISO date-time (its date part)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ImportRejected(f"{name} is missing", line)
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ImportRejected(f"{name} is not a date (YYYY-MM-DD): {text[:40]!r}", line) from None
