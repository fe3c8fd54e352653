"""Journal search bench: p50/p95 of 20 typical searches in the public journal.

``time_queries()`` runs inside a configured Django whose database already holds the journal
(bench/records.py calls it after its import). For each search it times what the search page
asks of the database: ``search_entries`` (the pks of up to MAX_RESULTS + 1 matches, in order),
the Paginator's count and the first page of 20 entries with their case files. Half of the
searches have filters (date range, entry type, service area, sender/recipient kind), both
orders are used, one names a private person (the one-year rule applies). Each search runs
once to warm up, then ``repeat`` times; p50/p95 are over all timed runs. Reference in the
same run: reading one entry with its case file by primary key. Target: p95 ≤ 50 ms.

    .venv/bin/python bench/records_queries.py --var-dir DIR          # SQLite DIR/torg.sqlite3, already imported
    .venv/bin/python bench/records_queries.py --database-url URL     # PostgreSQL, already imported
    .venv/bin/python bench/records_queries.py --entries 100000 [--database-url URL-of-a-new-database] [--keep]
        # generates N entries with bench/records.py's generator (eInnsyn JSON), imports them
        # into a throw-away database (created and dropped), then times the searches
    [--repeat 7] [--explain]   # --explain prints each search's query plan
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, TextIO

TARGET_MS = 50.0

# (words, filters, order): the generator's titles, places, organisations and names (bench/records.py).
SEARCHES: list[tuple[str, dict[str, Any], str]] = [
    ("søknad", {}, "relevans"),
    ("byggjeløyve", {}, "dato"),
    ("reguleringsplan høyringsinnspel", {}, "relevans"),
    ("klage på vedtak", {}, "relevans"),
    ("Statens vegvesen", {}, "dato"),
    ("startlån", {}, "relevans"),
    ("tilskot kulturarrangement", {}, "relevans"),
    ("nabovarsel Strandvegen", {}, "dato"),
    ("gnr. 12 bnr. 4", {}, "relevans"),
    ("Fjordkraft", {}, "relevans"),
    ("søknad", {"days": 90}, "dato"),
    ("vedtak", {"types": ["U"]}, "relevans"),
    ("brøyting", {"area": "Teknisk drift"}, "dato"),
    ("Kari Hansen", {"party_kind": "avsendar"}, "relevans"),
    ("", {"types": ["I"], "days": 365}, "dato"),
    ("leikeplass", {"area": "Teknisk drift", "types": ["S"]}, "relevans"),
    ("dispensasjon", {"from_days": 800, "to_days": 700}, "relevans"),
    ("Mattilsynet tilsyn", {"party_kind": "avsendar"}, "dato"),
    ("alkohol", {"types": ["I"], "party_kind": "avsendar"}, "relevans"),
    ("", {"area": "Plan og byggesak"}, "dato"),
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _arguments(words: str, filters: dict[str, Any], order: str, today: dt.date) -> dict[str, Any]:
    from torg.core.models import ServiceArea

    kwargs: dict[str, Any] = {"q": words, "order": order, "today": today}
    if "days" in filters:
        kwargs["date_from"] = today - dt.timedelta(days=filters["days"])
    if "from_days" in filters:
        kwargs["date_from"] = today - dt.timedelta(days=filters["from_days"])
        kwargs["date_to"] = today - dt.timedelta(days=filters["to_days"])
    if "types" in filters:
        kwargs["types"] = filters["types"]
    if "area" in filters:
        area = ServiceArea.objects.filter(name=filters["area"]).first()
        kwargs["area"] = area.pk if area else -1
    if "party_kind" in filters:
        kwargs["party_kind"] = filters["party_kind"]
    return kwargs


def _describe(words: str, filters: dict[str, Any], order: str) -> str:
    shown = ", ".join(f"{k}={v}" for k, v in filters.items())
    return f"{words or '(no words)'!s:32.32} {shown:34.34} {order:8}"


def explain(kwargs: dict[str, Any]) -> str:
    """The query plan of a search's first statement (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL)."""
    from django.conf import settings
    from django.db import connection

    from torg.innsyn.search import build_query
    from torg.innsyn.search_backends.database import (
        RECENT_FACTOR,
        filtered_entries,
        postgresql_recent_statement,
        postgresql_statement,
        sqlite_statement,
    )

    query = build_query(**kwargs)
    limit = int(settings.TORG_INNSYN_SEARCH["MAX_RESULTS"]) + 1
    statement: tuple[str, Any]
    if not query.terms:
        window = filtered_entries(query).order_by("-journaldato", "-pk").values_list("pk")[:limit]
        statement = window.query.sql_with_params()
    elif connection.vendor == "sqlite":
        statement = sqlite_statement(query, limit)
    elif query.types or query.area is not None:  # the GIN index with the filter's own index
        statement = postgresql_statement(query, limit)
    else:  # step 1, the newest entries; step 2 (the GIN index) runs only when it finds too few
        statement = postgresql_recent_statement(query, limit, RECENT_FACTOR * limit)
    sql, params = statement
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, list(params))
        return "\n".join("      " + str(row[-1]) for row in cursor.fetchall())


