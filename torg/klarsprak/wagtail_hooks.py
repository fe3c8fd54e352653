"""Klarspråk in the back office: the checking page in the main menu, the report under Reports.

/admin/klarsprak/ is for every staff member with back-office access (Wagtail
requires that for every admin URL). /admin/reports/klarsprak/ is for those
who write or publish pages. The word lists are under Settings → Clear language
(``klarsprak.change_klarspraksettings``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import editor
from .views import CheckView, PublishedTextsView, may_see_report


@hooks.register("register_admin_urls")
def register_klarsprak_urls() -> list[Any]:
    return [
        path("klarsprak/", CheckView.as_view(), name="klarsprak_check"),
        path("reports/klarsprak/", PublishedTextsView.as_view(), name="klarsprak_published_texts"),
    ]


@hooks.register("register_admin_menu_item")
def register_klarsprak_menu_item() -> MenuItem:
    return MenuItem(
        gettext_lazy("Clear language"),
        reverse("klarsprak_check"),
        name="klarsprak",
        icon_name="doc-full",
        order=260,
    )


class PublishedTextsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return may_see_report(request)


@hooks.register("register_reports_menu_item")
def register_published_texts_menu_item() -> MenuItem:
    return PublishedTextsMenuItem(
        gettext_lazy("Clear language in published texts"),
        reverse("klarsprak_published_texts"),
        name="klarsprak-published-texts",
        icon_name="doc-full",
        order=1160,
    )


@hooks.register("insert_editor_js")
def klarsprak_editor_js() -> Any:
    return editor.editor_js()


@hooks.register("after_publish_page")
def klarsprak_record_publish(request: HttpRequest, page: Any) -> None:
    editor.record_publish(request, page)
