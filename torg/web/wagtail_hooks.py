"""Back-office integration for the public site: the stale service pages report.

"Utdaterte tenestesider" lists live service pages nobody has checked within
TORG_REVIEW_PERIOD_DAYS (``queries.stale_service_pages``), limited to the
pages the signed-in editor may change, with a button per row that marks the
page as reviewed (``actions.mark_page_reviewed``). The review reminder e-mail
links here: /admin/reports/utdaterte-tenester/.
"""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from torg.core.models import ServiceArea

from . import actions, queries
from .models import ServiceAreaPage, ServicePage

REPORT_NAMESPACE = "torg_stale_service_pages"


def _area_filter(queryset: QuerySet[ServicePage], name: str, value: ServiceArea | None) -> QuerySet[ServicePage]:
    if value is None:
        return queryset
    area_page = ServiceAreaPage.objects.filter(service_area=value).first()
    if area_page is None:
        return queryset.none()
    return queryset.descendant_of(area_page)  # type: ignore[attr-defined]


class StaleServicePagesFilterSet(WagtailFilterSet):
    service_area = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Service area"),
        queryset=ServiceArea.objects.all(),
        method=_area_filter,
        empty_label=gettext_lazy("All"),
    )

    class Meta:
        model = ServicePage
        fields: list[str] = []


def due_date(page: ServicePage) -> datetime.date | None:
    """When ``page`` should have been reviewed: the review period after the last review.

    A page never reviewed was due when it was first published.
    """
    if page.last_reviewed is not None:
        return page.last_reviewed + datetime.timedelta(days=settings.TORG_REVIEW_PERIOD_DAYS)
    if page.first_published_at is not None:
        return timezone.localdate(page.first_published_at)
    return None


class StaleServicePagesView(PageReportView):
    """Utdaterte tenestesider: service pages past their review date, most overdue first."""

    page_title = gettext_lazy("Stale service pages")
    header_icon = "time"
    results_template_name = "web/admin/stale_service_pages_results.html"
    index_url_name = f"{REPORT_NAMESPACE}:index"
    index_results_url_name = f"{REPORT_NAMESPACE}:results"
    filterset_class = StaleServicePagesFilterSet
    any_permission_required = ["add", "change", "publish"]
    export_filename = "utdaterte-tenestesider"
    list_export = ["title", "service_area_name", "owner_name", "last_reviewed", "days_overdue", "admin_url"]
    export_headings = {
        "title": gettext_lazy("Title"),
        "service_area_name": gettext_lazy("Service area"),
        "owner_name": gettext_lazy("Page owner"),
        "last_reviewed": gettext_lazy("Last reviewed"),
        "days_overdue": gettext_lazy("Days overdue"),
        "admin_url": gettext_lazy("Edit address"),
    }

    def get_queryset(self) -> QuerySet[ServicePage]:
        policy = PagePermissionPolicy()
        editable = policy.instances_user_has_permission_for(self.request.user, "change")
        return queries.stale_service_pages().filter(pk__in=editable.values("pk"))

    def decorate_paginated_queryset(self, object_list: Any) -> Any:
        """Add the service area, owner and days overdue to each row (one query for the areas)."""
        pages: list[ServicePage] = list(object_list)
        parent_paths = {page.path[: -Page.steplen] for page in pages}
        areas = {
            area_page.path: area_page.service_area.name
            for area_page in ServiceAreaPage.objects.filter(path__in=parent_paths).select_related("service_area")
        }
        today = timezone.localdate()
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        for page in pages:
            page.service_area_name = areas.get(page.path[: -Page.steplen], "")  # type: ignore[attr-defined]
            owner = page.responsible
            page.owner_name = (owner.get_full_name() or owner.get_username()) if owner else ""  # type: ignore[attr-defined]
            due = due_date(page)
            page.days_overdue = max((today - due).days, 0) if due else None  # type: ignore[attr-defined]
            page.admin_url = base_url + reverse("wagtailadmin_pages:edit", args=[page.pk])  # type: ignore[attr-defined]
        return pages


@require_POST
def mark_reviewed(request: HttpRequest, page_id: int) -> HttpResponse:
    """ "Merk som kontrollert": only for someone who may edit the page."""
    page = get_object_or_404(ServicePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        # A plain 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard).
        return permission_denied(request, PermissionDenied(_("You cannot edit this page.")))
    actions.mark_page_reviewed(page=page, actor=request.user)
    messages.success(request, _("“%(title)s” is marked as reviewed.") % {"title": page.title})
    return HttpResponseRedirect(reverse(f"{REPORT_NAMESPACE}:index"))


_report_urls = [
    path("", StaleServicePagesView.as_view(), name="index"),
    path("resultat/", StaleServicePagesView.as_view(results_only=True), name="results"),
    path("<int:page_id>/kontrollert/", mark_reviewed, name="mark_reviewed"),
]


@hooks.register("register_admin_urls")
def register_stale_service_pages_urls() -> list[Any]:
    return [path("reports/utdaterte-tenester/", include((_report_urls, REPORT_NAMESPACE)))]


class StaleServicePagesMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_stale_service_pages_menu_item() -> MenuItem:
    return StaleServicePagesMenuItem(
        gettext_lazy("Stale service pages"),
        reverse(f"{REPORT_NAMESPACE}:index"),
        name="stale-service-pages",
        icon_name="time",
        order=1150,
    )


@hooks.register("after_create_page")
def give_a_new_service_area_page_its_roles(request: HttpRequest, page: Page) -> None:
    """A new service area page becomes the root of that area's editors' rights and workflow."""
    specific = page.specific
    if isinstance(specific, ServiceAreaPage):
        from torg.core.actions import set_up_area_permissions

        set_up_area_permissions(area=specific.service_area, page=specific, actor=request.user)
