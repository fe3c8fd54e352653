"""Who may see a resident's inquiry: whoever has the private key, kept in their session.

The key arrives once (in the e-mail link as ``?k=``, or from the form just
sent) and is stored in the session under a key per reference; pages are then
shown without the key in the address, so it does not leak through the
Referer header, the browser history or shared screens.
"""

from __future__ import annotations

import re
from typing import TypeVar

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from ..models import Inquiry

SESSION_PREFIX = "torg.inquiries.access."
_REFERENCE = re.compile(r"ST-[0-9A-Z]{1,10}")

ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)


def find(reference: str) -> Inquiry | None:
    """The inquiry with exactly this reference, or None (without telling why)."""
    if not _REFERENCE.fullmatch(reference or ""):
        return None
    return Inquiry.objects.select_related("area").filter(reference=reference).first()


def grant(request: HttpRequest, inquiry: Inquiry) -> None:
    request.session[SESSION_PREFIX + inquiry.reference] = inquiry.access_key()


def has_access(request: HttpRequest, inquiry: Inquiry) -> bool:
    key = request.session.get(SESSION_PREFIX + inquiry.reference, "")
    return inquiry.key_matches(str(key or ""))


def forget(request: HttpRequest, reference: str) -> None:
    request.session.pop(SESSION_PREFIX + reference, None)


def private(response: ResponseT) -> ResponseT:
    """Headers for a page only one resident may see: not cached, not indexed, no Referer."""
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    """Breadcrumbs from the front page through Servicetorget."""
    return [("/", _("Front page")), (reverse("inquiries:form"), _("Servicetorget")), *extra]


def not_found(request: HttpRequest) -> HttpResponse:
    """The same answer whether the reference exists or not: nobody learns which inquiries exist."""
    response = render(request, "inquiries/not_found.html", {"crumbs": crumbs()}, status=404)
    return private(response)
