"""Servicetorget in the back office: its addresses under /admin/servicetorget/ and its menu.

The main menu item "Servicetorget" shows how many inquiries are new or
overdue, and opens a submenu: the queue, registering an inquiry, canned
answers and answer routines. Other modules add to the submenu with the hook
``register_servicetorget_menu_item`` (a function returning a MenuItem).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.sidebar import SubMenuItem as SubMenuItemComponent
from wagtail.permissions import register_permission_policy

from .. import admin_views, queries
from ..admin_views.viewsets import (
    MENU_HOOK,
    AnswerRoutinePermissionPolicy,
    CannedAnswerPermissionPolicy,
    answer_routine_viewset,
    canned_answer_viewset,
)
from ..models import AnswerRoutine, CannedAnswer, Status

register_permission_policy(CannedAnswer, CannedAnswerPermissionPolicy(CannedAnswer))
register_permission_policy(AnswerRoutine, AnswerRoutinePermissionPolicy(AnswerRoutine))

_urls = [
    path("", admin_views.queue_page, name="queue"),
    path("ny/", admin_views.register, name="register"),
    path("<int:pk>/", admin_views.case, name="case"),
    path("<int:pk>/avpubliser/", admin_views.unpublish, name="unpublish"),
    path("<int:pk>/vedlegg/<int:attachment_pk>/", admin_views.attachment, name="attachment"),
    *[
        path(f"<int:pk>/{slug}/", admin_views.case_action, {"name": name}, name=name)
        for slug, name in admin_views.ACTION_URLS.items()
    ],
]


@hooks.register("register_admin_urls")
def register_servicetorget_urls() -> list[Any]:
    return [path("servicetorget/", include((_urls, "servicetorget")))]


@hooks.register("register_admin_viewset")
def register_servicetorget_viewsets() -> list[Any]:
    return [canned_answer_viewset, answer_routine_viewset]


class _StaffMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return queries.is_inquiry_staff(request.user)


@hooks.register(MENU_HOOK)
def register_queue_menu_item() -> MenuItem:
    return _StaffMenuItem(
        _("Queue"), reverse("servicetorget:queue"), name="servicetorget-queue", icon_name="list-ul", order=10
    )


@hooks.register(MENU_HOOK)
def register_new_inquiry_menu_item() -> MenuItem:
    return _StaffMenuItem(
        _("Register an inquiry"),
        reverse("servicetorget:register"),
        name="servicetorget-new",
        icon_name="plus",
        order=20,
    )


def needs_attention(user: Any) -> int:
    """New inquiries plus those past their deadline, in the user's queues."""
    overdue = Q(status__in=(Status.NEW, Status.IN_PROGRESS), due_at__lt=timezone.now())
    return int(queries.visible_inquiries(user).filter(Q(status=Status.NEW) | overdue).count())


class ServicetorgetMenuItem(SubmenuMenuItem):
    """The submenu, its label with the number of inquiries that need attention: "Servicetorget (4)"."""

    def render_component(self, request: HttpRequest) -> SubMenuItemComponent:
        label = str(self.label)
        if queries.is_inquiry_staff(request.user):
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
def register_servicetorget_menu_item() -> MenuItem:
    return ServicetorgetMenuItem(
        "Servicetorget", Menu(register_hook_name=MENU_HOOK), name="servicetorget", icon_name="mail", order=150
    )
