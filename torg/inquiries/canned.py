"""Ready-made answers (ferdigsvar) a handler starts from on the case page.

Two sources: the ``CannedAnswer`` rows staff write (the inquiry's service
area's own and the shared ones), and texts made on the fly from the live
service pages (tenestesider) of the inquiry's service, or of its area: the
page's title and intro, how to apply and whom to contact, and a link to the
page. The page texts are the municipality's published, reviewed information,
so an answer made from them is right as long as the page is.

Texts go to residents, so they are written in the municipality's language
form whatever language the handler's back office speaks.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from torg.core.queries import language_form

from .models import CannedAnswer, Inquiry

# A select with more service pages than this is no help; the area's first ones by title are shown.
MAX_SERVICE_SUGGESTIONS = 40
# How much of "how to apply" goes into an answer; the link has the rest.
MAX_HOW_TO_APPLY_CHARACTERS = 600


@dataclass(frozen=True)
class CannedSuggestion:
    """One text the handler can start the answer from.

    ``key`` is stable and safe in a URL: ``c<pk>`` for a canned answer,
    ``s<page pk>`` for a service page.
    """

    key: str
    title: str
    body: str
    source: str  # "canned" or "service"


def plain_text(rich_text: str) -> str:
    """Rich text as plain text: one paragraph or list item per line, no markup."""
    text = re.sub(r"(?i)<br\s*/?>|</(p|li|h[1-6]|div)>", "\n", rich_text or "")
    text = html.unescape(strip_tags(text))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + " …"


def _page_url(page: Any) -> str:
    try:
        return str(page.get_full_url() or "")
    except Exception:  # noqa: BLE001 - a page outside every site has no address; the text still helps
        return ""


def service_page_text(page: Any) -> str:
    """An answer made from a live service page: what it is, how to apply, whom to contact, the link."""
    title = str(page.title)
    intro = str(page.intro or "").strip()
    parts = [f"{title}: {intro}" if intro else title]
    how_to_apply = _shorten(plain_text(page.how_to_apply), MAX_HOW_TO_APPLY_CHARACTERS)
    if how_to_apply:
        parts.append(_("How to apply:") + "\n" + how_to_apply)
    if page.application_url:
        parts.append(_("Application form: %(url)s") % {"url": page.application_url})
    contact = [
        page.contact_name,
        _("phone %(phone)s") % {"phone": page.contact_phone} if page.contact_phone else "",
        _("e-mail %(email)s") % {"email": page.contact_email} if page.contact_email else "",
    ]
    if any(contact):
        parts.append(_("Contact: %(contact)s") % {"contact": ", ".join(c for c in contact if c)})
    url = _page_url(page)
    if url:
        parts.append(_("Read more about %(title)s: %(url)s") % {"title": title, "url": url})
    return "\n\n".join(parts)


def service_pages_for(inquiry: Inquiry) -> list[Any]:
    """The inquiry's service page if it is live; otherwise the live service pages of its area, by title."""
    from torg.web.models import ServiceAreaPage, ServicePage

    if inquiry.service_id is not None:
        page = ServicePage.objects.live().public().filter(pk=inquiry.service_id).first()
        if page is not None:
            return [page]
    if inquiry.area_id is None:
        return []
    area_page = ServiceAreaPage.objects.filter(service_area_id=inquiry.area_id).first()
    if area_page is None:
        return []
    return list(ServicePage.objects.child_of(area_page).live().public().order_by("title")[:MAX_SERVICE_SUGGESTIONS])


def _canned_text(answer: CannedAnswer) -> str:
    body = answer.body.strip()
    service = answer.service
    if service is not None and service.live:
        url = _page_url(service)
        if url and url not in body:
            body = f"{body}\n\n" + _("Read more: %(url)s") % {"url": url}
    return body


def suggestions_for(inquiry: Inquiry) -> list[CannedSuggestion]:
    """Canned answers of the inquiry's area and shared ones, then texts made from service pages."""
    areas = Q(area__isnull=True)
    if inquiry.area_id is not None:
        areas |= Q(area_id=inquiry.area_id)
    canned = CannedAnswer.objects.filter(areas).select_related("service").order_by("title")
    with translation.override(language_form()):
        result = [CannedSuggestion(f"c{a.pk}", a.title, _canned_text(a), "canned") for a in canned]
        result += [
            CannedSuggestion(f"s{page.pk}", str(page.title), service_page_text(page), "service")
            for page in service_pages_for(inquiry)
        ]
    return result


def suggestion_by_key(suggestions: list[CannedSuggestion], key: str | None) -> CannedSuggestion | None:
    return next((s for s in suggestions if s.key == key), None) if key else None
