"""Factories for the public page tree; every page is built in its place in a valid tree.

``build_site_tree()`` makes what a fresh municipality has: a home page that is
the default site's root, the service catalogue (/tenester/) with two service
areas and their editors' rights, news (/nyheiter/) and events (/arrangement/).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any, TypeVar

import factory
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Site

from torg.core.actions import create_service_area, set_up_area_permissions, set_up_global_roles
from torg.core.models import ServiceArea
from torg.web.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ServiceAreaPage,
    ServiceIndexPage,
    ServicePage,
)


def paragraphs(*texts: str) -> str:
    """A StreamField body of plain paragraphs."""
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts])


PageT = TypeVar("PageT", bound=Page)


class PageFactory(factory.django.DjangoModelFactory[PageT]):
    """Adds the page under ``parent``; published unless ``live=False`` (then a draft)."""

    class Meta:
        abstract = True

    title: Any = factory.Sequence(lambda n: f"Side {n}")
    slug: Any = factory.LazyAttribute(lambda page: slugify(page.title))
    intro: Any = "Ei kort innleiing."

    @classmethod
    def _create(cls, model_class: type[Page], *args: Any, **kwargs: Any) -> Page:
        parent: Page = kwargs.pop("parent")
        live: bool = kwargs.pop("live", True)
        owner = kwargs.pop("owner", None)
        page = model_class(*args, live=False, has_unpublished_changes=True, owner=owner, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision(user=owner)
        if live:
            revision.publish(user=owner)
            page.refresh_from_db()
        return page


class HomePageFactory(PageFactory[HomePage]):
    class Meta:
        model = HomePage

    title = "Demo kommune"
    slug = "heim"


class ServiceIndexPageFactory(PageFactory[ServiceIndexPage]):
    class Meta:
        model = ServiceIndexPage

    title = "Tenester"
    slug = "tenester"


class ServiceAreaPageFactory(PageFactory[ServiceAreaPage]):
    class Meta:
        model = ServiceAreaPage

    title = factory.LazyAttribute(lambda page: page.service_area.name)
    slug = factory.LazyAttribute(lambda page: page.service_area.slug)


class ServicePageFactory(PageFactory[ServicePage]):
    class Meta:
        model = ServicePage

    title = factory.Sequence(lambda n: f"Teneste {n}")
    body = factory.LazyFunction(lambda: paragraphs("Slik søkjer du om tenesta."))
    last_reviewed = factory.LazyFunction(timezone.localdate)


class NewsIndexPageFactory(PageFactory[NewsIndexPage]):
    class Meta:
        model = NewsIndexPage

    title = "Nyheiter"
    slug = "nyheiter"


class NewsPageFactory(PageFactory[NewsPage]):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Nyheit {n}")
    date = factory.LazyFunction(timezone.now)
    body = factory.LazyFunction(lambda: paragraphs("Kommunen melder om nytt."))


class EventIndexPageFactory(PageFactory[EventIndexPage]):
    class Meta:
        model = EventIndexPage

    title = "Arrangement"
    slug = "arrangement"


class EventPageFactory(PageFactory[EventPage]):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Arrangement {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda page: page.start + datetime.timedelta(hours=2))
    location = "Rådhuset"


@dataclass
class SiteTree:
    home: HomePage
    services: ServiceIndexPage
    news: NewsIndexPage
    events: EventIndexPage
    area_a: ServiceArea
    area_b: ServiceArea
    area_page_a: ServiceAreaPage
    area_page_b: ServiceAreaPage


def build_site_tree() -> SiteTree:
    """The default site's page tree with two service areas: "Helse og omsorg" (A) and "Oppvekst" (B)."""
    root = Page.objects.get(pk=1)
    # Wagtail's own welcome page and its site give way to the municipality's home page.
    Site.objects.all().delete()
    for page in root.get_children():
        page.delete()
    root.refresh_from_db()
    home = HomePageFactory.create(parent=root)
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Demo kommune")
    set_up_global_roles(root=home)
    services = ServiceIndexPageFactory.create(parent=home)
    areas = []
    for name, slug in (("Helse og omsorg", "helse-og-omsorg"), ("Oppvekst", "oppvekst")):
        area = create_service_area(name=name, slug=slug)
        area_page = ServiceAreaPageFactory.create(parent=services, service_area=area)
        set_up_area_permissions(area=area, page=area_page)
        areas.append((area, area_page))
    return SiteTree(
        home=home,
        services=services,
        news=NewsIndexPageFactory.create(parent=home),
        events=EventIndexPageFactory.create(parent=home),
        area_a=areas[0][0],
        area_b=areas[1][0],
        area_page_a=areas[0][1],
        area_page_b=areas[1][1],
    )
