"""The service catalogue: /tenester/ → tenesteområde → teneste.

A ServiceAreaPage is the page of one ServiceArea (core); its subtree is where
that area's roles have their rights. A ServicePage is one teneste: who it is
for, how to apply, price, deadlines, contact, the page owner and when it was
last reviewed ("oppdatert tenesteinformasjon").
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from .base import TorgPage, audience_panel, places_field, topics_field
from .blocks import RICH_TEXT_FEATURES


class ServiceIndexPage(TorgPage):
    """/tenester/: all service areas and an A–Å list of services."""

    parent_page_types = ["web.HomePage"]
    subpage_types = ["web.ServiceAreaPage"]
    max_count = 1

    class Meta:
        verbose_name = _("service catalogue")
        verbose_name_plural = _("service catalogues")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["areas"] = ServiceAreaPage.objects.child_of(self).live().public().select_related("service_area")
        context["services"] = ServicePage.objects.descendant_of(self).live().public().order_by("title")
        return context


class ServiceAreaPage(TorgPage):
    """The page of one tenesteområde, and the root of its editors' rights."""

    service_area = models.OneToOneField(
        "core.ServiceArea",
        on_delete=models.PROTECT,
        related_name="page",
        verbose_name=_("service area"),
    )

    parent_page_types = ["web.ServiceIndexPage"]
    subpage_types = ["web.ServicePage", "web.ArticlePage"]
    content_panels = [*TorgPage.content_panels, FieldPanel("service_area")]

    class Meta:
        verbose_name = _("service area page")
        verbose_name_plural = _("service area pages")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["services"] = ServicePage.objects.child_of(self).live().public().order_by("title")
        return context


class ServicePage(TorgPage):
    """One teneste, written for the resident who needs it."""

    target_group = RichTextField(_("who it is for"), features=RICH_TEXT_FEATURES, blank=True)
    how_to_apply = RichTextField(_("how to apply"), features=RICH_TEXT_FEATURES, blank=True)
    application_url = models.URLField(_("application form address"), blank=True)
    price = RichTextField(_("price"), features=RICH_TEXT_FEATURES, blank=True)
    deadlines = RichTextField(_("deadlines and processing time"), features=RICH_TEXT_FEATURES, blank=True)
    contact_name = models.CharField(_("contact"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("page owner"),
        help_text=_("Keeps the information up to date and gets the review reminders."),
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    # When the owner was last reminded; kept out of the editor's form.
    review_reminded_on = models.DateField(null=True, blank=True, editable=False)
    related_services = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name=_("related services")
    )
    topics = topics_field()
    places = places_field()

    parent_page_types = ["web.ServiceAreaPage"]
    subpage_types: list[str] = []

    search_fields = [
        *TorgPage.search_fields,
        index.SearchField("target_group"),
        index.SearchField("how_to_apply"),
        index.SearchField("price"),
        index.SearchField("deadlines"),
        index.FilterField("last_reviewed"),
    ]
    content_panels = [
        *TorgPage.content_panels,
        FieldPanel("target_group"),
        MultiFieldPanel([FieldPanel("how_to_apply"), FieldPanel("application_url")], heading=_("How to apply")),
        FieldPanel("price"),
        FieldPanel("deadlines"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
        FieldPanel("related_services"),
        audience_panel(),
    ]
    settings_panels = [
        *TorgPage.settings_panels,
        MultiFieldPanel([FieldPanel("responsible"), FieldPanel("last_reviewed")], heading=_("Page owner")),
    ]

    class Meta:
        verbose_name = _("service page")
        verbose_name_plural = _("service pages")

    @property
    def service_area(self) -> Any:
        parent = self.get_parent()
        return getattr(parent.specific, "service_area", None) if parent else None

    def review_due(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        if self.last_reviewed is None:
            return True
        return (today - self.last_reviewed).days > settings.TORG_REVIEW_PERIOD_DAYS

    def json_ld(self, request: Any = None) -> dict[str, Any] | None:
        from torg.core.queries import municipality

        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": self.title,
            "description": self.description(),
            "url": self.get_full_url(request),
            "provider": {"@type": "GovernmentOrganization", "name": municipality().name},
        }
        if self.target_group:
            from django.utils.html import strip_tags

            data["audience"] = {"@type": "Audience", "audienceType": strip_tags(self.target_group)[:300]}
        if self.application_url:
            data["availableChannel"] = {"@type": "ServiceChannel", "serviceUrl": self.application_url}
        return data