def prepare_database(out: TextIO = sys.stdout) -> None:
    """On PostgreSQL with autovacuum off: VACUUM ANALYZE the journal once, as autovacuum would after an import."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        if cursor.fetchone()[0] == "on":
            return
        started = time.perf_counter()
        for table in (
            "innsyn_journalpost",
            "innsyn_saksmappe",
            "innsyn_korrespondansepart",
            "innsyn_dokumentbeskrivelse",
        ):
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    print(
        f"  (autovacuum is off here: VACUUM ANALYZE of the journal tables, {time.perf_counter() - started:.0f} s)",
        file=out,
    )


def time_queries(*, repeat: int = 7, out: TextIO = sys.stdout, explain_plans: bool = False) -> dict[str, Any]:
    """Time the 20 searches; print the table and the summary; return the figures (milliseconds)."""
    from django.conf import settings
    from django.core.paginator import Paginator
    from django.db import connection
    from django.utils import timezone

    from torg.innsyn import search_index
    from torg.innsyn.models import Journalpost
    from torg.innsyn.search import search_entries

    prepare_database(out)
    today = timezone.localdate()
    entries = Journalpost.objects.count()
    database = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(connection.vendor, connection.vendor)
    backend = settings.TORG_INNSYN_SEARCH["BACKEND"].rsplit(".", 1)[-1]
    ready = search_index.is_ready()
    print(
        f"\nJournal search, {entries:,} entries, {database}, backend {backend}"
        f"{'' if ready else ' (INDEX NOT READY)'}, {repeat} runs each:",
        file=out,
    )

    def one(kwargs: dict[str, Any]) -> tuple[float, int, bool]:
        started = time.perf_counter()
        results = search_entries(**kwargs)
        page = Paginator(results, 20).get_page(1)
        rows = list(page.object_list)
        for row in rows:
            _ = row.saksmappe.saksnummer
        total = page.paginator.count
        return (time.perf_counter() - started) * 1000, total, results.capped

    timings: list[float] = []
    per_search = []
    for words, filters, order in SEARCHES:
        kwargs = _arguments(words, filters, order, today)
        _ms, hits, capped = one(kwargs)
        runs = [one(kwargs)[0] for _ in range(repeat)]
        timings += runs
        median = statistics.median(runs)
        per_search.append({"search": words, "filters": filters, "order": order, "hits": hits, "median_ms": median})
        shown = f"over {hits:,}" if capped else f"{hits:,}"
        print(f"  {_describe(words, filters, order)} {shown:>11} hits  {median:7.1f} ms", file=out)
        if explain_plans:
            print(explain(kwargs), file=out)

    pks = list(Journalpost.objects.order_by("?").values_list("pk", flat=True)[:200]) if entries else []
    reference: list[float] = []
    for pk in pks:
        started = time.perf_counter()
        Journalpost.objects.select_related("saksmappe").get(pk=pk)
        reference.append((time.perf_counter() - started) * 1000)
    p50, p95 = _percentile(timings, 0.50), _percentile(timings, 0.95)
    ref = statistics.median(reference) if reference else float("nan")
    print(
        f"  p50 {p50:.1f} ms, p95 {p95:.1f} ms over {len(timings)} runs; slowest search {max(timings):.1f} ms", file=out
    )
    print(
        f"  reference, one entry with its case by primary key: {ref:.2f} ms (p95 = {p95 / ref:,.0f} x reference)",
        file=out,
    )
    print(f"  target p95 ≤ {TARGET_MS:.0f} ms — {'met' if p95 <= TARGET_MS else 'NOT met'}", file=out)
    return {"entries": entries, "p50_ms": p50, "p95_ms": p95, "reference_ms": ref, "searches": per_search}


def _generate_and_import(count: int, var_dir: Path) -> None:
    import records  # bench/records.py: the generator of realistic entries

    from torg.core.models import ServiceArea
    from torg.innsyn.actions import import_journal

    for order, unit in enumerate(records.UNITS):
        ServiceArea.objects.get_or_create(name=unit, defaults={"slug": f"omrade-{order}", "sort_order": order})
    path = var_dir / "journal.json"
    started = time.perf_counter()
    with path.open("w", encoding="utf-8") as out:
        records.write_json(out, count)
    print(f"Generated {count:,} entries in {time.perf_counter() - started:.0f} s; importing …", flush=True)
    started = time.perf_counter()
    run = import_journal(source=path, actor=None)
    seconds = time.perf_counter() - started
    print(
        f"Imported {run.created:,} entries in {seconds:.0f} s ({run.created / seconds:,.0f}/s, search index included)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, help="generate and import this many entries into a new database first")
    parser.add_argument("--var-dir", type=Path, help="var dir of an existing SQLite journal (torg.sqlite3)")
    parser.add_argument(
        "--database-url", help="PostgreSQL database (existing; or new with --entries: created and dropped)"
    )
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each search (default 7)")
    parser.add_argument("--explain", action="store_true", help="print each search's query plan")
    parser.add_argument("--keep", action="store_true", help="keep what --entries created")
    args = parser.parse_args()
    if not args.entries and not (args.var_dir or args.database_url):
        parser.error("give --entries N, or --var-dir / --database-url of a journal already imported")

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from inquiries import postgres
    from web import ROOT, bench_env

    sys.path.insert(0, str(ROOT))
    var_dir = args.var_dir or Path(tempfile.mkdtemp(prefix="torg-bench-search-"))
    created_db = bool(args.entries and args.database_url)
    if created_db:
        postgres(args.database_url, "create")
    os.environ.update(bench_env(var_dir))
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", "--noinput", verbosity=0)
        if args.entries:
            random.seed(5)
            _generate_and_import(args.entries, var_dir)
        figures = time_queries(repeat=args.repeat, explain_plans=args.explain)
    finally:
        from django.db import connections

        connections.close_all()
        keep = bool(args.entries and args.keep)
        if created_db and not keep:
            postgres(args.database_url, "drop")
        if not args.var_dir and not keep:
            shutil.rmtree(var_dir, ignore_errors=True)
        if keep:
            print(f"Kept {var_dir}" + (f" and {args.database_url}" if created_db else ""))
    return 0 if figures["p95_ms"] <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
