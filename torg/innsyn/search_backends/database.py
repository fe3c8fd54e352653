"""The database backend: the journal's own full-text index in SQLite (FTS5) or PostgreSQL (tsvector).

Filters and the screening rules are the ORM's (:func:`torg.innsyn.queries.published_entries`
and the filter fields); only the word match and the order are written for each database:

- SQLite: the FTS5 table drives. Its rowid is the journal date and pk in one number, so the
  newest matches come first without sorting, a date range is a rowid range, and type and
  service area are words in its ``facets`` column; each match is joined to its entry by pk
  for the remaining filters. Relevance is scored in Python over the (at most
  ``MAX_RESULTS + 1``) matches: FTS5's ``bm25()`` first counts every row holding each query
  word (40 ms for "søknad" in a million entries), which this does not need.
- PostgreSQL: ``search_vector @@ to_tsquery('simple', …)``, ``ts_rank`` over the window only.
  The planner multiplies the shares of the query's words as if they were independent
  ("Statens vegvesen": 2,000 expected, 42,000 found) and then gathers every match through the
  GIN index (300 ms). So a common query walks the date index over the newest entries first
  (:func:`postgresql_recent_statement`, after a short look says the matches are common
  enough), and only a rarer one, or one with a type, area or case filter, goes to the GIN
  index (:func:`postgresql_statement`).
- Any other database, or an index that is not in step (:func:`torg.innsyn.search_index.is_ready`):
  ``icontains`` on the public text (correct, slow), as before the index existed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from ..models import Journalpost, Korrespondansepart
from ..queries import published_entries
from . import SearchQuery, Term, relevance, tokens

logger = logging.getLogger(__name__)


def filtered_entries(query: SearchQuery, *, dates: bool = True, parties: bool = True) -> QuerySet[Journalpost]:
    """Published entries passing the query's filters (not its words; ``parties=False``: nor the party kind)."""
    entries = published_entries(query.today)
    if dates and query.date_from is not None:
        entries = entries.filter(journaldato__gte=query.date_from)
    if dates and query.date_to is not None:
        entries = entries.filter(journaldato__lte=query.date_to)
    if query.types:
        entries = entries.filter(journalposttype__in=query.types)
    if query.area is not None:
        entries = entries.filter(service_area_id=query.area)
    if query.saksmappe is not None:
        entries = entries.filter(saksmappe_id=query.saksmappe)
    if parties and query.parttypes:
        kinds = Korrespondansepart.objects.filter(journalpost=OuterRef("pk"), parttype__in=query.parttypes)
        entries = entries.filter(Exists(kinds))
    return entries


def _newest_ids(entries: QuerySet[Journalpost], limit: int) -> list[int]:
    return list(entries.order_by("-journaldato", "-pk").values_list("pk", flat=True)[:limit])


# --- SQLite FTS5 ----------------------------------------------------------------------


def fts5_phrase(term: Term) -> str:
    return '"' + " ".join(term.tokens) + '"' + ("*" if term.prefix else "")


def fts5_match(query: SearchQuery) -> str:
    """The FTS5 query: every term in the public text or the public documents, and the facets."""
    parts = [f"{{title body}} : {fts5_phrase(term)}" for term in query.terms]
    if query.types:
        parts.append("facets : (" + " OR ".join(f"ty{code.encode().hex()}" for code in query.types) + ")")
    if query.area is not None:
        parts.append(f"facets : sa{int(query.area)}")
    return " AND ".join(parts)


def sqlite_statement(query: SearchQuery, limit: int) -> tuple[str, list[Any]]:
    """The SQL (and its parameters) that finds the matches on SQLite: (rowid, search_text) newest first."""
    from .. import search_index as index

    entries = filtered_entries(query, dates=False)
    compiler = entries.query.get_compiler(connection=connection)
    where, where_params = compiler.compile(entries.query.where)
    table = connection.ops.quote_name(Journalpost._meta.db_table)
    low, high = index.key_range(query.date_from, query.date_to)
    if query.saksmappe is not None:
        # A case has a handful of entries: each is looked up in the index, not every match scanned.
        join = (
            f"{table} CROSS JOIN {index.FTS} f WHERE f.rowid = "
            f"((CAST(julianday({table}.journaldato) AS INTEGER) << {index.KEY_BITS}) | {table}.id)"
        )
    else:
        join = f"{index.FTS} f CROSS JOIN {table} WHERE {table}.id = (f.rowid & {index.ID_MASK})"
    sql = (
        f"SELECT f.rowid, {table}.search_text FROM {join} AND {index.FTS} MATCH %s "  # noqa: S608  (names are constants)
        f"AND f.rowid BETWEEN %s AND %s AND ({where}) ORDER BY f.rowid DESC LIMIT %s"
    )
    return sql, [fts5_match(query), low, high, *where_params, limit]


