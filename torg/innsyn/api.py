"""The public journal as JSON: /api/innsyn/journalpostar/ (search, as /innsyn/) and /api/innsyn/journalpostar/<id>/.

Only what the public pages show: screened entries (``published_entries``), their public
titles, the public names of senders and recipients, the legal basis of an exemption, and
links to documents whose text and file are public. The search takes the same parameters as
the search page (q, fra, til, type, omrade, part, sorter, side) and gives the same clear
Nynorsk message for a bad one. Registered on Torg's API in ``torg/urls.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from .forms import SearchForm
from .models import Journalpost
from .queries import published_entries
from .search import search_for
from .views.common import document_rows

PER_PAGE = 50
MAX_PK = 2**63 - 1

router = Router(tags=["innsyn"])


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


class CaseOut(Schema):
    id: int
    saksnummer: str = Field(description="Case year/sequence number, for example 2026/531.")
    offentlig_tittel: str
    url: str


class PartyOut(Schema):
    type: str = Field(description="Noark korrespondanseparttype, as a code.")
    namn: str = Field(description="The public name: a private person's name is never given.")


class DocumentOut(Schema):
    tittel: str
    tilknytning: str
    tekst_url: str | None = Field(description="The text as an accessible web page, when it is public.")
    fil_url: str | None = Field(description="The file as the archive sent it, when it is public.")


class EntryOut(Schema):
    id: int
    journalpostnummer: str = Field(description="Journal year/sequence number, for example 2026/3581.")
    journalaar: int
    journalsekvensnummer: int
    nummer_i_saka: int | None = Field(description="Noark journalpostnummer: the entry's number in its case.")
    journalposttype: str = Field(description="Noark code: I, U, N, X or S (and eInnsyn's meeting types).")
    journalposttype_namn: str
    journaldato: dt.date
    dokumentets_dato: dt.date | None
    offentlig_tittel: str
    saksmappe: CaseOut
    avsendar_og_mottakar: str = Field(description="Public names of senders and recipients, as one line.")
    skjerma: bool
    skjermingshjemmel: str
    url: str


class EntryDetailOut(EntryOut):
    korrespondansepartar: list[PartyOut]
    dokument: list[DocumentOut]


class PageOut(Schema):
    treff: int = Field(description="How many entries match (at most the cap: see 'fleire').")
    fleire: bool = Field(description="True when more entries match than are listed: add words or filters.")
    side: int
    sider: int
    journalpostar: list[EntryOut]


class ErrorOut(Schema):
    detail: str


def _entry(request: HttpRequest, entry: Journalpost) -> dict[str, Any]:
    case = entry.saksmappe
    return {
        "id": entry.pk,
        "journalpostnummer": f"{entry.journalaar}/{entry.journalsekvensnummer}",
        "journalaar": entry.journalaar,
        "journalsekvensnummer": entry.journalsekvensnummer,
        "nummer_i_saka": entry.journalpostnummer,
        "journalposttype": entry.journalposttype,
        "journalposttype_namn": str(entry.get_journalposttype_display()),
        "journaldato": entry.journaldato,
        "dokumentets_dato": entry.dokumentets_dato,
        "offentlig_tittel": entry.offentlig_tittel,
        "saksmappe": {
            "id": case.pk,
            "saksnummer": case.saksnummer,
            "offentlig_tittel": case.offentlig_tittel,
            "url": _absolute(request, reverse("innsyn:case", args=[case.pk])),
        },
        "avsendar_og_mottakar": entry.parts_public,
        "skjerma": entry.is_exempted,
        "skjermingshjemmel": entry.skjermingshjemmel,
        "url": _absolute(request, reverse("innsyn:entry", args=[entry.pk])),
    }


@router.get(
    "/journalpostar/",
    response={200: PageOut, 400: ErrorOut},
    summary="Search the public journal",
    url_name="innsyn_entries",
)
def entries(
    request: HttpRequest,
    q: str = Query("", description="Words in titles and in the text of published documents."),
    fra: str = Query("", description="From journal date, YYYY-MM-DD."),
    til: str = Query("", description="To journal date, YYYY-MM-DD."),
    type: list[str] = Query([], description="Entry type codes (I, U, N, X, S); repeat for several."),  # noqa: B008
    omrade: str = Query("", description="Service area id."),
    part: str = Query("", description="Sender or recipient kind: avsendar, mottakar or intern."),
    sorter: str = Query("", description="relevans (default) or dato."),
    side: str = Query("1", description="Page number, 50 entries a page."),
) -> Any:
    """Published journal entries matching the words and filters, best (or newest) first."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        raise HttpError(400, form.first_error())
    data = form.cleaned_data
    found = search_for(data)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("side"))
    return {
        "treff": page.paginator.count,
        "fleire": found.capped,
        "side": page.number,
        "sider": page.paginator.num_pages,
        "journalpostar": [_entry(request, entry) for entry in page.object_list],
    }


@router.get(
    "/journalpostar/{entry_id}/",
    response={200: EntryDetailOut, 404: ErrorOut},
    summary="One journal entry with its senders, recipients and documents",
    url_name="innsyn_entry",
)
def entry(request: HttpRequest, entry_id: str) -> Any:
    # A string, checked here: a bad id gets the same plain 404 as a missing one.
    found = None
    if entry_id.isascii() and entry_id.isdigit() and 0 < int(entry_id) <= MAX_PK:
        found = published_entries().filter(pk=int(entry_id)).select_related("saksmappe").first()
    if found is None:
        raise HttpError(404, _("There is no published journal entry with this id."))
    result = _entry(request, found)
    result["korrespondansepartar"] = [
        {"type": p.parttype, "namn": p.offentleg_namn} for p in found.parter.order_by("pk") if p.offentleg_namn
    ]
    result["dokument"] = [
        {
            "tittel": row["title"],
            "tilknytning": str(row["role"]),
            "tekst_url": _absolute(request, reverse("innsyn:document_html", args=[row["pk"]]))
            if row["public"]
            else None,
            "fil_url": _absolute(request, reverse("innsyn:document", args=[row["pk"]])) if row["has_file"] else None,
        }
        for row in document_rows(found)
    ]
    return result
