"""Journal bench: generate N realistic journal entries and time their import.

Writes an offentligJournal-shaped Noark 5 XML file (or eInnsyn JSON with --json) of
N entries: Nynorsk titles from templates ("Søknad om byggjeløyve – gnr. 12 bnr. 4",
"Klage på vedtak om …", "Svar på …"), cases of 1–8 entries, senders and recipients
(organisations and private persons, some named in the title too), exempted entries
(offentleglova § 13, § 14), dates over 5 years, all entry types.

Then, in a throw-away var dir (torg.settings.dev; SQLite, or PostgreSQL with
--database-url: the bench creates and drops that database), it measures in one run:
  (r1) reference: reading the file only (parse into records), entries/s;
  (r2) reference: reading and screening (everything the import does but write), entries/s;
  (a)  import into an empty journal (``import_journal``, as ``manage.py import_journal``;
       the search index triggers of the database included), entries/s, and as a share of (r1);
  then the search timings of bench/records_queries.py (p50/p95 of 20 typical searches);
  (b)  re-import of the same file (every entry an update), entries/s.
The machine is shared: compare (a) with (r1) and (r2) from the same run.
Target: import ≥ 5,000 entries/s.

    .venv/bin/python bench/records.py [--entries 1000000] [--json] [--keep] [--read-ahead auto|thread|inline]
        [--no-reimport] [--no-queries] [--database-url postgres://postgres@127.0.0.1:5432/torg_records_bench]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from inquiries import postgres
from web import ROOT, bench_env

TARGET = 5_000

GIVEN = [
    "Kari",
    "Ola",
    "Ingrid",
    "Per",
    "Astrid",
    "Nils",
    "Solveig",
    "Lars",
    "Marit",
    "Arne",
    "Sigrid",
    "Jon",
    "Randi",
    "Knut",
    "Liv",
    "Einar",
    "Gunn",
    "Tor",
    "Berit",
    "Odd",
]
FAMILY = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Haugen",
    "Bakke",
    "Lie",
    "Moen",
    "Berg",
    "Dahl",
    "Hagen",
    "Myklebust",
    "Tveit",
    "Aasen",
]
ORGS = [
    "Vestland fylkeskommune",
    "Statsforvaltaren i Vestland",
    "Statens vegvesen",
    "Mattilsynet",
    "Noregs vassdrags- og energidirektorat",
    "Byggmeister Tveit AS",
    "Fjordkraft AS",
    "Arkitektkontoret Berg AS",
    "Kyrkjelydsrådet",
    "Idrettslaget Ørn",
    "Sunnfjord Energi AS",
    "Helse Førde HF",
    "Norsk Bonde- og Småbrukarlag",
    "Advokatfirmaet Lie og Moen AS",
    "Borettslaget Solsida",
]
PLACES = [
    "Sentrum",
    "Nordsida",
    "Strandvegen",
    "Bakkeli",
    "Fjellheim",
    "Vågen",
    "Dalen",
    "Elvebakken",
    "Skulevegen",
    "Kyrkjebakken",
]
UNITS = [
    "Plan og byggesak",
    "Helse og omsorg",
    "Oppvekst",
    "Teknisk drift",
    "Kultur",
    "Økonomi",
    "Sentraladministrasjonen",
]
TOPICS = [
    "Søknad om byggjeløyve – gnr. {g} bnr. {b}",
    "Søknad om dispensasjon frå reguleringsplan – gnr. {g} bnr. {b}",
    "Nabovarsel – tilbygg {place}",
    "Søknad om løyve til sal av alkohol – {org}",
    "Søknad om tilskot til {what}",
    "Reguleringsplan for {place} – høyringsinnspel",
    "Melding om skade på kommunal veg – {place}",
    "Søknad om barnehageplass",
    "Søknad om startlån",
    "Tilsyn med {what}",
    "Avtale om {what}",
    "Innkjøp av {what}",
]
WHATS = ["kulturarrangement", "vassleidning", "brøyting", "skuleskyss", "gatelys", "leikeplass", "friluftsområde"]
FORMS = [
    ("I", "{topic}"),
    ("U", "Svar på {lower}"),
    ("U", "Vedtak om {lower}"),
    ("I", "Klage på vedtak om {lower}"),
    ("U", "Førebels svar – {lower}"),
    ("X", "Notat – {lower}"),
    ("N", "Intern vurdering – {lower}"),
    ("S", "Saksframlegg – {lower}"),
]
EXEMPTIONS = [
    ("", ""),
    ("", ""),
    ("", ""),
    ("", ""),
    ("", ""),
    ("", ""),
    ("13", "Offl. § 13 jf. fvl. § 13"),
    ("14", "Offl. § 14"),
]
TYPE_NAMES = {
    "I": "Inngående dokument",
    "U": "Utgående dokument",
    "X": "Organinternt dokument uten oppfølging",
    "N": "Organinternt dokument for oppfølging",
    "S": "Saksframlegg",
}


def entries(count: int, seed: int = 5) -> Iterator[dict[str, Any]]:
    """``count`` journal entries as plain dicts, in journal order."""
    rng = random.Random(seed)
    start = date.today() - timedelta(days=5 * 365)
    case_seq: dict[int, int] = {}
    jp_seq: dict[int, int] = {}
    done = 0
    while done < count:
        day = start + timedelta(days=int(done * 5 * 365 / count))
        year = day.year
        case_seq[year] = case_seq.get(year, 0) + 1
        topic = rng.choice(TOPICS).format(
            g=rng.randint(1, 140),
            b=rng.randint(1, 400),
            place=rng.choice(PLACES),
            org=rng.choice(ORGS),
            what=rng.choice(WHATS),
        )
        case = {"saksaar": year, "sakssekvensnummer": case_seq[year], "tittel": topic, "unit": rng.choice(UNITS)}
        for number in range(1, min(rng.randint(1, 8), count - done) + 1):
            kind, form = rng.choice(FORMS)
            title = form.format(topic=topic, lower=topic[0].lower() + topic[1:])
            person = rng.random() < 0.45
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" if person else rng.choice(ORGS)
            restriction, basis = rng.choice(EXEMPTIONS)
            jp_seq[year] = jp_seq.get(year, 0) + 1
            when = day + timedelta(days=number)
            yield {
                "case": case,
                "system_id": f"bench-{year}-{jp_seq[year]}",
                "journalaar": when.year,
                "journalsekvensnummer": jp_seq[year],
                "journalpostnummer": number,
                "type": kind,
                "tittel": title + (f" – {name}" if person and rng.random() < 0.3 else ""),
                "journaldato": when.isoformat(),
                "dokumentets_dato": (when - timedelta(days=rng.randint(0, 5))).isoformat(),
                "part_type": "Avsender" if kind == "I" else "Mottaker",
                "part": name,
                "restriction": restriction,
                "basis": basis,
                "unit": case["unit"],
            }
            done += 1


def write_xml(out: IO[str], count: int) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<offentligJournal xmlns="http://www.arkivverket.no/standarder/noark5/offentligJournal">\n')
    out.write(
        "  <journalhode><journalStartDato>2020-01-01</journalStartDato><journalSluttDato>2025-12-31</journalSluttDato>"
    )
    out.write(f"<antallJournalposter>{count}</antallJournalposter><arkivskaper><arkivskaperID>1</arkivskaperID>")
    out.write("<arkivskaperNavn>Torg kommune</arkivskaperNavn></arkivskaper></journalhode>\n")
    for e in entries(count):
        c = e["case"]
        skjerming = (
            f"<tilgangsrestriksjon>{e['restriction']}</tilgangsrestriksjon><skjermingshjemmel>{escape(e['basis'])}</skjermingshjemmel>"
            if e["restriction"]
            else ""
        )
        out.write(
            f"  <journalregistrering><saksmappe><saksaar>{c['saksaar']}</saksaar>"
            f"<sakssekvensnummer>{c['sakssekvensnummer']}</sakssekvensnummer>"
            f"<offentligTittel>{escape(c['tittel'])}</offentligTittel>"
            f"<administrativEnhet>{escape(c['unit'])}</administrativEnhet></saksmappe>\n"
            f"    <journalpost><systemID>{e['system_id']}</systemID><journalaar>{e['journalaar']}</journalaar>"
            f"<journalsekvensnummer>{e['journalsekvensnummer']}</journalsekvensnummer>"
            f"<journalpostnummer>{e['journalpostnummer']}</journalpostnummer>"
            f"<journalposttype>{TYPE_NAMES[e['type']]}</journalposttype>"
            f"<offentligTittel>{escape(e['tittel'])}</offentligTittel>"
            f"<journaldato>{e['journaldato']}</journaldato><dokumentetsDato>{e['dokumentets_dato']}</dokumentetsDato>"
            f"<administrativEnhet>{escape(e['unit'])}</administrativEnhet>{skjerming}"
            f"<korrespondansepart><korrespondanseparttype>{e['part_type']}</korrespondanseparttype>"
            f"<korrespondansepartNavn>{escape(e['part'])}</korrespondansepartNavn></korrespondansepart>"
            "</journalpost></journalregistrering>\n"
        )
    out.write("</offentligJournal>\n")


EINNSYN_TYPES = {
    "I": "inngaaende_dokument",
    "U": "utgaaende_dokument",
    "X": "organinternt_dokument_uten_oppfoelging",
    "N": "organinternt_dokument_for_oppfoelging",
    "S": "saksframlegg",
}


def write_json(out: IO[str], count: int) -> None:
    out.write('{"items": [\n')
    first = True
    for e in entries(count):
        c = e["case"]
        item = {
            "entity": "Journalpost",
            "systemId": e["system_id"],
            "journalaar": e["journalaar"],
            "journalsekvensnummer": e["journalsekvensnummer"],
            "journalpostnummer": e["journalpostnummer"],
            "journalposttype": EINNSYN_TYPES[e["type"]],
            "journaldato": e["journaldato"],
            "dokumentetsDato": e["dokumentets_dato"],
            "offentligTittel": e["tittel"],
            "offentligTittelSensitiv": e["tittel"],
            "administrativEnhet": e["unit"],
            "korrespondansepart": [
                {
                    "korrespondanseparttype": e["part_type"].lower(),
                    "korrespondansepartNavn": e["part"],
                    "korrespondansepartNavnSensitiv": e["part"],
                }
            ],
            "saksmappe": {
                "entity": "Saksmappe",
                "saksaar": c["saksaar"],
                "sakssekvensnummer": c["sakssekvensnummer"],
                "offentligTittel": c["tittel"],
                "offentligTittelSensitiv": c["tittel"],
                "administrativEnhet": c["unit"],
            },
        }
        if e["restriction"]:
            item["skjerming"] = {"tilgangsrestriksjon": e["restriction"], "skjermingshjemmel": e["basis"]}
        out.write(("" if first else ",\n") + json.dumps(item, ensure_ascii=False))
        first = False
    out.write("\n]}\n")


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("nan")


def measure(path: Path, fmt: str, *, read_ahead: bool | None, reimport: bool, queries: bool) -> dict[str, Any]:
    """Inside Django: the references, the import, the searches, the re-import."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from torg.core.models import ServiceArea
    from torg.innsyn.actions import _areas, import_journal
    from torg.innsyn.importers import read_records
    from torg.innsyn.importers.pipeline import batches
    from torg.innsyn.importers.prepare import Preparer
    from torg.innsyn.models import Journalpost

    call_command("migrate", "--noinput", verbosity=0)
    pipeline_log = logging.getLogger("torg.innsyn.importers.pipeline")
    pipeline_log.setLevel(logging.INFO)
    shown = logging.StreamHandler(sys.stdout)
    shown.setFormatter(logging.Formatter("      (%(message)s)"))
    pipeline_log.addHandler(shown)
    for order, unit in enumerate(UNITS):
        ServiceArea.objects.get_or_create(name=unit, defaults={"slug": f"omrade-{order}", "sort_order": order})
    figures: dict[str, Any] = {}

    started = time.perf_counter()
    parsed = 0
    with path.open("rb") as stream:
        for record in read_records(stream, fmt):
            parsed += len(getattr(record, "journalposts", ()))
    figures["parse_seconds"] = time.perf_counter() - started
    figures["parsed"] = parsed
    print(f"  (r1) read: {_rate(parsed, figures['parse_seconds']):,.0f} entries/s", flush=True)

    started = time.perf_counter()
    preparer = Preparer(areas=_areas(), adapt_date=connection.ops.adapt_datefield_value)
    screened = 0
    with (
        path.open("rb") as stream,
        batches(
            read_records(stream, fmt), preparer=preparer, batch_size=2000, bytes_read=lambda: 0, read_ahead=False
        ) as items,
    ):
        for item in items:
            screened += getattr(item, "entries_read", 0)
    figures["screen_seconds"] = time.perf_counter() - started
    print(f"  (r2) read and screen: {_rate(screened, figures['screen_seconds']):,.0f} entries/s", flush=True)

    def bar(done: int, read: int, total: int | None) -> None:
        share = read / total if total else 0
        print(f"\r  {done:,} entries, {share:4.0%} of the file", end="", file=sys.stderr, flush=True)

    started = time.perf_counter()
    run = import_journal(source=path, actor=None, progress=bar, read_ahead=read_ahead)
    figures["import_seconds"] = time.perf_counter() - started
    figures["created"] = run.created
    print(file=sys.stderr)
    print(f"  (a) import: {_rate(run.created, figures['import_seconds']):,.0f} entries/s", flush=True)
    figures["rows"] = Journalpost.objects.count()

    if queries:
        try:
            from records_queries import time_queries  # bench/records_queries.py
        except ImportError:
            print("  (search timings: bench/records_queries.py is not there)")
        else:
            figures["queries"] = time_queries()

    figures["updated"] = None
    if reimport:
        started = time.perf_counter()
        again = import_journal(source=path, actor=None, progress=bar, read_ahead=read_ahead)
        figures["reimport_seconds"] = time.perf_counter() - started
        figures["updated"] = again.updated
        print(file=sys.stderr)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=1_000_000, help="journal entries (default 1,000,000)")
    parser.add_argument("--json", action="store_true", help="eInnsyn JSON instead of Noark 5 offentligJournal XML")
    parser.add_argument("--database-url", help="PostgreSQL URL of a database to create and drop (default SQLite)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary var dir (and the database)")
    parser.add_argument(
        "--read-ahead",
        choices=["auto", "thread", "inline"],
        default="auto",
        help="read ahead in a thread, in turn with the writes, or whichever is faster (default)",
    )
    parser.add_argument("--no-reimport", action="store_true", help="skip (b), the re-import")
    parser.add_argument("--no-queries", action="store_true", help="skip the search timings")
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="torg-bench-records-"))
    if args.database_url:
        postgres(args.database_url, "create")
    os.environ.update(bench_env(var_dir))
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    fmt = "einnsyn-json" if args.json else "noark5-offentligjournal"
    path = var_dir / ("journal.json" if args.json else "offentligJournal.xml")
    try:
        print(f"Writing {args.entries:,} entries to {path} …", flush=True)
        started = time.perf_counter()
        with path.open("w", encoding="utf-8") as out:
            (write_json if args.json else write_xml)(out, args.entries)
        print(f"  {path.stat().st_size / 1e6:,.0f} MB in {time.perf_counter() - started:.0f} s", flush=True)
        figures = measure(
            path,
            fmt,
            read_ahead={"auto": None, "thread": True, "inline": False}[args.read_ahead],
            reimport=not args.no_reimport,
            queries=not args.no_queries,
        )
    finally:
        if args.keep:
            print(f"Kept {var_dir}" + (f" and {args.database_url}" if args.database_url else ""))
        else:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(var_dir, ignore_errors=True)
            if args.database_url:
                postgres(args.database_url, "drop")
    database = "PostgreSQL" if args.database_url else "SQLite"
    n = figures["parsed"]
    parse_rate = _rate(n, figures["parse_seconds"])
    screen_rate = _rate(n, figures["screen_seconds"])
    import_rate = _rate(figures["created"], figures["import_seconds"])
    mode = {"auto": "read-ahead thread when faster", "thread": "read-ahead thread", "inline": "no thread"}[
        args.read_ahead
    ]
    print(f"\nJournal import, {n:,} entries ({fmt}), {database}, {mode}:")
    print(f"  (r1) reference, read the file only:      {parse_rate:>10,.0f} entries/s")
    print(f"  (r2) reference, read and screen:         {screen_rate:>10,.0f} entries/s")
    print(
        f"  (a)  import into an empty journal:       {import_rate:>10,.0f} entries/s  ({figures['import_seconds']:.1f} s;"
        f" {import_rate / parse_rate:.2f} x r1, {import_rate / screen_rate:.2f} x r2)"
    )
    if figures["updated"] is not None:
        print(
            f"  (b)  re-import (every entry updated):    "
            f"{_rate(figures['updated'], figures['reimport_seconds']):>10,.0f} entries/s"
            f"  ({figures['reimport_seconds']:.1f} s)"
        )
    print(f"  peak memory of the bench process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    if "queries" in figures:
        q = figures["queries"]
        print(f"  searches: p50 {q['p50_ms']:.1f} ms, p95 {q['p95_ms']:.1f} ms")
    print(f"  target: import ≥ {TARGET:,} entries/s — {'met' if import_rate >= TARGET else 'NOT met'}")
    ok = figures["rows"] == n == figures["created"] and figures["updated"] in (None, n)
    if not ok:
        print(f"  MISMATCH: {figures['rows']:,} rows, {figures['created']:,} created, {figures['updated']} updated")
    return 0 if ok and import_rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
