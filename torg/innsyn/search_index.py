# ruff: noqa: S608  (every statement here is built from constants; values are parameters)
"""The database's own full-text index of the public journal, kept in step by database triggers.

No code has to call anything when entries or documents change: triggers on
``innsyn_journalpost`` and ``innsyn_dokumentbeskrivelse`` keep the index in step within the
same transaction, whoever writes (the importer's raw inserts, ``QuerySet.update()``,
actions). Only public words are indexed: the entry's ``search_text`` and the text of its
documents that :func:`torg.innsyn.search.public_documents` would allow (the same rule in SQL).

SQLite: an FTS5 table ``innsyn_journalpost_fts`` (``title``, ``body``, ``hidden``, ``facets``).
  Its rowid is the journal date and the entry's pk in one integer
  (``julianday << 40 | id``), so that "newest first" and a date range are the index's own
  order and a rowid range: nothing is sorted. ``facets`` holds the entry type and service
  area as words (``ty49``, ``sa3``), so those filters are intersections in the index.
  ``body`` holds the public documents' text when the entry lets its documents be public;
  otherwise that text waits in ``hidden`` (stored, not indexed) and moves back when the
  entry is opened again. A prefix index for each length from 3 to 20 letters makes a word's
  prefix search read the index lazily, newest first (without one, FTS5 first gathers every
  entry holding a word that begins so: 40 ms for "søknad" in a million entries); they cost
  about 3 times the plain index's size. ``innsyn_journalpost_fts_key`` maps an entry to its rowid, for the document triggers.
  Each trigger reads only its own table, the FTS table and the key table, never the other
  journal table: Django rebuilds a SQLite table to alter it, and a trigger elsewhere that
  names the rebuilt table would make that migration fail. A rebuild does drop the rebuilt
  table's own triggers; :func:`is_ready` then says so, the search answers without the index
  (correct, slower) and :func:`ensure` (or ``manage.py innsyn_search_index --rebuild``)
  restores them.

PostgreSQL: a ``search_vector tsvector`` column on ``innsyn_journalpost`` (not a model field:
  Django never reads it), weight A the public text, weight B the public documents' text,
  configuration ``simple`` (see :data:`PG_CONFIG`), a GIN index, and triggers.

On both, punctuation splits words ("2025/42" is "2025" "42") as :func:`tokens` does, and a
document text counts up to :data:`MAX_DOCUMENT_TEXT` characters per entry (PostgreSQL limits
a ``tsvector`` to 1 MB).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

MAX_DOCUMENT_TEXT = 200_000
KEY_BITS = 40
ID_MASK = (1 << KEY_BITS) - 1
JULIAN_OFFSET = 1721424  # julianday('0001-01-01') truncated, minus date.toordinal() of that day
# 'simple': the same words as FTS5 and the OpenSearch analyzer (neither stems). 'norwegian' would
# stem ("søknadane" finds "søknad"), but drops "om", "på", "i", "for" and makes results differ by backend.
PG_CONFIG = "simple"
FTS_PREFIXES = " ".join(str(n) for n in range(3, 21))  # a prefix of 3 to 20 letters is its own index: lazy

FTS = "innsyn_journalpost_fts"
FTS_KEY = "innsyn_journalpost_fts_key"
SQLITE_TRIGGERS = (
    "innsyn_search_jp_ai",
    "innsyn_search_jp_au",
    "innsyn_search_jp_ad",
    "innsyn_search_doc_ai",
    "innsyn_search_doc_au",
    "innsyn_search_doc_ad",
)
PG_TRIGGERS = ("innsyn_search_jp", "innsyn_search_doc_ai", "innsyn_search_doc_au", "innsyn_search_doc_ad")
# The name rule asks, for every search of two words or more, whether they are a private person's
# name (queries.is_person_name_query: is_person AND namn_key IN …). The namn_key index alone reads
# every party of that name first: 140 ms for "Statens vegvesen" in a million entries; this, 0.1 ms.
PERSON_NAME_INDEX = (
    "CREATE INDEX IF NOT EXISTS innsyn_part_person_namn ON innsyn_korrespondansepart (namn_key) WHERE is_person"
)
# The sender/recipient filter asks, for each matching entry, whether it has a party of that kind:
# answered from this index alone (the foreign-key index needs a row read per party).
PARTY_KIND_INDEX = (
    "CREATE INDEX IF NOT EXISTS innsyn_part_entry_kind ON innsyn_korrespondansepart (journalpost_id, parttype)"
)
SUPPORT_INDEXES = (PERSON_NAME_INDEX, PARTY_KIND_INDEX)


def date_key(day: dt.date) -> int:
    """The smallest SQLite FTS rowid of an entry on ``day``."""
    return (day.toordinal() + JULIAN_OFFSET) << KEY_BITS


def key_range(date_from: dt.date | None, date_to: dt.date | None) -> tuple[int, int]:
    low = date_key(date_from) if date_from else 0
    high = (date_key(date_to) | ID_MASK) if date_to else (1 << 63) - 1
    return low, high


# --- SQLite ---------------------------------------------------------------------------


def _key(a: str) -> str:
    return f"((CAST(julianday({a}.journaldato) AS INTEGER) << {KEY_BITS}) | {a}.id)"


def _allowed(a: str) -> str:
    return f"({a}.publish_documents AND {a}.tilgangsrestriksjon = '' AND {a}.skjermingshjemmel = '')"


def _facets(a: str) -> str:
    return f"('ty' || hex({a}.journalposttype) || ' sa' || coalesce({a}.service_area_id, 0))"


_PUBLIC_DOCUMENT = (
    "d.extracted_text <> '' AND d.tilgangsrestriksjon = '' AND (d.text_blocked_reason = '' "
    "OR (d.text_blocked_reason = 'fodselsnummer' AND d.cleared_at IS NOT NULL))"
)


def _sqlite_document_text(entry: str) -> str:
    return (
        f"coalesce((SELECT substr(group_concat(t, ' '), 1, {MAX_DOCUMENT_TEXT}) FROM (SELECT d.extracted_text AS t "
        f"FROM innsyn_dokumentbeskrivelse d WHERE d.journalpost_id = {entry} AND {_PUBLIC_DOCUMENT} "
        "ORDER BY d.dokumentnummer, d.id)), '')"
    )


def _sqlite_refresh(entry: str) -> str:
    """Statements (for a trigger) that put the entry's public document text in ``body`` or ``hidden``."""
    text = _sqlite_document_text(entry)
    return (
        f"UPDATE {FTS} SET body = {text}, hidden = '' WHERE rowid = "
        f"(SELECT fts_rowid FROM {FTS_KEY} WHERE journalpost_id = {entry} AND docs_allowed);\n"
        f"  UPDATE {FTS} SET body = '', hidden = {text} WHERE rowid = "
        f"(SELECT fts_rowid FROM {FTS_KEY} WHERE journalpost_id = {entry} AND NOT docs_allowed);"
    )


