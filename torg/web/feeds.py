"""RSS 2.0 and Atom feeds of the news (/nyheiter/feed.rss, /nyheiter/feed.atom)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from torg.core.queries import municipality

from .models import NewsIndexPage, NewsPage


class NewsRssFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def __init__(self, index: NewsIndexPage) -> None:
        super().__init__()
        self.index = index

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return _("News from %(name)s") % {"name": municipality().name}

    def link(self) -> str:
        return self.index.get_url(self.request) or "/"

    def description(self) -> str:
        return self.index.intro or self.title()

    def items(self) -> list[NewsPage]:
        return list(self.index.news()[:30])

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.intro

    def item_link(self, item: NewsPage) -> str:
        return item.get_url(self.request) or "/"

    def item_pubdate(self, item: NewsPage) -> datetime.datetime:
        return item.date

    def item_updateddate(self, item: NewsPage) -> datetime.datetime:
        return item.last_published_at or item.date

    def item_guid(self, item: NewsPage) -> str:
        return item.get_full_url(self.request) or str(item.pk)


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()
