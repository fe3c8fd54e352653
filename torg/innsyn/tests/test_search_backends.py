"""The database backend through its index (FTS5 on SQLite, tsvector on PostgreSQL): words, ranking,
filters, the window, and the screening rules still holding when the index answers."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from torg.core.models import ServiceArea
from torg.innsyn import search_index
from torg.innsyn.models import Dokumentbeskrivelse, Journalpost, Korrespondansepart, TextBlock
from torg.innsyn.search import build_query, search_entries
from torg.innsyn.search_backends import Term, tokens
from torg.innsyn.search_backends.database import sqlite_statement

from .journal_data import FNR, HIDDEN_PERSON, PERSON, SECRET_WORD, SENSITIVE_TITLE, build_journal, documents

pytestmark = pytest.mark.django_db


def _ids(**kwargs: object) -> list[str]:
    return [e.system_id for e in search_entries(today=timezone.localdate(), **kwargs)]  # type: ignore[arg-type]


@pytest.fixture
def journal() -> dict[str, Journalpost]:
    return build_journal(timezone.localdate())


def test_the_index_is_in_place_and_holds_every_entry(journal: dict[str, Journalpost]) -> None:
    assert search_index.is_ready()
    info = search_index.status()
    assert info["entries"] == info["indexed"] == 4


def test_a_word_matches_words_that_begin_with_it_short_words_and_numbers_whole(
    journal: dict[str, Journalpost],
) -> None:
    assert _ids(q="rekkverk") == ["jp-bridge"]  # "Rekkverket" in the public document
    assert _ids(q="vedlikeh") == ["jp-bridge"]
    assert _ids(q="likehald") == []  # not inside a word
    assert _ids(q="2025/42") == ["jp-bridge"]  # the case number, words in a row
    assert _ids(q="2025/43") == []
    assert _ids(q="2025/4") == []  # numbers match whole
    assert _ids(q="br") == []  # two letters match a whole word only
    assert _ids(q="BRUA ELVA") == ["jp-bridge"]


def test_title_words_outrank_document_words_and_equal_scores_are_newest_first(
    journal: dict[str, Journalpost],
) -> None:
    today = timezone.localdate()
    Journalpost.objects.filter(system_id="jp-old-person").update(search_text="rekkverket ved brua")
    assert _ids(q="rekkverket") == ["jp-old-person", "jp-bridge"]  # old, but the word is in its title
    assert _ids(q="rekkverket", order="dato") == ["jp-bridge", "jp-old-person"]
    # Two words in the title beat one in the title and one only in the documents.
    Journalpost.objects.filter(system_id="jp-recent-person").update(search_text="brua og rekkverket")
    assert _ids(q="brua rekkverket")[0] == "jp-recent-person"
    # Equal scores: newest first.
    Journalpost.objects.filter(system_id="jp-recent-person").update(journaldato=today - dt.timedelta(days=2))
    Journalpost.objects.filter(system_id="jp-old-person").update(
        search_text="brua og rekkverket", journaldato=today - dt.timedelta(days=1)
    )
    assert _ids(q="brua rekkverket")[:2] == ["jp-old-person", "jp-recent-person"]


def test_filters_hold_through_the_index(journal: dict[str, Journalpost]) -> None:
    today = timezone.localdate()
    area = ServiceArea.objects.create(name="Samferdsel", slug="samferdsel")
    Journalpost.objects.filter(system_id="jp-recent-person").update(service_area=area)
    assert set(_ids(q="byggjeløyve")) == {"jp-recent-person", "jp-old-person"}
    assert _ids(q="byggjeløyve", area=area.pk) == ["jp-recent-person"]
    assert _ids(q="byggjeløyve", types=["U"]) == []
    assert _ids(q="byggjeløyve", types=["U", "I"], order="dato") == ["jp-recent-person", "jp-old-person"]
    assert _ids(q="byggjeløyve", date_to=today - dt.timedelta(days=100)) == ["jp-old-person"]
    assert _ids(q="byggjeløyve", date_from=today - dt.timedelta(days=20), date_to=today - dt.timedelta(days=20)) == [
        "jp-recent-person"
    ]
    assert _ids(q="brua", party_kind="mottakar") == ["jp-bridge"]
    assert _ids(q="brua", party_kind="avsendar") == []
    assert _ids(q="brua", saksmappe=journal["jp-bridge"].saksmappe_id) == ["jp-bridge"]
    assert _ids(q="byggjeløyve", saksmappe=journal["jp-bridge"].saksmappe_id) == []
    assert _ids(q="byggjeløyve", saksmappe=journal["jp-old-person"].saksmappe_id, order="dato") == [
        "jp-recent-person",
        "jp-old-person",
    ]


def test_the_index_follows_a_changed_date_type_and_a_deleted_entry(journal: dict[str, Journalpost]) -> None:
    today = timezone.localdate()
    bridge = journal["jp-bridge"]
    Journalpost.objects.filter(pk=bridge.pk).update(journaldato=today - dt.timedelta(days=900), journalposttype="X")
    assert _ids(q="brua", date_from=today - dt.timedelta(days=100)) == []
    assert _ids(q="brua", date_to=today - dt.timedelta(days=800), types=["X"]) == ["jp-bridge"]
    assert _ids(q="brua", types=["U"]) == []
    bridge.refresh_from_db()
    bridge.delete()
    assert _ids(q="brua") == []
    assert search_index.status()["indexed"] == 3


def test_a_private_persons_name_finds_nothing_older_than_a_year_through_the_index(
    journal: dict[str, Journalpost],
) -> None:
    for order in ("relevans", "dato"):
        assert _ids(q=PERSON, order=order) == ["jp-recent-person"]
        assert _ids(q="Nordmann Kari", order=order) == ["jp-recent-person"]
        assert _ids(q=PERSON, order=order, date_to=timezone.localdate() - dt.timedelta(days=100)) == []
    assert set(_ids(q="Nordmann")) == {"jp-recent-person", "jp-old-person"}  # one word is not a name


def test_exempted_words_are_never_found(journal: dict[str, Journalpost]) -> None:
    for words in (HIDDEN_PERSON, SENSITIVE_TITLE, "omsorgsovertaking", SECRET_WORD, FNR, FNR[:6], "hemmelegsen"):
        assert _ids(q=words) == [], words
    assert _ids(q="barnevernlova") == ["jp-exempt"]  # its public title is searchable


def test_document_text_leaves_the_index_when_the_entry_is_exempted_and_comes_back(
    journal: dict[str, Journalpost],
) -> None:
    bridge = Journalpost.objects.filter(system_id="jp-bridge")
    assert _ids(q="rusta") == ["jp-bridge"]
    bridge.update(tilgangsrestriksjon="x", skjermingshjemmel="Offl. § 13")
    assert _ids(q="rusta") == []
    assert _ids(q="brua") == ["jp-bridge"]  # its public title still is
    bridge.update(tilgangsrestriksjon="", skjermingshjemmel="")
    assert _ids(q="rusta") == ["jp-bridge"]
    bridge.update(publish_documents=False)
    assert _ids(q="rusta") == []
    bridge.update(publish_documents=True)
    assert _ids(q="rusta") == ["jp-bridge"]


def test_document_changes_reach_the_index(journal: dict[str, Journalpost]) -> None:
    public, blocked = documents(journal["jp-bridge"])
    blocked.cleared_at = timezone.now()
    blocked.save()
    assert _ids(q=SECRET_WORD) == ["jp-bridge"]
    Dokumentbeskrivelse.objects.filter(pk=blocked.pk).update(cleared_at=None)
    assert _ids(q=SECRET_WORD) == []
    Dokumentbeskrivelse.objects.filter(pk=public.pk).update(text_blocked_reason=TextBlock.EXEMPTED)
    assert _ids(q="rusta") == []
    Dokumentbeskrivelse.objects.filter(pk=public.pk).update(text_blocked_reason=TextBlock.NONE, tilgangsrestriksjon="x")
    assert _ids(q="rusta") == []
    Dokumentbeskrivelse.objects.filter(pk=public.pk).update(tilgangsrestriksjon="")
    assert _ids(q="rusta") == ["jp-bridge"]
    Dokumentbeskrivelse.objects.create(
        journalpost=journal["jp-recent-person"], dokumentnummer=2, extracted_text="Svar om gangveg til skulen."
    )
    assert _ids(q="gangveg") == ["jp-recent-person"]
    Dokumentbeskrivelse.objects.filter(pk=public.pk).delete()
    assert _ids(q="rusta") == []


def test_unpublished_and_not_yet_accessible_entries_are_not_found(journal: dict[str, Journalpost]) -> None:
    today = timezone.localdate()
    Journalpost.objects.filter(system_id="jp-bridge").update(accessible_after=today + dt.timedelta(days=1))
    assert _ids(q="brua") == []
    assert search_entries(q="brua", today=today + dt.timedelta(days=1)).count() == 1
    Journalpost.objects.filter(system_id="jp-bridge").update(accessible_after=None, publish_metadata=False)
    assert _ids(q="brua") == []


def test_more_matches_than_max_results_shows_the_newest_and_says_so(journal: dict[str, Journalpost]) -> None:
    with override_settings(TORG_INNSYN_SEARCH={"MAX_RESULTS": 2}):
        results = search_entries(q="byggjeløyve", today=timezone.localdate())
        assert (results.count(), results.capped) == (2, False)
        everything = search_entries(order="dato", today=timezone.localdate())
        assert (everything.count(), everything.capped) == (2, True)
        assert [e.system_id for e in everything] == ["jp-recent-person", "jp-bridge"]
        assert [e.system_id for e in everything[1:5]] == ["jp-bridge"]
        assert everything[0].saksmappe.saksnummer  # the case comes with the row


def test_a_query_of_symbols_only_finds_nothing(journal: dict[str, Journalpost]) -> None:
    assert _ids(q="§ –") == []
    assert len(_ids(q="")) == 4


def test_search_without_the_triggers_still_answers_right_and_ensure_restores_them(
    journal: dict[str, Journalpost],
) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # DDL waits for no deferred checks in a test
    search_index.uninstall(connection)
    assert not search_index.is_ready()
    assert _ids(q="brua") == ["jp-bridge"]  # read from the tables
    assert _ids(q=SECRET_WORD) == []
    assert search_index.ensure() is True
    assert search_index.is_ready()
    assert search_index.ensure() is False
    assert _ids(q="rusta") == ["jp-bridge"]


def test_reindex_entries_repairs_an_entry_the_index_lost(journal: dict[str, Journalpost]) -> None:
    bridge = journal["jp-bridge"]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {search_index.FTS} WHERE rowid & {search_index.ID_MASK} = %s", [bridge.pk])
        else:
            cursor.execute("UPDATE innsyn_journalpost SET search_vector = ''::tsvector WHERE id = %s", [bridge.pk])
    assert _ids(q="brua") == []
    search_index.reindex_entries([bridge.pk])
    assert _ids(q="brua") == ["jp-bridge"]
    assert _ids(q="rusta") == ["jp-bridge"]


def test_the_command_rebuilds_and_reports_the_index(journal: dict[str, Journalpost]) -> None:
    out = io.StringIO()
    call_command("innsyn_search_index", "--rebuild", stdout=out)
    assert "Indexed 4 entries" in out.getvalue()
    out = io.StringIO()
    call_command("innsyn_search_index", stdout=out)
    assert "indexed: 4" in out.getvalue()
    call_command("innsyn_search_index", "--changed-since", "2000-01-01", stdout=out)
    assert "Indexed 4 entries again" in out.getvalue()
    assert _ids(q="rusta") == ["jp-bridge"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's index order and its query plan")
def test_sqlite_reads_the_newest_matches_in_index_order_without_sorting(journal: dict[str, Journalpost]) -> None:
    query = build_query(q="brua", types=["U"], date_from=dt.date(2020, 1, 1), order="dato")
    sql, params = sqlite_statement(query, 21)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " / ".join(str(row[-1]) for row in cursor.fetchall())
    assert "VIRTUAL TABLE INDEX" in plan
    assert "B-TREE" not in plan  # no sort, no temporary index
    assert "SEARCH innsyn_journalpost USING INTEGER PRIMARY KEY" in plan


def test_the_name_rule_reads_only_private_persons_names(journal: dict[str, Journalpost]) -> None:
    # queries.is_person_name_query runs for every search of two words or more.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'innsyn_part_person_namn'")
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'innsyn_part_person_namn'")
        assert "WHERE is_person" in cursor.fetchone()[0]
    if connection.vendor == "sqlite":  # PostgreSQL's planner chooses by statistics that four entries do not give
        parties = Korrespondansepart.objects.filter(is_person=True, namn_key__in=["statens vegvesen"]).values("pk")
        sql, params = parties.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            assert "innsyn_part_person_namn" in str(cursor.fetchall())


def test_terms_and_tokens() -> None:
    assert tokens("Gnr. 12/bnr.4 – Søknad_om") == ["gnr", "12", "bnr", "4", "søknad", "om"]
    term = Term.of("2025/42")
    assert term is not None and term.tokens == ("2025", "42") and not term.prefix
    rekkverk = Term.of("Rekkverk")
    assert rekkverk is not None and rekkverk.prefix
    assert rekkverk.found_in(["det", "rekkverket"]) and not rekkverk.found_in(["brua"])
    assert Term.of("§") is None


@pytest.mark.skipif(connection.vendor != "sqlite", reason="Django rebuilds a table to alter it only on SQLite")
# serialized_rollback: the flush after this test must not re-create content types (post_migrate), or
# the next live-server test, which restores the serialized database, finds them twice.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_migration_that_rebuilds_a_journal_table_still_runs_and_ensure_restores_the_index() -> None:
    build_journal(timezone.localdate())
    with connection.schema_editor() as editor:
        remake = editor._remake_table  # type: ignore[attr-defined]  # what AlterField does on SQLite
        remake(Journalpost)
        remake(Dokumentbeskrivelse)
    assert not search_index.is_ready()
    Journalpost.objects.filter(system_id="jp-old-person").update(search_text="gangbru over elva")
    assert _ids(q="gangbru") == ["jp-old-person"]  # answered from the tables meanwhile
    search_index.after_migrate(sender=None, using="default")  # what post_migrate runs
    assert search_index.is_ready()
    assert _ids(q="gangbru") == ["jp-old-person"]
    assert _ids(q="rusta") == ["jp-bridge"]


def _fillers(count: int, start: dt.date) -> None:
    from torg.innsyn.actions import import_journal

    from .journal_data import _item

    items = [
        _item(
            f"jp-fill-{n}",
            100 + n,
            start + dt.timedelta(days=n % 5),
            offentligTittel=f"Brøyting av vegen {n}",
            offentligTittelSensitiv=f"Brøyting av vegen {n}",
        )
        for n in range(count)
    ]
    import_journal(source=io.BytesIO(json.dumps(items).encode()), actor=None)


def test_a_rare_word_in_an_entry_older_than_the_newest_ones_is_found(journal: dict[str, Journalpost]) -> None:
    _fillers(80, timezone.localdate() - dt.timedelta(days=10))  # newer than every entry of the journal
    with override_settings(TORG_INNSYN_SEARCH={"MAX_RESULTS": 1}):
        # The newest entries hold no "brua": found all the same (on PostgreSQL, by the GIN index).
        assert _ids(q="brua") == ["jp-bridge"]
        assert _ids(q="brua", order="dato") == ["jp-bridge"]
        assert _ids(q="brua", party_kind="mottakar") == ["jp-bridge"]
        # A common word: the newest match, and "more than".
        results = search_entries(q="brøyting", order="dato", today=timezone.localdate())
        assert results.capped and results.count() == 1
        newest = Journalpost.objects.filter(system_id__startswith="jp-fill-").order_by("-journaldato", "-pk").first()
        assert newest is not None and results.ids == [newest.pk]
    assert len(_ids(q="brøyting vegen")) == 80
    assert _ids(q="brøyting brua") == []