def _sqlite_create_fts() -> str:
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(title, body, hidden UNINDEXED, facets, "
        f"tokenize = 'unicode61 remove_diacritics 0', prefix = '{FTS_PREFIXES}')"
    )


def _sqlite_schema() -> list[str]:
    jp_changes = " OR ".join(
        f"OLD.{c} IS NOT NEW.{c}"
        for c in (
            "id",
            "search_text",
            "journaldato",
            "journalposttype",
            "service_area_id",
            "publish_documents",
            "tilgangsrestriksjon",
            "skjermingshjemmel",
        )
    )
    doc_changes = " OR ".join(
        f"OLD.{c} IS NOT NEW.{c}"
        for c in (
            "journalpost_id",
            "extracted_text",
            "tilgangsrestriksjon",
            "text_blocked_reason",
            "cleared_at",
            "dokumentnummer",
        )
    )
    return [
        _sqlite_create_fts(),
        f"CREATE TABLE IF NOT EXISTS {FTS_KEY} (journalpost_id INTEGER PRIMARY KEY, "
        "fts_rowid INTEGER NOT NULL, docs_allowed INTEGER NOT NULL)",
        f"""CREATE TRIGGER IF NOT EXISTS innsyn_search_jp_ai AFTER INSERT ON innsyn_journalpost BEGIN
  INSERT OR REPLACE INTO {FTS_KEY}(journalpost_id, fts_rowid, docs_allowed) VALUES (NEW.id, {_key("NEW")}, {_allowed("NEW")});
  INSERT INTO {FTS}(rowid, title, body, hidden, facets) VALUES ({_key("NEW")}, NEW.search_text, '', '', {_facets("NEW")});
END""",
        f"""CREATE TRIGGER IF NOT EXISTS innsyn_search_jp_au AFTER UPDATE ON innsyn_journalpost WHEN {jp_changes} BEGIN
  UPDATE {FTS} SET rowid = {_key("NEW")}, title = NEW.search_text, facets = {_facets("NEW")},
    body = CASE WHEN {_allowed("NEW")} THEN body || hidden ELSE '' END,
    hidden = CASE WHEN {_allowed("NEW")} THEN '' ELSE body || hidden END
  WHERE rowid = {_key("OLD")};
  DELETE FROM {FTS_KEY} WHERE journalpost_id = OLD.id;
  INSERT OR REPLACE INTO {FTS_KEY}(journalpost_id, fts_rowid, docs_allowed) VALUES (NEW.id, {_key("NEW")}, {_allowed("NEW")});
END""",
        f"""CREATE TRIGGER IF NOT EXISTS innsyn_search_jp_ad AFTER DELETE ON innsyn_journalpost BEGIN
  DELETE FROM {FTS} WHERE rowid = {_key("OLD")};
  DELETE FROM {FTS_KEY} WHERE journalpost_id = OLD.id;
END""",
        f"""CREATE TRIGGER IF NOT EXISTS innsyn_search_doc_ai AFTER INSERT ON innsyn_dokumentbeskrivelse
WHEN NEW.extracted_text <> '' BEGIN
  {_sqlite_refresh("NEW.journalpost_id")}
END""",
        f"""CREATE TRIGGER IF NOT EXISTS innsyn_search_doc_au AFTER UPDATE ON innsyn_dokumentbeskrivelse
WHEN (OLD.extracted_text <> '' OR NEW.extracted_text <> '') AND ({doc_changes}) BEGIN
  {_sqlite_refresh("OLD.journalpost_id")}
  {_sqlite_refresh("NEW.journalpost_id")}
END""",
        f"""CREATE TRIGGER IF NOT EXISTS innsyn_search_doc_ad AFTER DELETE ON innsyn_dokumentbeskrivelse
WHEN OLD.extracted_text <> '' BEGIN
  {_sqlite_refresh("OLD.journalpost_id")}
END""",
    ]


