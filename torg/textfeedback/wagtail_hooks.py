"""Back office: "Forstod lesarane teksten?" — answers per text for writers and the editor."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import queries


def _editable(request: HttpRequest) -> Any:
    return PagePermissionPolicy().instances_user_has_permission_for(request.user, "change")


def report(request: HttpRequest) -> HttpResponse:
    """Pages with answers that the user may edit, the least understood first."""
    context = {"scores": queries.scores(_editable(request)), "letter_scores": queries.letter_scores()}
    return render(request, "textfeedback/admin/report.html", context)


def page_detail(request: HttpRequest, page_id: int) -> HttpResponse:
    """One page: the count and the residents' comments."""
    page = get_object_or_404(_editable(request), pk=page_id).specific
    score = next(iter(queries.scores(Page.objects.filter(pk=page.pk))), None)
    return render(
        request,
        "textfeedback/admin/page.html",
        {"page": page, "score": score, "comments": queries.comments(page)[:200]},
    )


@hooks.register("register_admin_urls")
def register_urls() -> list[Any]:
    return [
        path("forstod/", report, name="textfeedback_report"),
        path("forstod/<int:page_id>/", page_detail, name="textfeedback_page"),
    ]


class _ReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return PagePermissionPolicy().user_has_any_permission(request.user, ["change", "publish"])


@hooks.register("register_reports_menu_item")
def register_menu_item() -> MenuItem:
    return _ReportMenuItem(_("Did readers understand?"), reverse("textfeedback_report"), icon_name="help", order=720)
