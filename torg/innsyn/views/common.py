"""Pieces shared by the journal pages: breadcrumbs, the session basket, what may be shown."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Dokumentbeskrivelse, Journalpost
from ..requests import entry_ids
from ..search import public_documents

BASKET = "torg.innsyn.basket"
RECEIPT = "torg.innsyn.receipt"


def crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [("/", _("Front page")), (reverse("innsyn:search"), _("Public journal")), *extra]


def basket_ids(request: HttpRequest) -> list[int]:
    return entry_ids(request.session.get(BASKET))


def set_basket(request: HttpRequest, ids: list[int]) -> None:
    request.session[BASKET] = ids


def public_document(pk: int) -> Dokumentbeskrivelse | None:
    """A document whose text and file the public may have: entry published, not exempted, text not blocked."""
    from ..queries import published_entries

    return public_documents().filter(pk=pk, journalpost__in=published_entries()).select_related("journalpost").first()


def document_rows(entry: Journalpost) -> list[dict[str, Any]]:
    """The entry's documents as the public sees them: public title, and links only when public."""
    public = set(public_documents().filter(journalpost=entry).values_list("pk", flat=True))
    rows = []
    for doc in entry.dokument.all():
        rows.append(
            {
                "pk": doc.pk,
                "title": doc.offentlig_tittel,
                "role": doc.get_tilknytning_display(),
                "public": doc.pk in public,
                "has_file": doc.pk in public and bool(doc.file),
            }
        )
    return rows
