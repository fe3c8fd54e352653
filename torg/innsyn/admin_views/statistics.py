"""Answer times per service area (/admin/innsyn/svartider/): median working days and the
share answered within the deadline, for requests confirmed in the last 90 days."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..handling.queries import STATS_DAYS, answer_times
from .common import breadcrumbs, handler_required


@handler_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    rows, total = answer_times(no_area=_("No service area"), total=_("All service areas"))
    title = _("Answer times for access requests")
    context = {
        "header_title": title,
        "breadcrumbs_items": breadcrumbs((reverse("innsyn_admin:statistics"), title)),
        "rows": rows,
        "total": total,
        "days": STATS_DAYS,
    }
    return render(request, "innsyn/admin/statistics.html", context)
