"""The demo's public journal (postjournal): a few hundred entries from Fjordvik kommune's last months.

Made up, but shaped like a real municipality's journal: case files in every service area;
letters in and out, internal notes and case presentations; companies, public bodies and
private persons as senders and recipients; exempted entries with their legal basis
(skjermingshjemmel); a few documents with text (PDF, DOCX, ODT, TXT), two of them holding a
national identity number (a synthetic test number, never a real person's) that keeps their
text from the public until someone in the archive clears it.

It goes in the way a real journal does: written as a Noark 5 ``arkivstruktur.xml`` in a
temporary folder and imported with :func:`torg.innsyn.actions.import_journal`, screening and
all; the documents' files are then attached with :func:`torg.innsyn.actions.attach_document`.
The same seed gives the same journal; its dates count back from today.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from django.contrib.auth import get_user_model
from django.utils import timezone

from torg.innsyn import screening
from torg.innsyn.actions import attach_document, import_journal
from torg.innsyn.models import Dokumentbeskrivelse, TextBlock

from .documents import Document, render

SEED = 2026
DAYS_BACK = 120  # the journal covers about the last four months

# Private persons who write to the municipality (made up). No public page may show these names.
PERSONS = (
    "Oddvar Lunde", "Brit Helland", "Torstein Vik", "Marta Sandvik", "Eirik Bø", "Synnøve Aasen",
    "Håkon Rysst", "Gunnhild Tveit", "Sivert Moe", "Ragnhild Nes", "Jostein Haugen", "Åse Fjell",
)  # fmt: skip
EXEMPTIONS = {
    "person": ("13", "Offl. § 13 jf. fvl. § 13 første ledd nr. 1"),
    "business": ("13", "Offl. § 13 jf. fvl. § 13 første ledd nr. 2"),
    "tender": ("23", "Offl. § 23 tredje ledd"),
    "internal": ("14", "Offl. § 14"),
}
PLACES = ("Vågen", "Nordsida", "Kyrkjebakken", "Elvebakken", "Holmen", "Fjordvegen", "Skulevegen")
# The kinds of case file: "key | service area | how many | exemption | title | public title", then
# its entries, indented: "journalposttype | title | party type | party | exemption". Fields in
# braces are filled in for each case file: {person} and {person2} are private persons.
CASES = """
byggjeloyve | Plan, bygg og eigedom | 12 | | Søknad om løyve til tiltak – gnr. {gnr} bnr. {bnr}, {stad} |
  I | Søknad om løyve til tiltak – tilbygg til bustad | Avsender | {person}
  U | Førebels svar – søknad om løyve til tiltak | Mottaker | {person}
  I | Nabomerknad til søknad om tilbygg frå {person2} | Avsender | {person2}
  U | Vedtak – løyve til tiltak gnr. {gnr} bnr. {bnr} | Mottaker | {person}
dispensasjon | Plan, bygg og eigedom | 6 | | Dispensasjon frå arealformål – gnr. {gnr} bnr. {bnr} |
  I | Søknad om dispensasjon frå kommuneplanen | Avsender | {org}
  U | Høyring – søknad om dispensasjon gnr. {gnr} bnr. {bnr} | Mottaker | Statsforvaltaren i Vestland
  I | Fråsegn til søknad om dispensasjon | Avsender | Vestland fylkeskommune
  U | Vedtak om dispensasjon | Mottaker | {org}
regulering | Plan, bygg og eigedom | 1 | | Reguleringsplan for Vågen sentrum |
  I | Varsel om oppstart av planarbeid | Avsender | Arkitektkontoret Nordvik AS
  U | Referat frå oppstartsmøte – reguleringsplan for Vågen sentrum | Mottaker | Arkitektkontoret Nordvik AS
  I | Merknad til planoppstart frå {person} | Avsender | {person}
  S | Saksframlegg – reguleringsplan for Vågen sentrum, 1. gongs handsaming | Intern mottaker | Plan- og miljøutvalet
oppmaling | Plan, bygg og eigedom | 4 | | Oppmålingsforretning – gnr. {gnr} bnr. {bnr} |
  I | Rekvisisjon av oppmålingsforretning | Avsender | {person}
  U | Varsel om oppmålingsforretning | Mottaker | {person}
  U | Matrikkelbrev gnr. {gnr} bnr. {bnr} | Mottaker | {person}
