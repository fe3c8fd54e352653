"""Events (/arrangement/) with iCalendar export for one event and for all."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from .base import TorgPage, audience_panel, places_field, topics_field


class EventIndexPage(RoutablePageMixin, TorgPage):
    parent_page_types = ["web.HomePage"]
    subpage_types = ["web.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("event list")
        verbose_name_plural = _("event lists")

    def upcoming(self) -> models.QuerySet[EventPage]:
        now = timezone.now()
        return (
            EventPage.objects.child_of(self)
            .live()
            .public()
            .filter(models.Q(end__gte=now) | models.Q(end__isnull=True, start__gte=now - datetime.timedelta(hours=12)))
            .order_by("start")
        )

    @path("")
    def index(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, context_overrides={"events": self.upcoming()})

    @path("kalender.ics", name="ics")
    def ics(self, request: HttpRequest) -> HttpResponse:
        from torg.web.icalendar import calendar_response

        return calendar_response(list(self.upcoming()), request, filename="arrangement.ics")


class EventPage(RoutablePageMixin, TorgPage):
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    price = models.CharField(_("price"), max_length=100, blank=True)
    registration_url = models.URLField(_("registration address"), blank=True)
    topics = topics_field()
    places = places_field()

    parent_page_types = ["web.EventIndexPage"]
    subpage_types: list[str] = []
    search_fields = [*TorgPage.search_fields, index.SearchField("location"), index.FilterField("start")]
    content_panels = [
        *TorgPage.content_panels[:1],
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("location"), FieldPanel("organiser")],
            heading=_("When and where"),
        ),
        FieldPanel("price"),
        FieldPanel("registration_url"),
        *TorgPage.content_panels[1:],
        audience_panel(),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self) -> None:
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The event must end after it starts.")})

    @path("")
    def index(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("kalender.ics", name="ics")
    def ics(self, request: HttpRequest) -> HttpResponse:
        from torg.web.icalendar import calendar_response

        return calendar_response([self], request, filename=f"{self.slug}.ics")

    def json_ld(self, request: Any = None) -> dict[str, Any] | None:
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.description(),
            "startDate": self.start.isoformat(),
            "url": self.get_full_url(request),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        }
        if self.end:
            data["endDate"] = self.end.isoformat()
        if self.location:
            data["location"] = {"@type": "Place", "name": self.location, "address": self.location}
        return data
