"""The public journal as RSS, Atom and JSON: the same screening as the pages, checked over the output."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote_plus

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from torg.innsyn.models import Journalpost

from .journal_data import FNR, HIDDEN_PERSON, PERSON, SECRET_WORD, SENSITIVE_TITLE, build_journal, documents

pytestmark = pytest.mark.django_db

FORBIDDEN = (FNR, FNR[:6] + " " + FNR[6:], HIDDEN_PERSON, "Hemmelegsen", SENSITIVE_TITLE, SECRET_WORD)
QUERIES = ("", "q=brua", "q=barnevernssak", "q=byggjeløyve", "type=U", "part=mottakar", "q=" + quote_plus(PERSON))


@pytest.fixture
def journal() -> dict[str, Journalpost]:
    return build_journal(timezone.localdate())


def nn(message: str) -> str:
    with translation.override("nn"):
        return gettext(message)


def _clean(text: str, where: str) -> None:
    for forbidden in FORBIDDEN:
        assert forbidden not in text, (where, forbidden)


def test_the_feeds_list_the_newest_public_entries_and_nothing_screened(
    client: Client, journal: dict[str, Journalpost]
) -> None:
    for path in ("/innsyn/feed.rss", "/innsyn/feed.atom"):
        for query in QUERIES:
            response = client.get(f"{path}?{query}")
            assert response.status_code == 200, (path, query)
            _clean(response.content.decode(), f"{path}?{query}")
    rss = client.get("/innsyn/feed.rss").content.decode()
    assert rss.startswith("<?xml") and "<rss" in rss
    assert "Vedlikehald av brua over elva" in rss and "Sak etter barnevernlova" in rss
    assert "Søknad om byggjeløyve – [namn]" in rss  # the person's name is replaced
    assert f"/innsyn/journalpost/{journal['jp-bridge'].pk}/" in rss
    only_bridge = client.get("/innsyn/feed.atom?q=brua").content.decode()
    assert "<feed" in only_bridge and "brua over elva" in only_bridge and "barnevernlova" not in only_bridge


def test_a_bad_feed_parameter_gets_a_plain_message(client: Client, journal: dict[str, Journalpost]) -> None:
    response = client.get("/innsyn/feed.rss?fra=2025-13-40")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/plain")
    assert response.content.decode().strip()


def test_the_search_page_links_to_the_feed_of_its_search(client: Client, journal: dict[str, Journalpost]) -> None:
    html = client.get("/innsyn/?q=brua&sorter=dato&side=1").content.decode()
    assert 'type="application/rss+xml"' in html and "/innsyn/feed.rss?q=brua" in html
    assert "side=1" not in html.partition("/innsyn/feed.rss")[2].partition('"')[0]


def test_the_api_searches_like_the_page_and_shows_only_public_fields(
    client: Client, journal: dict[str, Journalpost]
) -> None:
    for query in QUERIES:
        response = client.get(f"/api/innsyn/journalpostar/?{query}")
        assert response.status_code == 200, query
        _clean(response.content.decode(), query)
    data = client.get("/api/innsyn/journalpostar/?q=brua").json()
    assert (data["treff"], data["fleire"], data["side"], data["sider"]) == (1, False, 1, 1)
    (entry,) = data["journalpostar"]
    assert entry["offentlig_tittel"] == "Vedlikehald av brua over elva" and entry["journalposttype"] == "U"
    assert entry["saksmappe"]["saksnummer"] == "2025/42" and entry["url"].endswith(f"/{journal['jp-bridge'].pk}/")
    every = client.get("/api/innsyn/journalpostar/?sorter=dato").json()
    dates = [e["journaldato"] for e in every["journalpostar"]]
    assert dates == sorted(dates, reverse=True) and every["treff"] == len(dates) >= 3


def test_one_entry_in_the_api_gives_public_names_and_links_only_to_public_documents(
    client: Client, journal: dict[str, Journalpost]
) -> None:
    bridge = journal["jp-bridge"]
    data = client.get(f"/api/innsyn/journalpostar/{bridge.pk}/").json()
    assert [p["namn"] for p in data["korrespondansepartar"]] == ["Statens vegvesen"]
    public_doc, blocked_doc = documents(bridge)
    by_title = {d["tittel"]: d for d in data["dokument"]}
    assert by_title[public_doc.offentlig_tittel]["tekst_url"].endswith(f"/innsyn/dokument/{public_doc.pk}/tekst/")
    assert by_title[blocked_doc.offentlig_tittel]["tekst_url"] is None
    exempt = client.get(f"/api/innsyn/journalpostar/{journal['jp-exempt'].pk}/")
    _clean(exempt.content.decode(), "exempt entry")
    for bad in ("0", "abc", "99999999999999999999999", "-1", str(bridge.pk + 1000)):
        missing = client.get(f"/api/innsyn/journalpostar/{bad}/")
        assert missing.status_code == 404, bad
        assert missing.json()["detail"] == nn("There is no published journal entry with this id.")


@pytest.mark.parametrize(
    "query", ["fra=2025-13-40", "fra=2025-06-01&til=2025-01-01", "type=ZZ", "omrade=abc", "part=%3Cscript%3E"]
)
def test_a_bad_api_parameter_gets_a_nynorsk_message(
    client: Client, journal: dict[str, Journalpost], query: str
) -> None:
    response = client.get(f"/api/innsyn/journalpostar/?{query}")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_the_api_is_in_the_openapi_document(client: Client) -> None:
    paths = client.get("/api/schema/").json()["paths"]
    assert "/api/innsyn/journalpostar/" in paths and "/api/innsyn/journalpostar/{entry_id}/" in paths


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "fra", "til", "type", "omrade", "part", "sorter", "side"]),
        st.text(max_size=40).filter(lambda s: "\x00" not in s),
        max_size=5,
    )
)
def test_any_api_query_gives_results_or_a_message(journal: dict[str, Journalpost], params: dict[str, Any]) -> None:
    for path in ("/api/innsyn/journalpostar/", "/innsyn/feed.rss"):
        response = Client().get(path, params)
        assert response.status_code in (200, 400), (path, params, response.status_code)
        _clean(response.content.decode(), str(params))