graving | Vatn, veg og renovasjon | 3 | | Søknad om gravearbeid i kommunal veg – {stad} |
  I | Søknad om gravearbeid i {stad} | Avsender | Fjordvik Elektro AS
  U | Løyve til gravearbeid i {stad} | Mottaker | Fjordvik Elektro AS
gravevedtak | Vatn, veg og renovasjon | 1 | | Gravearbeid i Fjordvegen – ny straumkabel |
  I | Søknad om gravearbeid i Fjordvegen | Avsender | Fjordvik Elektro AS
  U | Vedtak – løyve til gravearbeid i Fjordvegen | Mottaker | Fjordvik Elektro AS
vegskade | Vatn, veg og renovasjon | 8 | | Melding om skade på kommunal veg – {stad} |
  I | Melding om hol i vegen ved {stad} | Avsender | {person}
  U | Svar på melding om skade på vegen | Mottaker | {person}
broyting | Vatn, veg og renovasjon | 1 | | Brøyting av Kyrkjevegen |
  I | Spørsmål om brøyting av Kyrkjevegen | Avsender | Kyrkjebakken velforeining
  U | Svar på spørsmål om brøyting av Kyrkjevegen | Mottaker | Kyrkjebakken velforeining
gebyr | Vatn, veg og renovasjon | 3 | | Klage på renovasjonsgebyr – gnr. {gnr} bnr. {bnr} |
  I | Klage på renovasjonsgebyr frå {person} | Avsender | {person}
  U | Svar på klage på renovasjonsgebyr | Mottaker | {person}
vassleidning | Vatn, veg og renovasjon | 1 | | Ny vassleidning på Holmen – anbod |
  N | Intern vurdering – utskifting av vassleidning | Intern mottaker | Teknisk drift
  U | Konkurranse – ny vassleidning på Holmen | Mottaker | Vestbygg AS
  I | Tilbod på ny vassleidning | Avsender | Vestbygg AS | tender
  I | Tilbod på ny vassleidning | Avsender | Norconsult AS | tender
flytting | Vatn, veg og renovasjon | 1 | | Flytting av avfallsdunkar – {stad} |
  I | Melding om flytting av avfallsdunkar | Avsender | {person}
barnehageplass | Oppvekst | 8 | person | Søknad om barnehageplass – {person} | Søknad om barnehageplass
  I | Søknad om barnehageplass for barn av {person} | Avsender | {person}
  U | Tilbod om barnehageplass | Mottaker | {person}
skuleskyss | Oppvekst | 2 | | Skuleskyss – {stad} |
  I | Spørsmål om skuleskyss frå {stad} | Avsender | Vestland fylkeskommune
  U | Svar om skuleskyss frå {stad} | Mottaker | Vestland fylkeskommune
tilsyn | Oppvekst | 1 | | Tilsyn med Solsida barnehage |
  U | Varsel om tilsyn med Solsida barnehage | Mottaker | Solsida barnehage
  I | Tilbakemelding frå Solsida barnehage | Avsender | Solsida barnehage
  U | Tilsynsrapport – Solsida barnehage | Mottaker | Solsida barnehage
spesialundervisning | Oppvekst | 3 | person | Spesialundervisning – {person} | Spesialundervisning – enkeltvedtak
  I | Sakkunnig vurdering | Avsender | PPT for Fjordvik og Sunnfjord
  U | Enkeltvedtak om spesialundervisning | Mottaker | {person}
omsorg | Helse og omsorg | 8 | person | Helse- og omsorgstenester – {person} | Søknad om helse- og omsorgstenester
  I | Søknad om heimesjukepleie for {person} | Avsender | {person}
  U | Vedtak om heimesjukepleie | Mottaker | {person}
legevakt | Helse og omsorg | 1 | | Avtale om interkommunal legevakt {year} |
  I | Utkast til avtale om legevaktsamarbeid | Avsender | Sunnfjord kommune
  N | Intern vurdering av legevaktavtalen | Intern mottaker | Helse og omsorg | internal
  U | Signert avtale om legevaktsamarbeid | Mottaker | Sunnfjord kommune
kulturmidlar | Kultur og fritid | 6 | | Kulturmidlar {year} – {lag} |
  I | Søknad om kulturmidlar {year} | Avsender | {lag}
  U | Tilsegn om kulturmidlar {year} | Mottaker | {lag}
