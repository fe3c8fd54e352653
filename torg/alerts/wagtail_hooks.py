"""Crisis messages in the back office ("Krisevarsel", for the crisis team only) and the crisis front page.

- /admin/krisevarsel/: the list, writing from a template, preview, publish,
  update, all clear, and the crisis team (see ``admin_views``).
- The templates (``CrisisTemplate``) are a snippet under the same menu.
- ``before_serve_page``: while a current crisis message has "the crisis page
  replaces the front page", the site's root page shows the crisis page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.models import Page, Site
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, queries, views
from .models import CrisisTemplate

MENU_HOOK = "register_krisevarsel_menu_item"

_urls = [
    path("", admin_views.message_list, name="list"),
    path("ny/", admin_views.choose_template, name="choose_template"),
    path("ny/skriv/", admin_views.create, name="create"),
    path("kriseteam/", admin_views.crisis_team, name="team"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/endre/", admin_views.edit_draft, name="edit"),
    path("<int:pk>/publiser/", admin_views.publish, name="publish"),
    path("<int:pk>/oppdater/", admin_views.update, name="update"),
    path("<int:pk>/faren-er-over/", admin_views.cancel, name="cancel"),
]


@hooks.register("register_admin_urls")
def register_krisevarsel_urls() -> list[Any]:
    return [path("krisevarsel/", include((_urls, "krisevarsel")))]


class CrisisTemplatePermissionPolicy(BasePermissionPolicy):
    """The crisis team writes and keeps the prepared templates."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return queries.can_publish_alerts(user)

    def users_with_any_permission(self, actions: Any) -> QuerySet[Any]:
        return queries.crisis_team_users()


register_permission_policy(CrisisTemplate, CrisisTemplatePermissionPolicy(CrisisTemplate))


class CrisisTemplateViewSet(SnippetViewSet):
    model = CrisisTemplate
    icon = "doc-full"
    menu_label = _("Templates")
    menu_name = "krisevarsel-templates"
    menu_order = 20
    menu_hook = MENU_HOOK
    add_to_admin_menu = False
    url_prefix = "krisevarsel/malar"
    list_display = ["name", "event", "severity"]
    search_fields = ["name", "headline"]
    copy_view_enabled = False
    inspect_view_enabled = False


register_snippet(CrisisTemplateViewSet)


class _CrisisTeamMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return queries.can_publish_alerts(request.user)


@hooks.register(MENU_HOOK)
def register_messages_menu_item() -> MenuItem:
    return _CrisisTeamMenuItem(
        _("Crisis messages"), reverse("krisevarsel:list"), name="krisevarsel-list", icon_name="warning", order=10
    )


@hooks.register(MENU_HOOK)
def register_team_menu_item() -> MenuItem:
    return _CrisisTeamMenuItem(
        _("Crisis team"), reverse("krisevarsel:team"), name="krisevarsel-team", icon_name="group", order=30
    )


class KrisevarselMenuItem(SubmenuMenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return queries.can_publish_alerts(request.user) and super().is_shown(request)


@hooks.register("register_admin_menu_item")
def register_krisevarsel_menu_item() -> MenuItem:
    return KrisevarselMenuItem(
        "Krisevarsel", Menu(register_hook_name=MENU_HOOK), name="krisevarsel", icon_name="warning", order=140
    )


def _is_site_root(page: Page, request: HttpRequest) -> bool:
    site = getattr(request, "_wagtail_site", None) or Site.find_for_request(request)
    return site is not None and site.root_page_id == page.pk


@hooks.register("before_serve_page")
def serve_crisis_front_page(page: Page, request: HttpRequest, args: Any, kwargs: Any) -> HttpResponse | None:
    """The crisis page in place of the front page, while a current crisis message asks for it."""
    if not any(banner.replace_front_page for banner in queries.current_banners()):
        return None
    if not _is_site_root(page, request):
        return None
    message = queries.front_page_message()
    if message is None:
        return None
    return views.crisis_front_page(request, message)
