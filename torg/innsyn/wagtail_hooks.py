"""Access requests in the back office: addresses under /admin/innsyn/ and the menu.

The menu item "Innsyn" shows how many parts the user may decide are still undecided
("Innsyn (3)") and opens a submenu: the queue, the answer times and the archive (import, held-back texts).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.sidebar import SubMenuItem as SubMenuItemComponent

from . import admin_views
from .actions import may_handle_documents
from .handling.access import is_handler
from .handling.actions import AUDIT_ACTIONS  # noqa: F401  (adds the log labels to torg.core.audit.ACTIONS)
from .handling.queries import needs_attention

_urls = [
    path("", admin_views.queue_page, name="queue"),
    path("svartider/", admin_views.statistics_page, name="statistics"),
    path("<int:pk>/", admin_views.case, name="case"),
    path("<int:pk>/avgjer/", admin_views.decide, name="decide"),
    path("<int:pk>/klage/", admin_views.answer_appeal, name="answer_appeal"),
    path("<int:pk>/kopi/", admin_views.copy, name="copy"),
    path("<int:pk>/dokument/<int:doc_pk>/", admin_views.document, name="document"),
    path("arkiv/", admin_views.archive_page, name="archive"),
    path("arkiv/last-opp/", admin_views.archive_upload, name="archive_upload"),
    path("arkiv/framdrift/", admin_views.archive_progress, name="archive_progress"),
    path("arkiv/tekst/<int:pk>/", admin_views.held_text, name="held_text"),
]


@hooks.register("register_admin_urls")
def register_innsyn_urls() -> list[Any]:
    return [path("innsyn/", include((_urls, "innsyn_admin")))]


class _HandlerMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return is_handler(request.user)


class _ArchiveMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return may_handle_documents(request.user)


class InnsynMenuItem(SubmenuMenuItem):
    """The submenu, its label with the number of undecided parts: "Innsyn (3)"."""

    def is_shown(self, request: HttpRequest) -> bool:
        return is_handler(request.user) or may_handle_documents(request.user)

    def render_component(self, request: HttpRequest) -> SubMenuItemComponent:
        label = str(self.label)
        count = needs_attention(request.user)
        if count:
            label = f"{label} ({count})"
        return SubMenuItemComponent(
            self.name,
            label,
            self.menu.render_component(request),
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("register_admin_menu_item")
def register_innsyn_menu_item() -> MenuItem:
    items = [
        _HandlerMenuItem(
            _("Access requests"), reverse("innsyn_admin:queue"), name="innsyn-queue", icon_name="list-ul", order=10
        ),
        _HandlerMenuItem(
            _("Answer times"),
            reverse("innsyn_admin:statistics"),
            name="innsyn-answer-times",
            icon_name="time",
            order=20,
        ),
        _ArchiveMenuItem(
            _("Archive"), reverse("innsyn_admin:archive"), name="innsyn-archive", icon_name="upload", order=30
        ),
    ]
    return InnsynMenuItem("Innsyn", Menu(items=items), name="innsyn", icon_name="doc-full", order=160)
