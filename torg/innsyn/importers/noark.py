"""Noark 5 extractions, streamed: ``arkivstruktur.xml`` (v3.1 and v5.0 share the namespace),
``offentligJournal.xml``, ``loependeJournal.xml``, and eInnsyn's legacy ``trekkTilbake``.

The parser is expat, driven chunk by chunk. ElementTree's ``iterparse`` streams as well,
but cannot say on which line an element starts, and a rejected file must name the line.
Only the elements of the record being read (one ``journalregistrering``, or one
``mappe`` with its ``registrering`` children already turned into records) are held in
memory; everything else is dropped as soon as it ends. DTD entities are refused
(no entity expansion attacks); a document type declaration alone is allowed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO
from xml.parsers import expat

from .records import (
    DocRecord,
    ImportRejected,
    JournalpostRecord,
    PartRecord,
    SaksmappeRecord,
    Skipped,
    Withdrawal,
    journalposttype,
    parttype,
    tilknytning,
    to_date,
    to_int,
)

NS = "http://www.arkivverket.no/standarder/noark5/"
ROOTS = {
    "arkiv": (NS + "arkivstruktur", "noark5-arkivstruktur"),
    "offentligJournal": (NS + "offentligJournal", "noark5-offentligjournal"),
    "loependeJournal": (NS + "loependeJournal", "noark5-loependejournal"),
    "trekkTilbake": (NS + "metamelding", "einnsyn-trekktilbake"),
}
# Noark element -> model field, for elements whose absence must not blank a known value.
_CASE_OPTIONAL = {"tittel": "tittel", "saksdato": "saksdato", "saksansvarlig": "saksansvarleg", "saksstatus": "status"}
_ENTRY_OPTIONAL = {
    "tittel": "tittel",
    "journalposttype": "journalposttype",
    "journalstatus": "journalstatus",
    "dokumentetsDato": "dokumentets_dato",
    "saksbehandler": "saksbehandlar",
}
_XSI_TYPE = "http://www.w3.org/2001/XMLSchema-instance}type"
CHUNK = 1 << 20

Record = SaksmappeRecord | Withdrawal | Skipped


class _Node:
    __slots__ = ("children", "line", "tag", "text", "xsi_type")

    def __init__(self, tag: str, xsi_type: str, line: int):
        self.tag = tag
        self.xsi_type = xsi_type
        self.line = line
        self.text: list[str] = []
        self.children: list[_Node] = []

    def find(self, tag: str) -> _Node | None:
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    def findall(self, tag: str) -> list[_Node]:
        return [child for child in self.children if child.tag == tag]

    def value(self, tag: str) -> str:
        child = self.find(tag)
        return "".join(child.text).strip() if child is not None else ""

    def line_of(self, tag: str) -> int:
        child = self.find(tag)
        return child.line if child is not None else self.line


def _local(name: str) -> tuple[str, str]:
    ns, _sep, local = name.rpartition("}")
    return ns, local


class _Reader:
    def __init__(self, expected: str | None = None) -> None:
        self.expected = expected
        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.buffer_text = True
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.data
        self.parser.EntityDeclHandler = self.entity
        self.root: str | None = None
        self.format = ""
        self.stack: list[_Node | None] = []  # None: an element outside any record
        self.mappes: list[tuple[_Node, list[JournalpostRecord]]] = []
        self.out: list[Record] = []
        self.skipped = 0
        self.withdrawal = Withdrawal()

    def entity(self, *args: object) -> None:
        raise ImportRejected("the file declares XML entities, which Torg does not read", self.parser.CurrentLineNumber)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        ns, tag = _local(name)
        line = self.parser.CurrentLineNumber
        if self.root is None:
            expected = ROOTS.get(tag)
            if expected is None or expected[0] != ns:
                raise ImportRejected(
                    f"the root element is {tag!r} ({ns or 'no namespace'}); expected a Noark 5 arkiv, "
                    "offentligJournal or loependeJournal",
                    line,
                )
            if self.expected and self.expected != expected[1]:
                raise ImportRejected(f"the file is {expected[1]}, not {self.expected}", line)
            self.root, self.format = tag, expected[1]
            self.stack.append(None)
            return
        xsi_type = attrs.get(_XSI_TYPE, "").rpartition(":")[2]
        parent = self.stack[-1]
        capture = parent is not None or tag in ("journalregistrering", "mappe", "registrering")
        if self.root == "arkiv" and tag == "mappe":
            node = _Node(tag, xsi_type, line)
            self.mappes.append((node, []))
            self.stack.append(node)
            return
        if not capture:
            self.stack.append(None)
            return
        node = _Node(tag, xsi_type, line)
        if parent is not None:
            parent.children.append(node)
        self.stack.append(node)

    def data(self, text: str) -> None:
        node = self.stack[-1] if self.stack else None
        if node is not None:
            node.text.append(text)

    def end(self, name: str) -> None:
        node = self.stack.pop()
        if node is None:
            return
        tag = node.tag
        if self.root == "trekkTilbake":
            if tag in ("mappe", "registrering") and len(self.stack) == 1:
                target = self.withdrawal.mappe_ids if tag == "mappe" else self.withdrawal.registrering_ids
                if node.value("systemID"):
                    target.append(node.value("systemID"))
            return
        if self.root == "arkiv":
            if tag == "registrering":
                parent = self.stack[-1]
                if parent is not None and parent.children and parent.children[-1] is node:
                    parent.children.pop()  # read: free it
                if not self.mappes:
                    self.skipped += 1
                elif node.xsi_type == "journalpost" or node.find("journalaar") is not None:
                    self.mappes[-1][1].append(_journalpost(node, arkivstruktur=True))
                else:
                    self.skipped += 1  # arkivnotat, møteregistrering: not journal entries
            elif tag == "mappe":
                mappe, journalposts = self.mappes.pop()
                if mappe.find("saksaar") is not None or mappe.xsi_type == "saksmappe":
                    case = _saksmappe(mappe)
                    case.journalposts = journalposts
                    self.out.append(case)
                else:
                    self.skipped += 1 + len(journalposts)
            return
        if tag == "journalregistrering":
            saksmappe_node, journalpost_node = node.find("saksmappe"), node.find("journalpost")
            if saksmappe_node is None:
                raise ImportRejected("journalregistrering has no saksmappe", node.line)
            if journalpost_node is None:
                raise ImportRejected("journalregistrering has no journalpost", node.line)
            case = _saksmappe(saksmappe_node)
            case.journalposts = [_journalpost(journalpost_node, arkivstruktur=False, case=case)]
            self.out.append(case)


def _skjerming(node: _Node) -> tuple[str, str, str]:
    skjerming = node.find("skjerming") or node
    return (
        skjerming.value("tilgangsrestriksjon"),
        skjerming.value("skjermingshjemmel"),
        ",".join("".join(n.text).strip() for n in skjerming.findall("skjermingMetadata")),
    )


def _saksmappe(node: _Node) -> SaksmappeRecord:
    restriction, basis, _meta = _skjerming(node)
    return SaksmappeRecord(
        system_id=node.value("systemID"),
        saksaar=to_int(node.value("saksaar"), "saksaar", node.line_of("saksaar")),
        sakssekvensnummer=to_int(
            node.value("sakssekvensnummer"), "sakssekvensnummer", node.line_of("sakssekvensnummer")
        ),
        line=node.line,
        saksdato=to_date(node.value("saksdato"), "saksdato", node.line_of("saksdato")),
        tittel=node.value("tittel"),
        offentlig_tittel=node.value("offentligTittel"),
        administrativ_enhet=node.value("administrativEnhet"),
        saksansvarleg=node.value("saksansvarlig"),
        status=node.value("saksstatus"),
        tilgangsrestriksjon=restriction,
        skjermingshjemmel=basis,
        missing=_missing(node, _CASE_OPTIONAL),
    )


def _missing(node: _Node, optional: dict[str, str]) -> frozenset[str]:
    return frozenset(name for tag, name in optional.items() if node.find(tag) is None)


def _number(node: _Node, tag: str, required: bool) -> int:
    if node.find(tag) is None and not required:
        return 0
    return to_int(node.value(tag), tag, node.line_of(tag))


def _journalpost(node: _Node, *, arkivstruktur: bool, case: SaksmappeRecord | None = None) -> JournalpostRecord:
    restriction, basis, meta = _skjerming(node)
    # eInnsyn's legacy arkivstruktur (Noark 5 v3.1 + meetings) makes the numbers optional; the journals do not.
    required = not arkivstruktur
    nummer = _number(node, "journalpostnummer", required)
    journaldato = to_date(node.value("journaldato"), "journaldato", node.line_of("journaldato"), required=True)
    assert journaldato is not None
    system_id = node.value("systemID")
    if not system_id:
        if case is None:
            raise ImportRejected("journalpost has no systemID", node.line)
        system_id = f"torg:{case.saksnummer}-{nummer}"
    parts = []
    for part in node.findall("korrespondansepart"):
        name = part.value("korrespondansepartNavn")
        if not name:
            raise ImportRejected("korrespondansepart has no korrespondansepartNavn", part.line)
        parts.append(
            PartRecord(
                parttype=parttype(part.value("korrespondanseparttype")),
                namn=name,
                administrativ_enhet=part.value("administrativEnhet"),
                saksbehandlar=part.value("saksbehandler"),
            )
        )
    documents = []
    for number, doc in enumerate(node.findall("dokumentbeskrivelse"), start=1):
        doc_restriction, doc_basis, _doc_meta = _skjerming(doc)
        objekt = doc.find("dokumentobjekt")
        documents.append(
            DocRecord(
                system_id=doc.value("systemID"),
                dokumentnummer=to_int(doc.value("dokumentnummer") or number, "dokumentnummer", doc.line),
                tittel=doc.value("tittel"),
                tilknytning=tilknytning(doc.value("tilknyttetRegistreringSom")),
                dokumenttype=doc.value("dokumenttype"),
                tilgangsrestriksjon=doc_restriction,
                skjermingshjemmel=doc_basis,
                source_reference=objekt.value("referanseDokumentfil") if objekt is not None else "",
            )
        )
    first_part = parts[0] if parts else None
    return JournalpostRecord(
        system_id=system_id,
        journalaar=_number(node, "journalaar", required) or journaldato.year,
        journalsekvensnummer=_number(node, "journalsekvensnummer", required),
        journalpostnummer=nummer,
        journaldato=journaldato,
        line=node.line,
        journalposttype=journalposttype(node.value("journalposttype")),
        journalstatus=node.value("journalstatus"),
        dokumentets_dato=to_date(node.value("dokumentetsDato"), "dokumentetsDato", node.line_of("dokumentetsDato")),
        tittel=node.value("tittel") if arkivstruktur or node.find("tittel") is not None else "",
        offentlig_tittel=node.value("offentligTittel"),
        tilgangsrestriksjon=restriction,
        skjermingshjemmel=basis,
        skjerming_metadata=meta,
        administrativ_enhet=node.value("administrativEnhet") or (first_part.administrativ_enhet if first_part else ""),
        saksbehandlar=node.value("saksbehandler") or (first_part.saksbehandlar if first_part else ""),
        parts=parts,
        documents=documents if arkivstruktur else None,
        missing=_missing(node, _ENTRY_OPTIONAL),
    )


def read(stream: IO[bytes], expected: str | None = None) -> Iterator[Record]:
    """Records from a Noark 5 XML stream, in file order; ImportRejected on the first problem."""
    reader = _Reader(expected)
    parser = reader.parser
    try:
        while True:
            chunk = stream.read(CHUNK)
            parser.Parse(chunk, not chunk)
            if reader.out:
                yield from reader.out
                reader.out.clear()
            if not chunk:
                break
    except expat.ExpatError as error:
        raise ImportRejected(f"the XML is not well-formed: {expat.errors.messages[error.code]}", error.lineno) from None
    if reader.root is None:
        raise ImportRejected("the file has no XML element", parser.CurrentLineNumber)
    if reader.root == "trekkTilbake":
        yield reader.withdrawal
    if reader.skipped:
        yield Skipped(reader.skipped)


def detect(head: bytes) -> str:
    """The format of a Noark 5 XML file from its first bytes; ImportRejected for another root."""
    reader = _Reader()
    try:
        reader.parser.Parse(head, False)
    except expat.ExpatError as error:
        raise ImportRejected(f"the XML is not well-formed: {expat.errors.messages[error.code]}", error.lineno) from None
    if not reader.format:
        raise ImportRejected("no XML root element in the first bytes of the file", 1)
    return reader.format