def _sqlite_fill(where: str = "") -> list[str]:
    text = _sqlite_document_text("jp.id")
    return [
        f"INSERT OR REPLACE INTO {FTS_KEY}(journalpost_id, fts_rowid, docs_allowed) "
        f"SELECT jp.id, {_key('jp')}, {_allowed('jp')} FROM innsyn_journalpost jp {where}",
        f"INSERT INTO {FTS}(rowid, title, body, hidden, facets) SELECT {_key('jp')}, jp.search_text, "
        f"CASE WHEN {_allowed('jp')} THEN {text} ELSE '' END, CASE WHEN {_allowed('jp')} THEN '' ELSE {text} END, "
        f"{_facets('jp')} FROM innsyn_journalpost jp {where}",
    ]


def _sqlite_drop() -> list[str]:
    return [
        *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
        f"DROP TABLE IF EXISTS {FTS}",
        f"DROP TABLE IF EXISTS {FTS_KEY}",
    ]


# --- PostgreSQL -----------------------------------------------------------------------

_PG_PUBLIC_DOCUMENT = (
    "d.extracted_text <> '' AND d.tilgangsrestriksjon = '' AND (d.text_blocked_reason = '' "
    "OR (d.text_blocked_reason = 'fodselsnummer' AND d.cleared_at IS NOT NULL))"
)
# ASCII punctuation splits words, as in tokens(): PostgreSQL's parser would keep "2025/42" or "a-b" whole.


