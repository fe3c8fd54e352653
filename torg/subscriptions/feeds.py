"""/abonnement/feed.atom: what was announced to subscribers, as Atom (no sign-up needed).

``?emne=<topic>``, ``?stad=<place>`` and ``?omrade=<service area>`` narrow it
(by slug; they can be combined). An unknown slug answers 404, so that a
mistyped feed address is noticed instead of staying silently empty.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from torg.core.models import ServiceArea
from torg.core.queries import municipality
from torg.places.models import Place

from .models import Announcement, AnnouncementKind, Topic
from .queries import public_announcements

FEED_LENGTH = 50

_SLUG = re.compile(r"[-\w]+", re.ASCII)


class AnnouncementFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self.request = request
        chosen: dict[str, Any] = {}
        for parameter, model in (("emne", Topic), ("stad", Place), ("omrade", ServiceArea)):
            slug = request.GET.get(parameter, "")
            if not slug:
                continue
            # A slug is letters, digits, - and _: anything else (a NUL byte, say) names no feed.
            well_formed = len(slug) <= 120 and _SLUG.fullmatch(slug) is not None
            found = model.objects.filter(slug=slug).first() if well_formed else None
            if found is None:
                raise Http404(_("There is no such feed."))
            chosen[parameter] = found
        return chosen

    def title(self, obj: dict[str, Any]) -> str:
        name = municipality().name
        names = ", ".join(str(item.name) for item in obj.values())
        if names:
            return _("Messages from %(name)s: %(chosen)s") % {"name": name, "chosen": names}
        return _("Messages from %(name)s") % {"name": name}

    def subtitle(self, obj: dict[str, Any]) -> str:
        return _("News, service messages and crisis messages that subscribers were told about.")

    def link(self, obj: dict[str, Any]) -> str:
        return reverse("subscriptions:subscribe")

    def feed_url(self, obj: dict[str, Any]) -> str:
        return self.request.get_full_path()

    def items(self, obj: dict[str, Any]) -> list[Announcement]:
        return list(
            public_announcements(
                topic=obj["emne"].slug if "emne" in obj else "",
                place=obj["stad"].slug if "stad" in obj else "",
                service_area=obj["omrade"].slug if "omrade" in obj else "",
                limit=FEED_LENGTH,
            ).prefetch_related("topics")
        )

    def item_title(self, item: Announcement) -> str:
        if item.kind == AnnouncementKind.CRISIS:
            return _("Crisis message: %(title)s") % {"title": item.title}
        return item.title

    def item_description(self, item: Announcement) -> str:
        return item.summary

    def item_link(self, item: Announcement) -> str:
        return item.url or reverse("subscriptions:subscribe")

    def item_guid(self, item: Announcement) -> str:
        return f"tag:{self.request.get_host()},torg:announcement:{item.key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Announcement) -> datetime.datetime:
        return item.published_at

    def item_updateddate(self, item: Announcement) -> datetime.datetime:
        return item.published_at

    def item_categories(self, item: Announcement) -> list[str]:
        return [topic.name for topic in item.topics.all()]
