"""eInnsyn-shaped JSON (the objects of ``einnsyn.openapi.yml``), streamed.

Accepted: a list of objects, ``{"items": [...]}`` (eInnsyn's list responses), or
objects one after another (JSON Lines). Each object is a ``Saksmappe`` with its
``journalpost`` list, or a ``Journalpost`` with its ``saksmappe`` expanded. The field
pairs follow eInnsyn: ``offentligTittel`` is public, ``offentligTittelSensitiv`` the
original; ``korrespondansepartNavn`` / ``korrespondansepartNavnSensitiv``;
``tittel`` / ``tittelSensitiv`` for documents.

The file is decoded chunk by chunk and each object parsed with ``raw_decode``, so
memory holds one chunk and one object, and an error names its line.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from .records import (
    DocRecord,
    ImportRejected,
    JournalpostRecord,
    PartRecord,
    SaksmappeRecord,
    journalposttype,
    parttype,
    tilknytning,
    to_date,
    to_int,
)

CHUNK = 1 << 20
MAX_OBJECT = 16 * CHUNK  # one Saksmappe with all its entries, at most
_ITEMS = re.compile(r'\{\s*"items"\s*:\s*\[')
_WS = re.compile(r"\s*")


class _Buffer:
    def __init__(self, stream: IO[bytes]):
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buf = ""
        self.pos = 0
        self.line = 1  # line at self.pos
        self.eof = False

    def more(self) -> bool:
        if self.eof:
            return False
        chunk = self.stream.read(CHUNK)
        try:
            text = self.decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            raise ImportRejected("the file is not UTF-8 text", self.line) from None
        if not chunk:
            self.eof = True
        if self.pos > CHUNK:
            self.buf = self.buf[self.pos :]
            self.pos = 0
        self.buf += text
        return True

    def advance(self, new: int) -> None:
        self.line += self.buf.count("\n", self.pos, new)
        self.pos = new

    def skip_ws(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            match = _WS.match(self.buf, self.pos)
            self.advance(match.end() if match else self.pos)
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def value(self) -> tuple[Any, int]:
        decoder = json.JSONDecoder()
        while True:
            if len(self.buf) - self.pos < CHUNK and not self.eof:
                self.more()
                continue
            try:
                value, end = decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as error:
                # A complete object fails the same way with more text; only a cut-off one is retried.
                if len(self.buf) - self.pos < MAX_OBJECT and self.more():
                    continue
                line = self.line + self.buf.count("\n", self.pos, error.pos)
                raise ImportRejected(f"the JSON is not valid: {error.msg}", line) from None
            line = self.line
            self.advance(end)
            return value, line


def _objects(stream: IO[bytes]) -> Iterator[tuple[dict[str, Any], int]]:
    buffer = _Buffer(stream)
    first = buffer.skip_ws()
    if not first:
        raise ImportRejected("the file is empty", 1)
    while len(buffer.buf) - buffer.pos < 64 and buffer.more():
        pass
    array = first == "["
    match = _ITEMS.match(buffer.buf, buffer.pos)
    if match:
        buffer.advance(match.end())
        array = True
    elif array:
        buffer.advance(buffer.pos + 1)
    if array:
        expect_item = True
        while True:
            char = buffer.skip_ws()
            if char == "]":
                return
            if not char:
                raise ImportRejected("the JSON list is not closed with ]", buffer.line)
            if not expect_item:
                if char != ",":
                    raise ImportRejected(f"expected , or ] between objects, found {char!r}", buffer.line)
                buffer.advance(buffer.pos + 1)
                expect_item = True
                continue
            value, line = buffer.value()
            if not isinstance(value, dict):
                raise ImportRejected("each item must be a JSON object", line)
            yield value, line
            expect_item = False
    while buffer.skip_ws():
        value, line = buffer.value()
        if isinstance(value, dict) and isinstance(value.get("items"), list):
            items: list[Any] = value["items"]
        elif isinstance(value, list):
            items = value
        else:
            items = [value]
        for item in items:
            if not isinstance(item, dict):
                raise ImportRejected("each item must be a JSON object", line)
            yield item, line


def _text(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    return value.strip() if isinstance(value, str) else ""


def _skjerming(obj: dict[str, Any]) -> tuple[str, str]:
    skjerming = obj.get("skjerming")
    if isinstance(skjerming, dict):
        return _text(skjerming, "tilgangsrestriksjon"), _text(skjerming, "skjermingshjemmel")
    return "", ""


def _saksmappe(obj: dict[str, Any], line: int) -> SaksmappeRecord:
    restriction, basis = _skjerming(obj)
    return SaksmappeRecord(
        system_id=_text(obj, "systemId") or _text(obj, "systemID"),
        saksaar=to_int(obj.get("saksaar"), "saksaar", line),
        sakssekvensnummer=to_int(obj.get("sakssekvensnummer"), "sakssekvensnummer", line),
        line=line,
        saksdato=to_date(obj.get("saksdato"), "saksdato", line),
        tittel=_text(obj, "offentligTittelSensitiv") or _text(obj, "offentligTittel"),
        offentlig_tittel=_text(obj, "offentligTittel"),
        administrativ_enhet=_text(obj, "administrativEnhet"),
        saksansvarleg=_text(obj, "saksansvarlig"),
        status=_text(obj, "saksstatus"),
        tilgangsrestriksjon=restriction,
        skjermingshjemmel=basis,
    )


def _list(obj: dict[str, Any], key: str, line: int) -> list[dict[str, Any]]:
    value = obj.get(key) or []
    if not isinstance(value, list):
        raise ImportRejected(f"{key} must be a list", line)
    return [item for item in value if isinstance(item, dict)]  # plain ids refer to objects not in the file


def _journalpost(obj: dict[str, Any], case: SaksmappeRecord, line: int) -> JournalpostRecord:
    restriction, basis = _skjerming(obj)
    nummer = to_int(obj.get("journalpostnummer"), "journalpostnummer", line)
    parts = []
    for part in _list(obj, "korrespondansepart", line):
        sensitive, public = _text(part, "korrespondansepartNavnSensitiv"), _text(part, "korrespondansepartNavn")
        if not (sensitive or public):
            raise ImportRejected("korrespondansepart has no korrespondansepartNavn", line)
        parts.append(
            PartRecord(
                parttype=parttype(_text(part, "korrespondanseparttype")),
                namn=sensitive or public,
                offentleg_namn=public,
                administrativ_enhet=_text(part, "administrativEnhet"),
                saksbehandlar=_text(part, "saksbehandler"),
            )
        )
    documents = []
    for number, doc in enumerate(_list(obj, "dokumentbeskrivelse", line), start=1):
        doc_restriction, doc_basis = _skjerming(doc)
        objekter = _list(doc, "dokumentobjekt", line)
        documents.append(
            DocRecord(
                system_id=_text(doc, "systemId"),
                dokumentnummer=to_int(doc.get("dokumentnummer", number), "dokumentnummer", line),
                tittel=_text(doc, "tittelSensitiv") or _text(doc, "tittel"),
                offentlig_tittel=_text(doc, "tittel"),
                tilknytning=tilknytning(_text(doc, "tilknyttetRegistreringSom")),
                dokumenttype=_text(doc, "dokumenttype"),
                tilgangsrestriksjon=doc_restriction,
                skjermingshjemmel=doc_basis,
                source_reference=_text(objekter[0], "referanseDokumentfil") if objekter else "",
            )
        )
    if "journalposttype" not in obj:
        raise ImportRejected("journalposttype is missing", line)
    return JournalpostRecord(
        system_id=_text(obj, "systemId") or f"torg:{case.saksnummer}-{nummer}",
        journalaar=to_int(obj.get("journalaar"), "journalaar", line),
        journalsekvensnummer=to_int(obj.get("journalsekvensnummer"), "journalsekvensnummer", line),
        journalpostnummer=nummer,
        journaldato=to_date(obj.get("journaldato"), "journaldato", line, required=True),  # type: ignore[arg-type]
        line=line,
        journalposttype=journalposttype(_text(obj, "journalposttype")),
        dokumentets_dato=to_date(obj.get("dokumentetsDato"), "dokumentetsDato", line),
        tittel=_text(obj, "offentligTittelSensitiv") or _text(obj, "offentligTittel"),
        offentlig_tittel=_text(obj, "offentligTittel"),
        tilgangsrestriksjon=restriction,
        skjermingshjemmel=basis,
        administrativ_enhet=_text(obj, "administrativEnhet") or case.administrativ_enhet,
        saksbehandlar=_text(obj, "saksbehandler"),
        accessible_after=to_date(obj.get("accessibleAfter"), "accessibleAfter", line),
        parts=parts,
        documents=documents,
    )


def read(stream: IO[bytes]) -> Iterator[SaksmappeRecord]:
    for obj, line in _objects(stream):
        entity = obj.get("entity") or ("Saksmappe" if "saksaar" in obj else "Journalpost")
        if entity == "Saksmappe":
            case = _saksmappe(obj, line)
            case.journalposts = [_journalpost(jp, case, line) for jp in _list(obj, "journalpost", line)]
            yield case
        elif entity == "Journalpost":
            saksmappe = obj.get("saksmappe")
            if not isinstance(saksmappe, dict):
                raise ImportRejected(
                    "the Journalpost has no saksmappe object (ask eInnsyn with expand=saksmappe)", line
                )
            case = _saksmappe(saksmappe, line)
            case.journalposts = [_journalpost(obj, case, line)]
            yield case
        else:
            raise ImportRejected(f"cannot import an object of type {str(entity)[:40]!r}", line)
