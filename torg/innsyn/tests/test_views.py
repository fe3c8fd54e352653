"""The public journal's pages, checked over the rendered HTML: screening holds on every page."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote_plus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from torg.innsyn.models import Journalpost, Saksmappe
from torg.innsyn.screening import PUBLICATION_CRITERIA

from .journal_data import FNR, HIDDEN_PERSON, PERSON, SECRET_WORD, SENSITIVE_TITLE, build_journal, documents

pytestmark = pytest.mark.django_db

FORBIDDEN = (FNR, FNR[:6] + " " + FNR[6:], HIDDEN_PERSON, "Hemmelegsen", SENSITIVE_TITLE, SECRET_WORD)


def _pages(entries: dict[str, Journalpost]) -> list[str]:
    urls = [
        reverse("innsyn:search"),
        reverse("innsyn:search") + "?q=brua",
        reverse("innsyn:search") + "?q=barnevernssak",
        reverse("innsyn:search") + "?q=" + SECRET_WORD,
        reverse("innsyn:search") + "?q=" + FNR,
        reverse("innsyn:search") + "?q=" + HIDDEN_PERSON.replace(" ", "+"),
        reverse("innsyn:search") + "?sorter=dato",
        reverse("innsyn:criteria"),
        reverse("innsyn:basket"),
    ]
    for case in Saksmappe.objects.all():
        urls.append(reverse("innsyn:case", args=[case.pk]))
    for entry in entries.values():
        urls.append(reverse("innsyn:entry", args=[entry.pk]))
        for doc in documents(entry):
            urls.append(reverse("innsyn:document_html", args=[doc.pk]))
    return urls


def test_no_identity_number_exempted_text_or_hidden_name_reaches_a_page(client: Client) -> None:
    entries = build_journal(timezone.localdate())
    # Put everything in the basket too, so the basket page is checked with rows.
    for entry in entries.values():
        client.post(reverse("innsyn:basket_add"), {"journalpost": entry.pk, "neste": "/innsyn/"})
    seen = 0
    for url in _pages(entries):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        html = response.content.decode()
        asked = unquote_plus(url.partition("?q=")[2])
        for forbidden in FORBIDDEN:
            if forbidden in asked or (asked in forbidden and asked):
                # The search form shows what was asked; the results must be empty.
                assert "/innsyn/journalpost/" not in html, (url, forbidden)
                continue
            assert forbidden not in html, (url, forbidden)
        seen += response.status_code == 200
    assert seen >= 12
    # The original (sensitive) title of a private person's letter is not shown; the public one is.
    person_entry = client.get(reverse("innsyn:entry", args=[entries["jp-recent-person"].pk])).content.decode()
    assert "Søknad om byggjeløyve – [namn]" in person_entry
    assert f"gnr. 12 bnr. 4 – {PERSON}" not in person_entry


def test_blocked_and_exempted_documents_are_not_served(client: Client) -> None:
    entries = build_journal(timezone.localdate())
    public_doc, blocked_doc = documents(entries["jp-bridge"])
    (exempt_doc,) = documents(entries["jp-exempt"])
    page = client.get(reverse("innsyn:document_html", args=[public_doc.pk]))
    assert page.status_code == 200
    assert "<p>Brua over elva må målast.</p>" in page.content.decode()
    for doc in (blocked_doc, exempt_doc):
        assert client.get(reverse("innsyn:document_html", args=[doc.pk])).status_code == 404
        assert client.get(reverse("innsyn:document", args=[doc.pk])).status_code == 404
    # No file stored: no download, even for the public document.
    assert client.get(reverse("innsyn:document", args=[public_doc.pk])).status_code == 404


def test_document_file_is_served_when_public(client: Client, settings: pytest.FixtureRequest, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.base import ContentFile

    settings.TORG_PRIVATE_MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    entries = build_journal(timezone.localdate())
    public_doc, blocked_doc = documents(entries["jp-bridge"])
    for doc in (public_doc, blocked_doc):
        doc.file.save(f"doc-{doc.pk}.txt", ContentFile(doc.extracted_text.encode()), save=False)
        doc.content_type = "text/plain"
        doc.save()
    response = client.get(reverse("innsyn:document", args=[public_doc.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"Brua")  # type: ignore[attr-defined]
    assert client.get(reverse("innsyn:document", args=[blocked_doc.pk])).status_code == 404


def test_entries_not_yet_published_or_withdrawn_are_not_found(client: Client) -> None:
    entries = build_journal(timezone.localdate())
    entry = entries["jp-bridge"]
    entry.accessible_after = timezone.localdate() + dt.timedelta(days=3)
    entry.save()
    assert client.get(reverse("innsyn:entry", args=[entry.pk])).status_code == 404
    assert client.get(reverse("innsyn:case", args=[entry.saksmappe_id])).status_code == 404
    assert "Vedlikehald av brua" not in client.get(reverse("innsyn:search") + "?q=brua").content.decode()
    Journalpost.objects.filter(pk=entries["jp-exempt"].pk).update(publish_metadata=False)
    assert client.get(reverse("innsyn:entry", args=[entries["jp-exempt"].pk])).status_code == 404


def test_search_page_lists_results_with_public_fields_and_filters(client: Client) -> None:
    entries = build_journal(timezone.localdate())
    html = client.get(reverse("innsyn:search") + "?q=elva&type=U&sorter=dato").content.decode()
    assert "Vedlikehald av brua over elva" in html
    assert "2025/42" in html and "Statens vegvesen" in html
    assert reverse("innsyn:entry", args=[entries["jp-bridge"].pk]) in html
    html = client.get(reverse("innsyn:search") + "?q=elva&type=I").content.decode()
    assert "Vedlikehald av brua over elva" not in html


def test_name_search_finds_only_the_last_year(client: Client) -> None:
    entries = build_journal(timezone.localdate())
    html = client.get(reverse("innsyn:search"), {"q": PERSON}).content.decode()
    assert reverse("innsyn:entry", args=[entries["jp-recent-person"].pk]) in html
    assert reverse("innsyn:entry", args=[entries["jp-old-person"].pk]) not in html
    # The same entry is found by other words.
    html = client.get(reverse("innsyn:search"), {"q": "byggjeløyve"}).content.decode()
    assert reverse("innsyn:entry", args=[entries["jp-old-person"].pk]) in html


@pytest.mark.parametrize(
    "query",
    [
        {"fra": "2025-13-40"},
        {"fra": "2025-06-01", "til": "2025-01-01"},
        {"type": "ZZ"},
        {"omrade": "abc"},
        {"omrade": "999999999999999999999"},
        {"part": "<script>"},
        {"sorter": "drop"},
        {"q": "a\x00b"},
        {"q": "x" * 500},
        {"side": "-1"},
        {"side": "999"},
        {"fra": "0001-01-01"},
    ],
)
def test_bad_search_input_gives_a_message_not_an_error(client: Client, query: dict[str, str]) -> None:
    build_journal(timezone.localdate())
    response = client.get(reverse("innsyn:search"), query)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "ds-error-summary" in response.content.decode()


def test_criteria_page_states_the_publication_criteria(client: Client) -> None:
    html = client.get(reverse("innsyn:criteria")).content.decode()
    for criterion in PUBLICATION_CRITERIA:
        assert str(criterion).split(" ")[0] in html
    assert "[namn]" in html


def test_case_page_lists_its_published_entries(client: Client) -> None:
    entries = build_journal(timezone.localdate())
    old, recent = entries["jp-old-person"], entries["jp-recent-person"]
    html = client.get(reverse("innsyn:case", args=[old.saksmappe_id])).content.decode()
    assert "Byggjesak gnr. 12 bnr. 4" in html
    for entry in (old, recent):
        assert reverse("innsyn:entry", args=[entry.pk]) in html
    assert client.get(reverse("innsyn:case", args=[999999])).status_code == 404


@pytest.mark.parametrize("name", ["innsyn:case", "innsyn:entry", "innsyn:document", "innsyn:document_html"])
def test_huge_numbers_in_the_address_are_not_found(client: Client, name: str) -> None:
    assert client.get(reverse(name, args=[10**30])).status_code == 404
