"""The journal's public pages: search, a case, an entry, its documents, the publication criteria."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import screening
from ..extract import text_to_html
from ..feeds import FILTERS as FEED_FILTERS
from ..forms import SearchForm
from ..models import Journalpost, Saksmappe
from ..queries import published_entries
from ..search import search_for
from . import common

PER_PAGE = 20
MAX_PK = 2**63 - 1  # a larger number in the address is no row (and would overflow the database)


def _check_pk(pk: int) -> None:
    if pk > MAX_PK:
        raise Http404


def _rows(entries: list[Journalpost], in_basket: set[int]) -> list[dict[str, Any]]:
    return [
        {
            "pk": e.pk,
            "title": e.offentlig_tittel,
            "date": e.journaldato,
            "type": e.get_journalposttype_display(),
            "number": f"{e.journalaar}/{e.journalsekvensnummer}",
            "case_number": e.saksmappe.saksnummer,
            "case_pk": e.saksmappe_id,
            "case_title": e.saksmappe.offentlig_tittel,
            "parties": e.parts_public,
            "exempted": e.is_exempted,
            "basis": e.skjermingshjemmel,
            "in_basket": e.pk in in_basket,
        }
        for e in entries
    ]


@require_http_methods(["GET", "HEAD"])
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    page_obj = None
    rows: list[dict[str, Any]] = []
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        entries = search_for(data)
        page_obj = Paginator(entries, PER_PAGE).get_page(request.GET.get("side"))
        rows = _rows(list(page_obj.object_list), set(common.basket_ids(request)))
    context = {
        "form": form,
        "page_obj": page_obj,
        "rows": rows,
        "filtered": form.is_bound and form.has_filters(),
        "filters_in_use": form.filters_in_use(),
        "filter_errors": any(name in form.errors for name in ("fra", "til", "type", "omrade", "part", "sorter")),
        "basket_count": len(common.basket_ids(request)),
        "crumbs": [("/", _("Front page"))],
        "next": request.get_full_path(),
        "feed_query": urlencode([(k, v) for k in FEED_FILTERS for v in request.GET.getlist(k) if v][:40]),
    }
    return render(request, "innsyn/search.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def case(request: HttpRequest, pk: int) -> HttpResponse:
    _check_pk(pk)
    mappe = Saksmappe.objects.filter(pk=pk).first()
    entries = list(
        published_entries().filter(saksmappe_id=pk).select_related("saksmappe").order_by("journalpostnummer", "pk")
    )
    if mappe is None or not entries:
        raise Http404
    context = {
        "case": mappe,
        "rows": _rows(entries, set(common.basket_ids(request))),
        "crumbs": common.crumbs(),
        "next": request.get_full_path(),
    }
    return render(request, "innsyn/case.html", context)


@require_http_methods(["GET", "HEAD"])
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    _check_pk(pk)
    found = published_entries().filter(pk=pk).select_related("saksmappe").first()
    if found is None:
        raise Http404
    parties = [
        {"name": p.offentleg_namn, "role": p.get_parttype_display()}
        for p in found.parter.order_by("pk")
        if p.offentleg_namn
    ]
    context = {
        "entry": found,
        "row": _rows([found], set(common.basket_ids(request)))[0],
        "parties": parties,
        "documents": common.document_rows(found),
        "crumbs": common.crumbs((reverse("innsyn:case", args=[found.saksmappe_id]), found.saksmappe.saksnummer)),
        "next": request.get_full_path(),
    }
    return render(request, "innsyn/entry.html", context)


@require_http_methods(["GET", "HEAD"])
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    _check_pk(pk)
    doc = common.public_document(pk)
    if doc is None or not doc.file:
        raise Http404
    try:
        handle = doc.file.open("rb")
    except OSError as error:
        raise Http404 from error
    name = (doc.file.name or "").rsplit("/", 1)[-1]
    content_type = doc.content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=False, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_http_methods(["GET", "HEAD"])
def document_html(request: HttpRequest, pk: int) -> HttpResponse:
    _check_pk(pk)
    doc = common.public_document(pk)
    if doc is None:
        raise Http404
    entry = doc.journalpost
    context = {
        "doc": doc,
        "entry": entry,
        "html": text_to_html(doc.extracted_text),
        "has_file": bool(doc.file),
        "number": f"{entry.journalaar}/{entry.journalsekvensnummer}",
        "crumbs": common.crumbs((reverse("innsyn:entry", args=[entry.pk]), entry.offentlig_tittel or str(entry.pk))),
    }
    return render(request, "innsyn/document.html", context)


@require_http_methods(["GET", "HEAD"])
def criteria(request: HttpRequest) -> HttpResponse:
    context = {
        "title": screening.PUBLICATION_CRITERIA_TITLE,
        "criteria": screening.PUBLICATION_CRITERIA,
        "crumbs": common.crumbs(),
    }
    return render(request, "innsyn/criteria.html", context)
