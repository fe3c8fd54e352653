"""Reads for the public site and the editors' reports."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.models import Page

from .models import EventIndexPage, EventPage, NewsPage, ServiceAreaPage, ServicePage


def home_page_context(home: Page) -> dict[str, Any]:
    """What the front page lists: featured services, areas, latest news, next events."""
    now = timezone.now()
    return {
        "featured": home.specific.featured_services.live().public()[:8],
        "areas": ServiceAreaPage.objects.descendant_of(home).live().public().order_by("path"),
        "latest_news": NewsPage.objects.descendant_of(home).live().public().order_by("-date")[:4],
        "next_events": EventPage.objects.descendant_of(home)
        .live()
        .public()
        .filter(start__gte=now)
        .order_by("start")[:3],
        "event_index": EventIndexPage.objects.descendant_of(home).live().first(),
    }


def stale_service_pages(today: datetime.date | None = None) -> models.QuerySet[ServicePage]:
    """Live service pages not reviewed within TORG_REVIEW_PERIOD_DAYS, oldest first."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=settings.TORG_REVIEW_PERIOD_DAYS)
    return (
        ServicePage.objects.live()
        .filter(models.Q(last_reviewed__lt=limit) | models.Q(last_reviewed__isnull=True))
        .select_related("responsible")
        .order_by(models.F("last_reviewed").asc(nulls_first=True), "title")
    )


MAX_SEARCH_RESULTS = 200


def search_pages(query: str) -> list[Page]:
    """Live public pages for a site search, best first.

    Pages with every word come first, then pages with any word, then pages
    whose title starts with the words (so "barnehage" finds "Barnehageplass":
    Norwegian writes compounds as one word).
    """
    # Only words are searched: quotes, brackets and operators would be read as
    # search-engine syntax (and an unbalanced quote is an error there).
    query = " ".join("".join(c if c.isalnum() else " " for c in query).split())
    if not query:
        return []
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    found: list[Page] = []
    seen: set[int] = set()
    for results in (
        pages.search(query, operator="and"),
        pages.search(query, operator="or"),
        pages.autocomplete(query),
    ):
        for page in results[:MAX_SEARCH_RESULTS]:
            if page.pk not in seen:
                seen.add(page.pk)
                found.append(page)
        if len(found) >= MAX_SEARCH_RESULTS:
            break
    return found[:MAX_SEARCH_RESULTS]
