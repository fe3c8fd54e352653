"""Back office for subscriptions: topics (emne) as snippets, and how many subscribe to what.

Staff see numbers only, never who subscribes: the overview at
/admin/abonnement/ counts confirmed subscribers per channel, frequency, topic,
service area and place, for editors deciding how to tag a page.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import queries
from .models import Subscriber, Topic


def may_see_counts(user: Any) -> bool:
    """Editors who publish pages, and those who manage topics."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.has_perm("subscriptions.change_topic"):
        return True
    return bool(PagePermissionPolicy().user_has_any_permission(user, ["publish"]))


def confirmed_count(topic: Topic) -> int:
    return int(getattr(topic, "confirmed_subscribers", 0))


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Subscription topics")
    menu_order = 290
    add_to_admin_menu = True
    list_display = ["name", "slug", Column("subscribers", label=_("Subscribers"), accessor=confirmed_count)]
    search_fields = ["name", "description"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    def get_queryset(self, request: HttpRequest) -> Any:
        confirmed = Subscriber.objects.confirmed().values("pk")
        return Topic.objects.annotate(
            confirmed_subscribers=Count("subscribers", filter=Q(subscribers__in=confirmed), distinct=True)
        ).order_by("sort_order", "name")


register_snippet(TopicViewSet)


def counts_view(request: HttpRequest) -> HttpResponse:
    if not may_see_counts(request.user):
        raise PermissionDenied
    context = {
        "page_title": _("Subscribers"),
        "header_title": _("Subscribers"),
        "header_icon": "group",
        "counts": queries.subscriber_counts(),
        "places": queries.place_counts(),
        "service_areas": queries.service_area_counts(),
    }
    return render(request, "subscriptions/admin/counts.html", context)


@hooks.register("register_admin_urls")
def register_urls() -> list[Any]:
    return [path("abonnement/", counts_view, name="subscriptions_counts")]


class _CountsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return may_see_counts(request.user)


@hooks.register("register_reports_menu_item")
def register_menu_item() -> MenuItem:
    return _CountsMenuItem(_("Subscribers"), reverse("subscriptions_counts"), icon_name="group", order=730)
