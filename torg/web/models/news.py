"""News (/nyheiter/) with RSS and Atom feeds."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from .base import TorgPage, audience_panel, places_field, topics_field


class NewsIndexPage(RoutablePageMixin, TorgPage):
    parent_page_types = ["web.HomePage"]
    subpage_types = ["web.NewsPage"]
    max_count = 1
    per_page = 12

    class Meta:
        verbose_name = _("news list")
        verbose_name_plural = _("news lists")

    def news(self) -> models.QuerySet[NewsPage]:
        return NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk").select_related("image")

    @path("")
    def index(self, request: HttpRequest) -> HttpResponse:
        paginator = Paginator(self.news(), self.per_page)
        page = paginator.get_page(request.GET.get("side"))
        return self.render(request, context_overrides={"news_page": page})

    @path("feed.rss", name="rss")
    def rss(self, request: HttpRequest) -> HttpResponse:
        from torg.web.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed.atom", name="atom")
    def atom(self, request: HttpRequest) -> HttpResponse:
        from torg.web.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(TorgPage):
    date = models.DateTimeField(_("date"), default=timezone.now)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    service_area = models.ForeignKey(
        "core.ServiceArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("service area"),
    )
    topics = topics_field()
    places = places_field()

    parent_page_types = ["web.NewsIndexPage"]
    subpage_types: list[str] = []
    search_fields = [*TorgPage.search_fields, index.FilterField("date")]
    content_panels = [
        *TorgPage.content_panels[:1],
        FieldPanel("date"),
        *TorgPage.content_panels[1:],
        FieldPanel("image"),
        FieldPanel("service_area"),
        audience_panel(),
    ]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def json_ld(self, request: Any = None) -> dict[str, Any] | None:
        from torg.core.queries import municipality

        return {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.description(),
            "datePublished": self.date.isoformat(),
            "dateModified": (self.last_published_at or self.date).isoformat(),
            "url": self.get_full_url(request),
            "publisher": {"@type": "GovernmentOrganization", "name": municipality().name},
        }