spelemidlar | Kultur og fritid | 1 | | Spelemidlar – kunstgrasbane på Holmen |
  I | Søknad om spelemidlar til kunstgrasbane | Avsender | Fjordvik idrettslag
  U | Prioritert liste over spelemiddelsøknader | Mottaker | Vestland fylkeskommune
skjenking | Næring | 2 | | Søknad om skjenkeløyve – {serverer} |
  I | Søknad om skjenkeløyve | Avsender | {serverer}
  U | Høyring – søknad om skjenkeløyve | Mottaker | Vest politidistrikt
  I | Fråsegn til søknad om skjenkeløyve | Avsender | Vest politidistrikt
  U | Vedtak om skjenkeløyve | Mottaker | {serverer}
naeringsfond | Næring | 2 | business | Tilskot frå næringsfondet – {org} | Søknad om tilskot frå næringsfondet
  I | Søknad om tilskot frå næringsfondet med rekneskap | Avsender | {org}
  U | Vedtak om tilskot frå næringsfondet | Mottaker | {org}
budsjett | Økonomi og politikk | 1 | | Budsjett {year} og økonomiplan |
  S | Saksframlegg – budsjett {year} og økonomiplan | Intern mottaker | Kommunestyret
  X | Notat – endringar i budsjettframlegget | Intern mottaker | Formannskapet
eigedomsskatt | Økonomi og politikk | 6 | | Eigedomsskatt – klage på takst gnr. {gnr} bnr. {bnr} |
  I | Klage på eigedomsskattetakst frå {person} | Avsender | {person}
  U | Svar på klage på eigedomsskattetakst | Mottaker | {person}
eigedomsklage | Økonomi og politikk | 1 | | Eigedomsskatt – klage på takst gnr. 41 bnr. 7 |
  I | Klage på eigedomsskattetakst gnr. 41 bnr. 7 | Avsender | {person}
sosialhjelp | NAV og sosiale tenester | 8 | person | Økonomisk sosialhjelp – {person} | Søknad om økonomisk sosialhjelp
  I | Søknad om økonomisk sosialhjelp frå {person} | Avsender | {person}
  U | Vedtak om økonomisk sosialhjelp | Mottaker | {person}
startlan | NAV og sosiale tenester | 3 | person | Startlån – {person} | Søknad om startlån
  I | Søknad om startlån | Avsender | {person}
  U | Vedtak om startlån | Mottaker | {person}
