"""Build the demo municipality Fjordvik: site, settings, roles, users, service catalogue, news, events.

Called by ``manage.py load_demo`` inside one transaction. Content lives in
``torg.demo.content`` as plain data; this module only turns it into pages.
Every page is published through a revision, so history, the audit log and
the search index look as they would after real editing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from torg.brevmalar.demo import create_demo_templates
from torg.core.actions import assign_role, create_service_area, set_up_area_permissions, set_up_global_roles
from torg.core.models import MunicipalitySettings, ServiceArea
from torg.core.roles import POLICIES
from torg.web.models import (
    AccessibilityStatementPage,
    ArticlePage,
    ContactPage,
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ServiceAreaPage,
    ServiceIndexPage,
    ServicePage,
)

from . import coat_of_arms
from .alerts import make_crisis_demo
from .content import (
    articles,
    municipality,
    news,
    services_helse_nav,
    services_naering_okonomi,
    services_oppvekst_kultur,
    services_plan_teknisk,
)
from .content.areas import AREAS
from .inquiries import create_demo_inquiries, service_desk_group
from .pages import local_at, publish, republish, rich, stream
from .places import make_places
from .users import DEMO_USERS, create_demo_users

SERVICE_MODULES = (services_oppvekst_kultur, services_helse_nav, services_plan_teknisk, services_naering_okonomi)

# The services shown on the front page, by slug.
FEATURED_SERVICES = ("barnehageplass", "byggjesoknad", "renovasjon", "fastlege", "eigedomsskatt", "legevakt")

# The user who approves and publishes the demo content (the editor-in-chief).
PUBLISHER = "kommsjef"


@dataclass
class Summary:
    areas: int = 0
    services: int = 0
    news: int = 0
    events: int = 0
    articles: int = 0
    users: int = 0
    stale: int = 0
    never_reviewed: int = 0
    inquiries: int = 0
    places: int = 0
    crisis: int = 0
    home: HomePage | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return (
            f"{self.areas} service areas, {self.services} service pages "
            f"({self.stale} due for review, {self.never_reviewed} never reviewed), "
            f"{self.news} news items, {self.events} events, {self.articles} articles, {self.users} users, "
            f"{self.inquiries} inquiries, {self.places} places, {self.crisis} crisis templates and messages"
        )


def services_by_area() -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for module in SERVICE_MODULES:
        for slug, items in module.SERVICES.items():
            found.setdefault(slug, []).extend(items)
    return found


# --- The steps ---------------------------------------------------------------


def make_home() -> tuple[HomePage, Site]:
    """Replace Wagtail's "Welcome" page with the home page and point the default site at it."""
    root = Page.get_first_root_node()
    old_roots = list(Page.objects.filter(depth=2))
    data = municipality.HOME
    home = HomePage(
        title=data["title"],
        slug=data["slug"],
        intro=data["intro"],
        seo_title=data["seo_title"],
        body=stream(
            [
                (
                    "callout",
                    {
                        "color": "info",
                        "heading": "Dette er ein demo",
                        "text": "<p>Fjordvik kommune er oppdikta. Innhaldet viser korleis Torg verkar.</p>",
                    },
                )
            ]
        ),
    )
    home = publish(root, home)

    site = (
        Site.objects.filter(is_default_site=True).first()
        or Site.objects.filter(hostname="localhost", port=80).first()
        or Site(hostname="localhost", port=80)
    )
    site.root_page = home
    site.is_default_site = True
    site.site_name = municipality.SITE_NAME
    site.save()

    # Wagtail's "Welcome to your new Wagtail site!" is a plain Page; nothing else is removed.
    for old in old_roots:
        if old.specific_class is Page and not Site.objects.filter(root_page=old).exists():
            old.delete()
    return home, site


def make_settings(site: Site) -> MunicipalitySettings:
    image_model = get_image_model()
    image = image_model(
        title=municipality.COAT_OF_ARMS_TITLE,
        description="Kommunevåpen: tre gule bølgjer og ei gul sol på blå botn.",
        file=ImageFile(BytesIO(coat_of_arms.coat_of_arms_png()), name="fjordvik-kommunevapen.png"),
    )
    image._set_image_file_metadata()
    image.save()

    settings = MunicipalitySettings.for_site(site)
    for name, value in municipality.MUNICIPALITY.items():
        setattr(settings, name, value)
    settings.coat_of_arms = image
    settings.full_clean()
    settings.save()
    return settings


def make_areas(index: ServiceIndexPage, publisher: AbstractBaseUser) -> dict[str, tuple[ServiceArea, ServiceAreaPage]]:
    areas: dict[str, tuple[ServiceArea, ServiceAreaPage]] = {}
    for order, data in enumerate(AREAS):
        area = ServiceArea.objects.filter(slug=data["slug"]).first() or create_service_area(
            name=data["name"],
            slug=data["slug"],
            description=data["intro"],
            email=data["email"],
            phone=data["phone"],
            sort_order=order,
        )
        page = ServiceAreaPage(
            title=data["name"],
            slug=data["slug"],
            intro=data["intro"],
            body=stream([data["body"]]),
            service_area=area,
        )
        publish(index, page, publisher=publisher)
        set_up_area_permissions(area=area, page=page)
        areas[data["slug"]] = (area, page)
    return areas