def _pg_schema() -> list[str]:
    return [
        # Every ASCII punctuation mark (the ranges !-/ :-@ [-` {-~) as a space; translate() costs 7 times more.
        """CREATE OR REPLACE FUNCTION innsyn_search_clean(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT regexp_replace(coalesce(value, ''), '[!-/:-@[-`{-~]', ' ', 'g') $$""",
        f"""CREATE OR REPLACE FUNCTION innsyn_search_document_text(entry bigint) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT left(coalesce(string_agg(d.extracted_text, ' ' ORDER BY d.dokumentnummer, d.id), ''), {MAX_DOCUMENT_TEXT})
  FROM innsyn_dokumentbeskrivelse d WHERE d.journalpost_id = entry AND {_PG_PUBLIC_DOCUMENT}
$$""",
        f"""CREATE OR REPLACE FUNCTION innsyn_search_vector(search_text text, entry bigint, docs_allowed boolean)
RETURNS tsvector LANGUAGE plpgsql STABLE AS $$
DECLARE
  body text := CASE WHEN docs_allowed THEN innsyn_search_document_text(entry) ELSE '' END;
  title tsvector := setweight(to_tsvector('{PG_CONFIG}', innsyn_search_clean(search_text)), 'A');
BEGIN
  IF body = '' THEN
    RETURN title;
  END IF;
  RETURN title || setweight(to_tsvector('{PG_CONFIG}', innsyn_search_clean(body)), 'B');
END $$""",
        """CREATE OR REPLACE FUNCTION innsyn_search_jp_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.search_vector IS NULL
     OR NEW.search_text IS DISTINCT FROM OLD.search_text
     OR NEW.publish_documents IS DISTINCT FROM OLD.publish_documents
     OR NEW.tilgangsrestriksjon IS DISTINCT FROM OLD.tilgangsrestriksjon
     OR NEW.skjermingshjemmel IS DISTINCT FROM OLD.skjermingshjemmel THEN
    NEW.search_vector := innsyn_search_vector(NEW.search_text, NEW.id,
      NEW.publish_documents AND NEW.tilgangsrestriksjon = '' AND NEW.skjermingshjemmel = '');
  END IF;
  RETURN NEW;
END $$""",
        """CREATE OR REPLACE FUNCTION innsyn_search_doc_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE innsyn_journalpost jp SET search_vector = innsyn_search_vector(jp.search_text, jp.id,
      jp.publish_documents AND jp.tilgangsrestriksjon = '' AND jp.skjermingshjemmel = '')
  WHERE jp.id IN (CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.journalpost_id END,
                  CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.journalpost_id END);
  RETURN NULL;
END $$""",
        "DROP TRIGGER IF EXISTS innsyn_search_jp ON innsyn_journalpost",
        "CREATE TRIGGER innsyn_search_jp BEFORE INSERT OR UPDATE ON innsyn_journalpost "
        "FOR EACH ROW EXECUTE FUNCTION innsyn_search_jp_trigger()",
        "DROP TRIGGER IF EXISTS innsyn_search_doc_ai ON innsyn_dokumentbeskrivelse",
        "CREATE TRIGGER innsyn_search_doc_ai AFTER INSERT ON innsyn_dokumentbeskrivelse FOR EACH ROW "
        "WHEN (NEW.extracted_text <> '') EXECUTE FUNCTION innsyn_search_doc_trigger()",
        "DROP TRIGGER IF EXISTS innsyn_search_doc_au ON innsyn_dokumentbeskrivelse",
        "CREATE TRIGGER innsyn_search_doc_au AFTER UPDATE ON innsyn_dokumentbeskrivelse FOR EACH ROW "
        "WHEN ((OLD.extracted_text <> '' OR NEW.extracted_text <> '') AND ("
        + " OR ".join(
            f"OLD.{c} IS DISTINCT FROM NEW.{c}"
            for c in (
                "journalpost_id",
                "extracted_text",
                "tilgangsrestriksjon",
                "text_blocked_reason",
                "cleared_at",
                "dokumentnummer",
            )
        )
        + ")) EXECUTE FUNCTION innsyn_search_doc_trigger()",
        "DROP TRIGGER IF EXISTS innsyn_search_doc_ad ON innsyn_dokumentbeskrivelse",
        "CREATE TRIGGER innsyn_search_doc_ad AFTER DELETE ON innsyn_dokumentbeskrivelse FOR EACH ROW "
        "WHEN (OLD.extracted_text <> '') EXECUTE FUNCTION innsyn_search_doc_trigger()",
    ]