"""
CHOICES = {
    "stad": PLACES,
    "org": ("Vestbygg AS", "Fjordvik Elektro AS", "Arkitektkontoret Nordvik AS", "Fjordvik Sjømat AS"),
    "lag": ("Fjordvik songlag", "Fjordvik idrettslag", "Fjordvik sokneråd", "Fjordvik ungdomslag"),
    "serverer": ("Kafé Fjordglimt AS", "Hotell Fjordvik AS"),
}


def _case_kinds() -> list[dict[str, Any]]:
    """CASES read: key, unit, times, exempt, title, public; entries as (type, title, party type, party, exemption)."""
    kinds: list[dict[str, Any]] = []
    for line in CASES.strip().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if line.startswith(" "):
            kinds[-1]["entries"].append((*cells, "", "")[:5])
        else:
            kinds.append(dict(zip(("key", "unit", "times", "exempt", "title", "public"), cells, strict=True)))
            kinds[-1]["entries"] = []
    return kinds


def synthetic_fodselsnummer(day: int, month: int, year: int) -> str:
    """A synthetic test number (Skatteetaten's Tenor: month + 80) with valid control digits."""
    for individual in range(100, 1000):
        digits = [int(c) for c in f"{day:02d}{month + 80:02d}{year % 100:02d}{individual:03d}"]
        first = 11 - sum(d * w for d, w in zip(digits, (3, 7, 6, 1, 8, 9, 4, 5, 2), strict=True)) % 11
        first = 0 if first == 11 else first
        second = 11 - sum(d * w for d, w in zip([*digits, first], (5, 4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
        second = 0 if second == 11 else second
        number = "".join(map(str, digits)) + f"{first}{second}"
        if first < 10 and second < 10 and screening.is_fodselsnummer(number):
            return number
    raise ValueError(f"no synthetic number for {day}.{month}.{year}")


FNR_1, FNR_2 = synthetic_fodselsnummer(14, 3, 1981), synthetic_fodselsnummer(2, 11, 1967)
DOCUMENTS: dict[tuple[str, int], Document] = {
    ("budsjett", 1): Document(
        "saksframlegg-budsjett.pdf",
        "Saksframlegg – budsjett og økonomiplan",
        """\
Kommunedirektøren rår til at kommunestyret vedtek budsjettet og økonomiplanen slik dei ligg føre.
Driftsbudsjettet er i balanse. Skulane og eldreomsorga får meir pengar enn i år.
Kommunen skal byggja ny vassleidning på Holmen og pussa opp Fjordvik skule.
Lånegjelda aukar litt. Kommunen betaler ned meir på lån frå 2028.""",
    ),
    ("gravevedtak", 2): Document(
        "vedtak-gravearbeid.docx",
        "Vedtak – løyve til gravearbeid",
        """\
Fjordvik Elektro AS får løyve til å grava i Fjordvegen frå 1. til 20. i neste månad.
De skal skilta arbeidet og sikra at gåande kjem trygt forbi.
Vegen skal vera open for utrykkingskøyretøy heile tida.
De kan klaga på vedtaket innan tre veker.""",
    ),
    ("regulering", 2): Document(
        "referat-oppstartsmote.odt",
        "Referat frå oppstartsmøte",
        """\
Møtet handla om reguleringsplanen for Vågen sentrum.
Planen skal gje plass til fleire bustader, ein ny møteplass ved kaia og trygg veg til skulen.
Kommunen ønskjer at folk får seia meininga si tidleg. Det blir ope møte i kulturhuset.""",
    ),
    ("broyting", 2): Document(
        "svar-broyting.txt",
        "Svar om brøyting",
        """\
Takk for spørsmålet om brøyting av Kyrkjevegen.
Kyrkjevegen står no på brøytelista med prioritet 2. Han blir brøyta før klokka 07 på kvardagar.
Ring Servicetorget om vegen ikkje er brøyta når det har snødd meir enn 10 cm.""",
    ),
    ("tilsyn", 3): Document(
        "tilsynsrapport-solsida.pdf",
        "Tilsynsrapport – Solsida barnehage",
        """\
Kommunen har ført tilsyn med Solsida barnehage etter barnehagelova.
Barnehagen har gode rutinar for leik og læring. Uteområdet er trygt.
Barnehagen må skriva ned korleis dei følgjer opp barn som treng ekstra hjelp.""",
    ),
    ("eigedomsklage", 1): Document(
        "klage-eigedomsskatt.docx",
        "Klage på eigedomsskattetakst",
        f"""\
Eg klagar på taksten for bustaden min på gnr. 41 bnr. 7.
Fødselsnummer: {FNR_1}
Huset er gamalt og treng nytt tak. Taksten er for høg.""",
    ),
    ("flytting", 1): Document(
        "melding-avfallsdunkar.txt",
        "Melding om avfallsdunkar",
        f"""\
Eg ber om at avfallsdunkane blir flytta til enden av vegen.
Kundenummeret mitt er fødselsnummeret mitt, {FNR_2[:6]} {FNR_2[6:]}.""",
    ),
    ("barnehageplass", 1): Document(
        "soknad-barnehageplass.txt",
        "Søknad om barnehageplass",
        """\
Vi søkjer om barnehageplass frå august.
Barnet treng tilrettelegging.""",
    ),
}
TYPES = {  # Noark 5 journalposttype, by code
    "I": "Inngående dokument", "U": "Utgående dokument", "S": "Saksframlegg",
    "N": "Organinternt dokument for oppfølging", "X": "Organinternt dokument uten oppfølging",
}  # fmt: skip


@dataclass
class Entry:
    system_id: str
    number: int
    year: int
    sequence: int
    type: str
    title: str
    day: dt.date
    part: tuple[str, str]  # (korrespondanseparttype, name)
    restriction: str = ""
    basis: str = ""
    public_title: str = ""
    document: Document | None = None


@dataclass
class Case:
    system_id: str
    year: int
    sequence: int
    title: str
    public_title: str
    unit: str
    opened: dt.date
    status: str
    restriction: str = ""
    basis: str = ""
    entries: list[Entry] = field(default_factory=list)


def build_cases(today: dt.date, seed: int = SEED) -> list[Case]:
    """The demo journal as plain data: case files with their entries, oldest first."""
    rng = random.Random(seed)  # noqa: S311  (made-up demo data, not secrets)
    start = today - dt.timedelta(days=DAYS_BACK)
    plan = [kind for kind in _case_kinds() for _ in range(int(kind["times"]))]
    rng.shuffle(plan)
    numbers: dict[str, int] = {}
    documented: set[str] = set()  # a kind of case carries its documents once
    cases: list[Case] = []
    for index, kind in enumerate(plan):
        opened = start + dt.timedelta(days=index * (DAYS_BACK - 20) // len(plan))
        numbers[f"s{opened.year}"] = numbers.get(f"s{opened.year}", 200) + rng.randint(1, 6)
        person, person2 = rng.sample(PERSONS, 2)
        values = {name: rng.choice(options) for name, options in CHOICES.items()}
        values |= {"gnr": str(rng.randint(3, 160)), "bnr": str(rng.randint(1, 420)), "year": str(today.year + 1)}
        values |= {"person": person, "person2": person2}
        restriction, basis = EXEMPTIONS.get(kind["exempt"], ("", ""))
        case = Case(
            system_id=f"fjordvik-sak-{opened.year}-{numbers[f's{opened.year}']}",
            year=opened.year,
            sequence=numbers[f"s{opened.year}"],
            title=kind["title"].format_map(values),
            public_title=kind["public"],
            unit=kind["unit"],
            opened=opened,
            status="Avslutta" if opened < today - dt.timedelta(days=60) else "Under handsaming",
            restriction=restriction,
            basis=basis,
        )
        day = opened
        for number, (type_, title, part_type, party, exempt) in enumerate(kind["entries"], start=1):
            day = min(day + dt.timedelta(days=rng.randint(0, 8)), today - dt.timedelta(days=1))
            numbers[f"j{day.year}"] = numbers.get(f"j{day.year}", 3000) + rng.randint(1, 4)
            entry_restriction, entry_basis = EXEMPTIONS[exempt] if exempt else (restriction, basis)
            case.entries.append(
                Entry(
                    system_id=f"fjordvik-jp-{day.year}-{numbers[f'j{day.year}']}",
                    number=number,
                    year=day.year,
                    sequence=numbers[f"j{day.year}"],
                    type=type_,
                    title=title.format_map(values),
                    day=day,
                    part=(part_type, party.format_map(values)),
                    restriction=entry_restriction,
                    basis=entry_basis,
                    public_title=kind["public"] if restriction else "",
                    document=None if kind["key"] in documented else DOCUMENTS.get((kind["key"], number)),
                )
            )
        documented.add(kind["key"])
        cases.append(case)
    return cases


def _element(name: str, value: object) -> str:
    return f"<{name}>{escape(str(value))}</{name}>" if value not in ("", None) else ""


def _skjerming(restriction: str, basis: str, metadata: str) -> str:
    if not restriction:
        return ""
    return (
        f"<skjerming>{_element('tilgangsrestriksjon', restriction)}{_element('skjermingshjemmel', basis)}"
        f"{_element('skjermingMetadata', metadata)}</skjerming>"
    )


def write_arkivstruktur(out: IO[str], cases: list[Case]) -> None:
    """The cases as a Noark 5 arkivstruktur.xml (saksmappe > journalpost > korrespondansepart, dokumentbeskrivelse)."""
    out.write(
        '<?xml version="1.0" encoding="utf-8"?>\n<arkiv xmlns="http://www.arkivverket.no/standarder/noark5/'
        'arkivstruktur" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><systemID>fjordvik-arkiv</systemID>'
        "<tittel>Fjordvik kommune</tittel><arkivstatus>Opprettet</arkivstatus>\n<arkivdel><systemID>fjordvik-"
        "sakarkiv</systemID><tittel>Sakarkiv</tittel><arkivdelstatus>Aktiv periode</arkivdelstatus>\n"
    )
    for case in cases:
        out.write(
            f'<mappe xsi:type="saksmappe">{_element("systemID", case.system_id)}'
            f"{_element('mappeID', f'{case.year}/{case.sequence}')}{_element('tittel', case.title)}"
            f"{_element('offentligTittel', case.public_title)}{_skjerming(case.restriction, case.basis, 'tittel')}"
            f"{_element('saksaar', case.year)}{_element('sakssekvensnummer', case.sequence)}"
            f"{_element('saksdato', case.opened.isoformat())}{_element('administrativEnhet', case.unit)}"
            f"{_element('saksstatus', case.status)}\n"
        )
        for entry in case.entries:
            kind, name = entry.part
            document = ""
            if entry.document is not None:
                document = (
                    f"<dokumentbeskrivelse>{_element('systemID', entry.system_id + '-d1')}"
                    f"<dokumenttype>Brev</dokumenttype>{_element('tittel', entry.document.title)}"
                    "<tilknyttetRegistreringSom>Hoveddokument</tilknyttetRegistreringSom>"
                    "<dokumentnummer>1</dokumentnummer><dokumentobjekt><versjonsnummer>1</versjonsnummer>"
                    f"<variantformat>Arkivformat</variantformat>"
                    f"{_element('referanseDokumentfil', 'dokument/' + entry.document.name)}</dokumentobjekt>"
                    "</dokumentbeskrivelse>"
                )
            out.write(
                f'  <registrering xsi:type="journalpost">{_element("systemID", entry.system_id)}'
                f"{_element('tittel', entry.title)}{_element('offentligTittel', entry.public_title)}"
                f"<korrespondansepart>{_element('korrespondanseparttype', kind)}"
                f"{_element('korrespondansepartNavn', name)}</korrespondansepart>{document}"
                f"{_element('journalaar', entry.year)}{_element('journalsekvensnummer', entry.sequence)}"
                f"{_element('journalpostnummer', entry.number)}{_element('journalposttype', TYPES[entry.type])}"
                f"<journalstatus>Journalført</journalstatus>{_element('journaldato', entry.day.isoformat())}"
                f"{_element('dokumentetsDato', entry.day.isoformat())}{_element('administrativEnhet', case.unit)}"
                f"{_skjerming(entry.restriction, entry.basis, 'tittel korrespondansepart')}</registrering>\n"
            )
        out.write("</mappe>\n")
    out.write("</arkivdel>\n</arkiv>\n")


@dataclass
class JournalSummary:
    entries: int
    cases: int
    exempted: int
    documents: int
    blocked: int  # documents whose text waits for a person to clear a national identity number

    def __str__(self) -> str:
        return (
            f"{self.entries} journal entries in {self.cases} case files ({self.exempted} exempted), "
            f"{self.documents} documents with text ({self.blocked} held back for a national identity number)"
        )


def make_journal(*, actor: Any = None, today: dt.date | None = None) -> JournalSummary:
    """Import the demo journal and attach its documents (``actor``: who attaches them; a superuser by default)."""
    today = today or timezone.localdate()
    if actor is None:
        superusers = get_user_model().objects.filter(is_superuser=True, is_active=True)
        actor = superusers.filter(username="admin").first() or superusers.order_by("pk").first()
    if actor is None:
        raise RuntimeError("The demo journal needs a superuser to attach its documents: create the demo users first.")
    cases = build_cases(today)
    with tempfile.TemporaryDirectory(prefix="torg-demo-journal-") as folder:
        path = Path(folder) / "arkivstruktur.xml"
        with path.open("w", encoding="utf-8") as out:
            write_arkivstruktur(out, cases)
        run = import_journal(source=path, actor=None)
    run.source = "arkivstruktur.xml (demo: Fjordvik kommune)"  # not the temporary folder's path
    run.save(update_fields=["source"])
    documents = blocked = 0
    for entry in (entry for case in cases for entry in case.entries if entry.document is not None):
        assert entry.document is not None
        dokument = Dokumentbeskrivelse.objects.get(journalpost__system_id=entry.system_id, dokumentnummer=1)
        attached = attach_document(
            dokument=dokument, name=entry.document.name, data=render(entry.document), actor=actor
        )
        documents += 1
        blocked += attached.text_blocked_reason == TextBlock.FODSELSNUMMER
    return JournalSummary(
        entries=run.created + run.updated,
        cases=run.cases_created + run.cases_updated,
        exempted=sum(1 for case in cases for entry in case.entries if entry.restriction),
        documents=documents,
        blocked=blocked,
    )
