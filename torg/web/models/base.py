"""What every public page type shares: an introduction, a body, search and SEO fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock


class TorgPage(Page):
    """Abstract base: an intro shown under the title and in lists, and a body."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=400,
        help_text=_("One or two plain sentences: what the page is about and who it is for."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        abstract = True

    def description(self) -> str:
        return self.search_description or self.intro

    def json_ld(self, request: Any = None) -> dict[str, Any] | None:
        """schema.org data for this page; None for none."""
        return None


# --- Audience: who hears about a page when it is first published (torg.subscriptions) ---------


def topics_field() -> ParentalManyToManyField:
    return ParentalManyToManyField(
        "subscriptions.Topic",
        blank=True,
        related_name="+",
        verbose_name=_("topics"),
        help_text=_("Subscribers of these topics hear about the page when it is first published."),
    )


def places_field() -> ParentalManyToManyField:
    return ParentalManyToManyField(
        "places.Place",
        blank=True,
        related_name="+",
        verbose_name=_("places"),
        help_text=_("Subscribers living in or following these places hear about the page."),
    )


def audience_panel() -> MultiFieldPanel:
    return MultiFieldPanel(
        [
            FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            FieldPanel("places", widget=forms.CheckboxSelectMultiple),
        ],
        heading=_("Who should hear about this?"),
        classname="collapsed",
    )