def _sqlite_ids(query: SearchQuery, limit: int) -> list[int]:
    from ..search_index import ID_MASK

    sql, params = sqlite_statement(query, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if query.ranked:
        scored = [(relevance(tokens(text), query.terms), key) for key, text in rows]
        scored.sort(key=lambda row: -row[0])  # stable: equal scores stay newest first
        return [key & ID_MASK for _score, key in scored]
    return [key & ID_MASK for key, _text in rows]


# --- PostgreSQL tsvector --------------------------------------------------------------


def tsquery(query: SearchQuery) -> str:
    """The text for ``to_tsquery``: terms AND-ed, a term's tokens in a row, the last one a prefix."""
    parts = []
    for term in query.terms:
        lexemes = [f"'{token}'" for token in term.tokens]
        if term.prefix:
            lexemes[-1] += ":*"
        parts.append("(" + " <-> ".join(lexemes) + ")")
    return " & ".join(parts)


RECENT_FACTOR = 30  # PostgreSQL first reads the newest 30 x MAX_RESULTS entries the filters allow,
PROBE_FACTOR = 3  # after a look at the newest 3 x MAX_RESULTS says the matches are common enough


def _pg_vector() -> RawSQL:
    return RawSQL("innsyn_journalpost.search_vector", [])


def _pg_rank(query: SearchQuery, alias: str) -> tuple[str, list[Any]]:
    from ..search_index import PG_CONFIG

    if not query.ranked:
        return "0", []
    return f"ts_rank({alias}.vector, to_tsquery('{PG_CONFIG}', %s))", [tsquery(query)]


def postgresql_recent_statement(query: SearchQuery, limit: int, recent: int) -> tuple[str, list[Any]]:
    """Step 1 on PostgreSQL: the matches among the newest ``recent`` entries the filters allow.

    Walking the date index and testing each entry's vector finds the newest matches of a
    common word without touching the others; the GIN index would gather every match first
    (42,000 rows for "Statens vegvesen": the planner takes the two words for independent
    and expects 2,000). Rows: (pk, journaldato, rank).
    """
    from ..search_index import PG_CONFIG

    inner = (
        filtered_entries(query, parties=False)
        .order_by("-journaldato", "-pk")
        .annotate(vector=_pg_vector())
        .values_list("pk", "journaldato", "vector")[:recent]
    )
    inner_sql, inner_params = inner.query.sql_with_params()
    rank, rank_params = _pg_rank(query, "r")
    condition = f"r.vector @@ to_tsquery('{PG_CONFIG}', %s)"
    params: list[Any] = [*rank_params, *inner_params, tsquery(query)]
    if query.parttypes:
        condition += (
            " AND EXISTS (SELECT 1 FROM innsyn_korrespondansepart p WHERE p.journalpost_id = r.pk "
            "AND p.parttype = ANY(%s))"
        )
        params.append(sorted(query.parttypes))
    sql = (
        f"SELECT r.pk, r.journaldato, {rank} FROM ({inner_sql}) r "  # noqa: S608  (the ORM's SQL and constants)
        f"WHERE {condition} ORDER BY r.journaldato DESC, r.pk DESC LIMIT %s"
    )
    return sql, [*params, limit]


def postgresql_statement(query: SearchQuery, limit: int) -> tuple[str, list[Any]]:
    """Step 2 on PostgreSQL: the newest matches through the GIN index (rare words: few rows to read).

    Rows: (pk, journaldato, rank), ``ts_rank`` over these rows only.
    """
    from ..search_index import PG_CONFIG

    match = RawSQL(  # noqa: S611  (the configuration is a constant; the query text is a parameter)
        f"innsyn_journalpost.search_vector @@ to_tsquery('{PG_CONFIG}', %s)",
        [tsquery(query)],
        output_field=BooleanField(),
    )
    window = filtered_entries(query).filter(match).order_by("-journaldato", "-pk").annotate(vector=_pg_vector())
    inner_sql, inner_params = window.values_list("pk", "journaldato", "vector")[:limit].query.sql_with_params()
    rank, rank_params = _pg_rank(query, "w")
    sql = f"SELECT w.pk, w.journaldato, {rank} FROM ({inner_sql}) w ORDER BY w.journaldato DESC, w.pk DESC"  # noqa: S608
    return sql, [*rank_params, *inner_params]


# One search is one short query: compiling it (JIT) or starting workers costs more than it saves.
_PG_SETTINGS = "SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0"
_STATS_SECONDS = 600
_pg_stats: dict[str, tuple[float, dict[str, float], float]] = {}


def _word_shares(cursor: Any) -> tuple[dict[str, float], float]:
    """The share of entries holding each common word (ANALYZE's statistics), and the least of those shares."""
    cached = _pg_stats.get(connection.alias)
    if cached and time.monotonic() - cached[0] < _STATS_SECONDS:
        return cached[1], cached[2]
    cursor.execute(
        "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
        "WHERE schemaname = current_schema() AND tablename = 'innsyn_journalpost' AND attname = 'search_vector'"
    )
    row = cursor.fetchone()
    words = row[0] or [] if row else []
    shares = dict(zip(words, (row[1] or []) if row else [], strict=False))
    least = min(shares.values(), default=1.0)
    _pg_stats[connection.alias] = (time.monotonic(), shares, least)
    return shares, least


def _most_share(query: SearchQuery, shares: dict[str, float], least: float) -> float:
    """At most this share of entries can match: that of the query's rarest term (words may go together)."""

    def token_share(token: str, prefix: bool) -> float:
        if prefix:
            return max(least, sum(share for word, share in shares.items() if word.startswith(token)))
        return shares.get(token, least)

    return min(
        min(token_share(token, term.prefix and i == len(term.tokens) - 1) for i, token in enumerate(term.tokens))
        for term in query.terms
    )


def _postgresql_ids(query: SearchQuery, limit: int) -> list[int]:
    recent, probe = RECENT_FACTOR * limit, PROBE_FACTOR * limit
    # A type, area or case filter has its own index, which the planner ANDs with the GIN index:
    # step 1 would read every entry of the newest weeks to find those few.
    walk = not (query.types or query.area is not None or query.saksmappe is not None)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_PG_SETTINGS)
        if walk:
            shares, least = _word_shares(cursor)
            # Not even the rarest term's share of the newest entries could fill the window: skip step 1.
            walk = not shares or _most_share(query, shares, least) * recent >= limit
        rows: list[tuple[Any, ...]] = []
        if walk:
            # How common are the matches among the newest entries? A short look first.
            cursor.execute(*postgresql_recent_statement(query, limit, probe))
            rows = cursor.fetchall()
            if len(rows) < limit and len(rows) * RECENT_FACTOR / PROBE_FACTOR >= limit:
                cursor.execute(*postgresql_recent_statement(query, limit, recent))
                rows = cursor.fetchall()
        if len(rows) < limit:
            # Too few among the newest entries: a rarer word (or few entries), which the GIN index finds.
            cursor.execute(*postgresql_statement(query, limit))
            rows = cursor.fetchall()
    if query.ranked:
        rows.sort(key=lambda row: -row[2])  # stable: equal ranks stay newest first
    return [row[0] for row in rows]


