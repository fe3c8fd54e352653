"""The home page and the general pages: article, accessibility statement, contact."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel

from .base import TorgPage, audience_panel, places_field, topics_field


class HomePage(TorgPage):
    """The front page: top services, news, events and the service areas."""

    featured_services = ParentalManyToManyField(
        "web.ServicePage", blank=True, related_name="+", verbose_name=_("featured services")
    )

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    content_panels = [*TorgPage.content_panels, FieldPanel("featured_services")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from torg.web import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.home_page_context(self))
        return context

    def json_ld(self, request: Any = None) -> dict[str, Any] | None:
        from torg.core.queries import municipality

        m = municipality()
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "GovernmentOrganization",
            "name": m.name,
            "url": self.get_full_url(request),
        }
        if m.organisation_number:
            data["identifier"] = {"@type": "PropertyValue", "propertyID": "orgnr", "value": m.organisation_number}
        if m.phone:
            data["telephone"] = m.phone
        if m.email:
            data["email"] = m.email
        if m.street_address:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": m.street_address,
                "postalCode": m.postal_code,
                "addressLocality": m.city,
                "addressCountry": "NO",
            }
        return data


class ArticlePage(TorgPage):
    """A free article: about the local community, the strategy, and the like."""

    date = models.DateField(_("date"), null=True, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    topics = topics_field()
    places = places_field()
    content_panels = [*TorgPage.content_panels, FieldPanel("date"), FieldPanel("image"), audience_panel()]
    subpage_types = ["web.ArticlePage"]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")


class AccessibilityStatementPage(TorgPage):
    """/tilgjengelegheit/: the accessibility statement, linking uustatus.no."""

    uustatus_url = models.URLField(
        _("statement at uustatus.no"), blank=True, help_text=_("Leave empty to use the municipality setting.")
    )
    feedback_email = models.EmailField(_("e-mail for feedback on accessibility"), blank=True)
    last_checked = models.DateField(_("last checked"), null=True, blank=True)

    parent_page_types = ["web.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    content_panels = [
        *TorgPage.content_panels,
        FieldPanel("uustatus_url"),
        FieldPanel("feedback_email"),
        FieldPanel("last_checked"),
    ]

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")


class ContactPage(TorgPage):
    """/kontakt/: how to reach the municipality (from the municipality settings) and more."""

    parent_page_types = ["web.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from torg.core.queries import service_areas

        context = super().get_context(request, *args, **kwargs)
        context["areas"] = service_areas()
        return context