def make_services(
    areas: dict[str, tuple[ServiceArea, ServiceAreaPage]],
    users: dict[str, AbstractBaseUser],
    summary: Summary,
) -> dict[str, ServicePage]:
    today = timezone.localdate()
    publisher = users[PUBLISHER]
    pages: dict[str, ServicePage] = {}
    related: list[tuple[ServicePage, list[str], AbstractBaseUser]] = []
    for area_slug, items in services_by_area().items():
        _, area_page = areas[area_slug]
        for data in items:
            owner = users[data["owner"]]
            days = data.get("reviewed")
            name, phone, email = data["contact"]
            page = ServicePage(
                title=data["title"],
                slug=data["slug"],
                intro=data["intro"],
                body=stream(data["body"]),
                target_group=rich(data.get("target_group")),
                how_to_apply=rich(data.get("how_to_apply")),
                application_url=data.get("application_url", ""),
                price=rich(data.get("price")),
                deadlines=rich(data.get("deadlines")),
                contact_name=name,
                contact_phone=phone,
                contact_email=email,
                responsible=owner,
                last_reviewed=None if days is None else today - datetime.timedelta(days=days),
            )
            pages[data["slug"]] = publish(area_page, page, author=owner, publisher=publisher)
            if data.get("related"):
                related.append((page, data["related"], owner))
            summary.services += 1
            if days is None:
                summary.never_reviewed += 1
            elif page.review_due(today):
                summary.stale += 1
    # Links between services, once every target exists: a second, published revision.
    for page, slugs, owner in related:
        page.related_services = [pages[slug] for slug in slugs]
        republish(page, author=owner, publisher=publisher)
    return pages


def make_news(index: NewsIndexPage, areas: dict[str, Any], publisher: AbstractBaseUser) -> int:
    now = timezone.localtime()
    for i, data in enumerate(news.NEWS):
        date = local_at(now - datetime.timedelta(days=data["days_ago"]), f"{9 + i % 6}:00")
        page = NewsPage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            body=stream(data["body"]),
            date=date,
            first_published_at=date,
            service_area=areas[data["area"]][0] if data["area"] else None,
        )
        publish(index, page, publisher=publisher)
    return len(news.NEWS)


def make_events(index: EventIndexPage, publisher: AbstractBaseUser) -> int:
    now = timezone.localtime()
    for data in news.EVENTS:
        start = local_at(now + datetime.timedelta(days=data["days_ahead"]), data["start"])
        page = EventPage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            body=stream(data["body"]),
            start=start,
            end=start + datetime.timedelta(hours=data["hours"]) if data["hours"] else None,
            location=data["location"],
            organiser=data["organiser"],
            price=data["price"],
            registration_url=data.get("registration_url", ""),
        )
        publish(index, page, publisher=publisher)
    return len(news.EVENTS)


def make_articles(home: HomePage, publisher: AbstractBaseUser) -> int:
    now = timezone.localtime()
    for data in articles.ARTICLES:
        date = now - datetime.timedelta(days=data["days_ago"])
        page = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            body=stream(data["body"]),
            date=date.date(),
            first_published_at=date,
            show_in_menus=data["slug"] == "om-kommunen",
        )
        publish(home, page, publisher=publisher)
    return len(articles.ARTICLES)


def make_general_pages(home: HomePage, publisher: AbstractBaseUser) -> None:
    contact = municipality.CONTACT
    publish(
        home,
        ContactPage(
            title=contact["title"],
            slug=contact["slug"],
            intro=contact["intro"],
            body=stream(contact["body"]),
            show_in_menus=True,
        ),
        publisher=publisher,
    )
    statement = municipality.ACCESSIBILITY
    publish(
        home,
        AccessibilityStatementPage(
            title=statement["title"],
            slug=statement["slug"],
            intro=statement["intro"],
            body=stream(statement["body"]),
            uustatus_url=municipality.MUNICIPALITY["uustatus_url"],
            feedback_email=statement["feedback_email"],
            last_checked=timezone.localdate() - datetime.timedelta(days=statement["last_checked_days_ago"]),
        ),
        publisher=publisher,
    )


def give_roles(users: dict[str, AbstractBaseUser], areas: dict[str, tuple[ServiceArea, ServiceAreaPage]]) -> None:
    for spec in DEMO_USERS:
        if spec.role is None:
            continue
        area = areas[spec.area_slug][0] if POLICIES[spec.role].scoped and spec.area_slug else None
        assign_role(user=users[spec.username], role=spec.role, area=area)
        if spec.service_desk:
            users[spec.username].groups.add(service_desk_group())  # type: ignore[attr-defined]


# --- All together --------------------------------------------------------------


@transaction.atomic
def build_demo() -> Summary:
    """Load the whole demo municipality. The caller checks that it is not loaded yet."""
    summary = Summary()
    home, site = make_home()
    summary.home = home
    make_settings(site)

    set_up_global_roles(root=home)
    summary.places = make_places()
    users = create_demo_users()
    summary.users = len(users)
    publisher = users[PUBLISHER]

    indexes = municipality.INDEXES
    service_index = publish(
        home,
        ServiceIndexPage(slug="tenester", show_in_menus=True, **indexes["tenester"]),
        publisher=publisher,
    )
    news_index = publish(
        home, NewsIndexPage(slug="nyheiter", show_in_menus=True, **indexes["nyheiter"]), publisher=publisher
    )
    event_index = publish(
        home,
        EventIndexPage(slug="arrangement", show_in_menus=True, **indexes["arrangement"]),
        publisher=publisher,
    )

    areas = make_areas(service_index, publisher)
    summary.areas = len(areas)
    give_roles(users, areas)

    services = make_services(areas, users, summary)
    summary.news = make_news(news_index, areas, publisher)
    summary.events = make_events(event_index, publisher)
    summary.articles = make_articles(home, publisher)
    make_general_pages(home, publisher)
    create_demo_templates(ServiceArea.objects.all())
    summary.inquiries = create_demo_inquiries({slug: area for slug, (area, _) in areas.items()}, users["servicetorget"])

    summary.crisis = make_crisis_demo(users)

    home.featured_services = [services[slug] for slug in FEATURED_SERVICES]
    republish(home, author=publisher, publisher=publisher)
    return summary
