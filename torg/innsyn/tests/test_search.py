"""search_entries: words in titles and public document text, filters, both orders, the name cutoff."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from torg.core.models import ServiceArea
from torg.innsyn.models import Journalpost
from torg.innsyn.search import query_words, search_entries

from .journal_data import FNR, HIDDEN_PERSON, PERSON, SECRET_WORD, build_journal, documents

pytestmark = pytest.mark.django_db


def _ids(**kwargs: object) -> list[str]:
    return [e.system_id for e in search_entries(today=timezone.localdate(), **kwargs)]  # type: ignore[arg-type]


def test_words_match_titles_and_public_document_text_only() -> None:
    build_journal(timezone.localdate())
    assert _ids(q="brua") == ["jp-bridge"]
    assert _ids(q="Rekkverket RUSTA") == ["jp-bridge"]  # from the public document's text, any case
    assert _ids(q="rekkverket byggjeløyve") == []  # every word must match
    assert _ids(q=SECRET_WORD) == []  # only in a blocked and an exempted document
    assert _ids(q=FNR) == []
    assert _ids(q="2025/42") == ["jp-bridge"]  # case number


def test_cleared_document_text_becomes_searchable() -> None:
    entries = build_journal(timezone.localdate())
    _public, blocked = documents(entries["jp-bridge"])
    blocked.cleared_at = timezone.now()
    blocked.save()
    assert _ids(q=SECRET_WORD) == ["jp-bridge"]


def test_search_on_a_private_persons_name_finds_only_the_last_year() -> None:
    build_journal(timezone.localdate())
    assert _ids(q=PERSON, order="dato") == ["jp-recent-person"]
    assert _ids(q=f"søknad {PERSON.split()[1]}, {PERSON.split()[0]}", order="dato") == ["jp-recent-person"]
    assert set(_ids(q="byggjeløyve")) == {"jp-recent-person", "jp-old-person"}
    assert _ids(q=HIDDEN_PERSON) == []  # the exempted entry's person is not in any public text


def test_filters() -> None:
    today = timezone.localdate()
    entries = build_journal(today)
    area = ServiceArea.objects.create(name="Samferdsel", slug="samferdsel")
    Journalpost.objects.filter(pk=entries["jp-bridge"].pk).update(service_area=area)
    assert _ids(types=["U"]) == ["jp-bridge"]
    assert set(_ids(types=["I"])) == {"jp-old-person", "jp-exempt", "jp-recent-person"}
    assert _ids(area=area.pk) == ["jp-bridge"]
    assert _ids(date_to=today - dt.timedelta(days=100)) == ["jp-old-person"]
    assert "jp-old-person" not in _ids(date_from=today - dt.timedelta(days=100))
    assert _ids(party_kind="mottakar") == ["jp-bridge"]
    assert "jp-bridge" not in _ids(party_kind="avsendar")
    assert _ids(saksmappe=entries["jp-bridge"].saksmappe_id) == ["jp-bridge"]
    assert len(_ids(party_kind="nonsense")) == 4  # an unknown kind is no filter


def test_orders() -> None:
    build_journal(timezone.localdate())
    by_date = search_entries(order="dato", today=timezone.localdate())
    dates = [e.journaldato for e in by_date]
    assert dates == sorted(dates, reverse=True)
    # Relevance: a word in the title outranks a word only in a document's text.
    Journalpost.objects.filter(system_id="jp-old-person").update(search_text="rekkverk i tittelen")
    assert _ids(q="rekkverk")[0] == "jp-old-person"
    assert _ids(q="rekkverk", order="dato")[0] == "jp-bridge"


def test_unpublished_entries_are_never_found() -> None:
    entries = build_journal(timezone.localdate())
    Journalpost.objects.filter(pk=entries["jp-bridge"].pk).update(publish_metadata=False)
    assert _ids(q="brua") == []


def test_query_words() -> None:
    assert query_words("  Brua, over; ELVA elva ") == ["brua", "over", "elva"]
    assert len(query_words("a " * 50)) == 1
    assert query_words("- . '") == []