# --- without an index -----------------------------------------------------------------


def _portable_ids(query: SearchQuery, limit: int) -> list[int]:
    from ..search import public_documents

    entries = filtered_entries(query)
    for term in query.terms:
        for token in term.tokens:
            documents = public_documents().filter(journalpost=OuterRef("pk"), extracted_text__icontains=token)
            entries = entries.filter(Q(search_text__icontains=token) | Exists(documents))
    rows = list(entries.order_by("-journaldato", "-pk").values_list("pk", "search_text")[:limit])
    if query.ranked:
        rows.sort(key=lambda row: -relevance(tokens(row[1]), query.terms))
    return [pk for pk, _text in rows]


class SearchBackend:
    """The default: the database's own index, kept in step by triggers (nothing to call)."""

    def __init__(self, params: dict[str, Any]) -> None:
        self.params = params

    def search_ids(self, query: SearchQuery, limit: int) -> list[int]:
        from .. import search_index

        if query.unmatchable:
            return []
        if not query.terms:
            return _newest_ids(filtered_entries(query), limit)
        if connection.vendor in ("sqlite", "postgresql") and not search_index.is_ready(connection.alias):
            logger.error("The journal's search index is missing: run manage.py innsyn_search_index --rebuild")
            return _portable_ids(query, limit)
        if connection.vendor == "sqlite":
            return _sqlite_ids(query, limit)
        if connection.vendor == "postgresql":
            return _postgresql_ids(query, limit)
        return _portable_ids(query, limit)

    def index_entries(self, ids: Iterable[int]) -> None:
        """Nothing to do: the triggers changed the index with the rows (``search_index.reindex_entries`` repairs)."""

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        from .. import search_index

        return search_index.rebuild(progress=progress)

    def status(self) -> dict[str, Any]:
        from .. import search_index

        return {"backend": "database", **search_index.status()}
