"""RSS 2.0 and Atom feeds of the public journal (/innsyn/feed.rss, /innsyn/feed.atom).

The newest published entries, or those of a saved search: the feed takes the search page's
parameters (q, fra, til, type, omrade, part), so a journalist can follow "byggjeløyve" in one
service area in a feed reader. Only what the public pages show: public titles, public names.
A bad parameter gets a plain Nynorsk message with status 400, as on the search page.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from torg.core.queries import municipality

from .forms import SearchForm
from .models import Journalpost
from .search import search_for

ITEMS = 50
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot hold (a search may contain anything)."""
    return _NOT_IN_XML.sub("", text)


FILTERS = ("q", "fra", "til", "type", "omrade", "part")


class JournalRssFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def __init__(self, form: SearchForm) -> None:
        super().__init__()
        self.form = form

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def _query(self) -> str:
        return urlencode([(k, v) for k in FILTERS for v in self.request.GET.getlist(k) if v][:40])

    def title(self) -> str:
        words = xml_safe(self.form.cleaned_data.get("q") or "").strip()
        if words:
            return _("Public journal of %(name)s: %(words)s") % {"name": municipality().name, "words": words}
        return _("Public journal of %(name)s") % {"name": municipality().name}

    def link(self) -> str:
        query = self._query()
        return reverse("innsyn:search") + (f"?{query}&sorter=dato" if query else "?sorter=dato")

    def description(self) -> str:
        return _("The newest entries in the municipality's public journal that match the search.")

    def items(self) -> list[Journalpost]:
        data = self.form.cleaned_data
        found = search_for(data, order="dato")
        return list(found[:ITEMS])

    def item_title(self, item: Journalpost) -> str:
        return xml_safe(item.offentlig_tittel) or _("(no public title)")

    def item_description(self, item: Journalpost) -> str:
        facts = [
            _("Entry %(number)s") % {"number": f"{item.journalaar}/{item.journalsekvensnummer}"},
            str(item.get_journalposttype_display()),
            _("Case %(number)s") % {"number": item.saksmappe.saksnummer},
        ]
        if item.parts_public:
            facts.append(_("Sender or recipient: %(names)s") % {"names": item.parts_public})
        if item.is_exempted:
            facts.append(_("Exempted: %(basis)s") % {"basis": item.skjermingshjemmel or _("Yes")})
        return xml_safe(" · ".join(facts))

    def item_link(self, item: Journalpost) -> str:
        return reverse("innsyn:entry", args=[item.pk])

    def item_pubdate(self, item: Journalpost) -> dt.datetime:
        return dt.datetime.combine(item.journaldato, dt.time(12), tzinfo=timezone.get_current_timezone())

    def item_guid(self, item: Journalpost) -> str:
        return self.request.build_absolute_uri(self.item_link(item))


class JournalAtomFeed(JournalRssFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()


def _feed(request: HttpRequest, kind: type[JournalRssFeed]) -> HttpResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.first_error(), status=400, content_type="text/plain; charset=utf-8")
    response: HttpResponse = kind(form)(request)
    return response


@require_http_methods(["GET", "HEAD"])
def rss(request: HttpRequest) -> HttpResponse:
    return _feed(request, JournalRssFeed)


@require_http_methods(["GET", "HEAD"])
def atom(request: HttpRequest) -> HttpResponse:
    return _feed(request, JournalAtomFeed)