_PG_FILL = (
    "UPDATE innsyn_journalpost jp SET search_vector = innsyn_search_vector(jp.search_text, jp.id, "
    "jp.publish_documents AND jp.tilgangsrestriksjon = '' AND jp.skjermingshjemmel = '')"
)
_PG_INDEX = "CREATE INDEX IF NOT EXISTS innsyn_jp_search ON innsyn_journalpost USING gin (search_vector)"


def _pg_drop() -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS innsyn_search_jp ON innsyn_journalpost",
        "DROP TRIGGER IF EXISTS innsyn_search_doc_ai ON innsyn_dokumentbeskrivelse",
        "DROP TRIGGER IF EXISTS innsyn_search_doc_au ON innsyn_dokumentbeskrivelse",
        "DROP TRIGGER IF EXISTS innsyn_search_doc_ad ON innsyn_dokumentbeskrivelse",
        "DROP FUNCTION IF EXISTS innsyn_search_jp_trigger()",
        "DROP FUNCTION IF EXISTS innsyn_search_doc_trigger()",
        "DROP FUNCTION IF EXISTS innsyn_search_vector(text, bigint, boolean)",
        "DROP FUNCTION IF EXISTS innsyn_search_document_text(bigint)",
        "DROP FUNCTION IF EXISTS innsyn_search_clean(text)",
        "DROP INDEX IF EXISTS innsyn_jp_search",
        "ALTER TABLE innsyn_journalpost DROP COLUMN IF EXISTS search_vector",
    ]


# --- install, check, rebuild ----------------------------------------------------------


def _run(connection: BaseDatabaseWrapper, statements: Iterable[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection: BaseDatabaseWrapper) -> None:
    """Create the index and its triggers, and index what the tables already hold (the migration's step)."""
    if connection.vendor in ("sqlite", "postgresql"):
        _run(connection, SUPPORT_INDEXES)
    if connection.vendor == "sqlite":
        _run(connection, _sqlite_drop())
        _run(connection, [*_sqlite_schema(), *_sqlite_fill(), f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')"])
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = 'innsyn_journalpost' AND column_name = 'search_vector'"
            )
            if cursor.fetchone() is None:
                cursor.execute("ALTER TABLE innsyn_journalpost ADD COLUMN search_vector tsvector")
        _run(connection, [*_pg_schema(), _PG_FILL, _PG_INDEX])
    _ready.pop(connection.alias, None)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor in ("sqlite", "postgresql"):
        _run(
            connection, ["DROP INDEX IF EXISTS innsyn_part_person_namn", "DROP INDEX IF EXISTS innsyn_part_entry_kind"]
        )
    if connection.vendor == "sqlite":
        _run(connection, _sqlite_drop())
    elif connection.vendor == "postgresql":
        _run(connection, _pg_drop())
    _ready.pop(connection.alias, None)


_ready: dict[str, bool] = {}


def is_ready(using: str = "default") -> bool:
    """True when the index and all its triggers are in place (so it is in step with the tables).

    SQLite is asked every time (a table rebuild in a migration drops its triggers; the
    question costs microseconds); PostgreSQL once per process.
    """
    connection = connections[using]
    if connection.vendor == "postgresql" and _ready.get(using):
        return True
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE (type = 'trigger' AND name IN ({})) "
                "OR (type = 'table' AND name IN (%s, %s))".format(", ".join(["%s"] * len(SQLITE_TRIGGERS))),
                [*SQLITE_TRIGGERS, FTS, FTS_KEY],
            )
            return bool(cursor.fetchone()[0] == len(SQLITE_TRIGGERS) + 2)
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY(%s)", [list(PG_TRIGGERS)]
            )
            triggers = cursor.fetchone()[0]
            cursor.execute(
                "SELECT count(*) FROM pg_indexes WHERE tablename = 'innsyn_journalpost' AND indexname = 'innsyn_jp_search'"
            )
            ready = triggers == len(PG_TRIGGERS) and cursor.fetchone()[0] == 1
            _ready[using] = ready
            return ready
    return False


def ensure(using: str = "default") -> bool:
    """Restore missing triggers and rebuild the index if any were missing; True when something was done.

    For a ``post_migrate`` hook: a migration that rebuilds a SQLite journal table drops its triggers.
    """
    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        return False
    _run(connection, SUPPORT_INDEXES)  # a rebuilt SQLite table loses the indexes Django does not know
    if is_ready(using):
        return False
    rebuild(using=using)
    return True


def after_migrate(sender: Any = None, *, using: str = "default", **kwargs: Any) -> None:
    """``post_migrate`` receiver: restore what a migration that rebuilt a SQLite journal table dropped.

    Connected in ``InnsynConfig.ready()``; does nothing before this app's 0004 migration is applied.
    """
    from django.db.migrations.recorder import MigrationRecorder

    if ("innsyn", "0004_search_index") in MigrationRecorder(connections[using]).applied_migrations():
        ensure(using)


def rebuild(using: str = "default", progress: Callable[[int, int], None] | None = None) -> int:
    """Refill the database's index from the tables (creating what is missing); returns the number of entries."""
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and is_ready(using):
            _run(connection, [_PG_FILL])  # no DDL: the table may have pending trigger events
        else:
            install(connection)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM innsyn_journalpost")
            total = int(cursor.fetchone()[0])
    if progress:
        progress(total, total)
    return total


def reindex_entries(ids: Iterable[int], using: str = "default") -> None:
    """Index these entries afresh in the database's index (a repair: the triggers already do it).

    With the OpenSearch backend configured, :func:`torg.innsyn.search.reindex_entries` is the one
    to call after a change; it calls this too.
    """
    connection = connections[using]
    chunk: list[int] = []
    for pk in ids:
        chunk.append(int(pk))
        if len(chunk) == 500:
            _reindex_chunk(connection, chunk)
            chunk = []
    if chunk:
        _reindex_chunk(connection, chunk)


def _reindex_chunk(connection: BaseDatabaseWrapper, ids: list[int]) -> None:
    marks = ", ".join(["%s"] * len(ids))
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"DELETE FROM {FTS} WHERE rowid IN (SELECT fts_rowid FROM {FTS_KEY} WHERE journalpost_id IN ({marks}))",
                ids,
            )
            cursor.execute(
                f"DELETE FROM {FTS} WHERE rowid IN (SELECT {_key('jp')} FROM innsyn_journalpost jp WHERE jp.id IN ({marks}))",
                ids,
            )
            cursor.execute(f"DELETE FROM {FTS_KEY} WHERE journalpost_id IN ({marks})", ids)
            for statement in _sqlite_fill(f"WHERE jp.id IN ({marks})"):
                cursor.execute(statement, ids)
        elif connection.vendor == "postgresql":
            cursor.execute(f"{_PG_FILL} WHERE jp.id IN ({marks})", ids)


def status(using: str = "default") -> dict[str, Any]:
    connection = connections[using]
    info: dict[str, Any] = {"vendor": connection.vendor, "ready": is_ready(using)}
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM innsyn_journalpost")
        info["entries"] = cursor.fetchone()[0]
        if connection.vendor == "sqlite" and info["ready"]:
            cursor.execute(f"SELECT count(*) FROM {FTS_KEY}")
            info["indexed"] = cursor.fetchone()[0]
        elif connection.vendor == "postgresql" and info["ready"]:
            cursor.execute("SELECT count(*) FROM innsyn_journalpost WHERE search_vector IS NOT NULL")
            info["indexed"] = cursor.fetchone()[0]
    return info


def entries_changed(ids: Iterable[int]) -> None:
    """Tell the configured search backend that these entries (or their documents) changed.

    The database backend needs nothing (its triggers did it in the same transaction); an
    OpenSearch backend re-reads the entries and sends them. Call it after the commit:
    ``transaction.on_commit(lambda: search_index.entries_changed(ids))``.
    """
    from .search_backends import get_backend

    get_backend().index_entries(ids)
