"""The queue (/admin/innsyn/): a tab per service area, sections by what needs doing.

The list shows what a handler needs to pick the next part: the entry's number and public
title, the case, the service area, when the request was confirmed, the deadline in words
and the status. No requester: the address is on the case page, where every view is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from torg.core.models import ServiceArea

from ..handling.access import area_ids, handles_all, visible_parts
from ..handling.queries import queue_counts, section_parts
from ..requests import InnsynskravDel, InnsynskravDelQuerySet
from .common import (
    appeal_deadline_in_words,
    breadcrumbs,
    deadline_in_words,
    entry_number,
    handler_required,
    staff_status,
)

PER_PAGE = 50
ALL = ""
NO_AREA = "utan"

SECTIONS: dict[str, Any] = {
    "nye": gettext_lazy("Not decided"),
    "snart": gettext_lazy("Due soon"),
    "forfalne": gettext_lazy("Overdue"),
    "klager": gettext_lazy("Appeals"),
    "avgjorde": gettext_lazy("Decided"),
}
DEFAULT_SECTION = "nye"


@dataclass
class Tab:
    value: str
    label: str
    open_count: int


@dataclass
class Row:
    part: InnsynskravDel
    number: str
    deadline: str
    overdue: bool
    status: str


def _tabs(user: Any, visible: InnsynskravDelQuerySet) -> list[Tab]:
    """ "All", one tab per service area the user handles, and "No service area" for those who handle all."""
    everything = handles_all(user)
    areas = ServiceArea.objects.all() if everything else ServiceArea.objects.filter(pk__in=area_ids(user))
    open_counts: dict[int | None, int] = dict(
        visible.undecided()
        .order_by()
        .values_list("journalpost__service_area_id")
        .annotate(n=Count("pk"))
        .values_list("journalpost__service_area_id", "n")
    )
    tabs = [Tab(str(area.pk), area.name, open_counts.get(area.pk, 0)) for area in areas]
    if everything:
        tabs.append(Tab(NO_AREA, _("No service area"), open_counts.get(None, 0)))
    if len(tabs) > 1:
        tabs.insert(0, Tab(ALL, _("All"), sum(open_counts.values())))
    return tabs


def _in_tab(visible: InnsynskravDelQuerySet, tab: str) -> InnsynskravDelQuerySet:
    if tab == ALL:
        return visible
    if tab == NO_AREA:
        return visible.filter(journalpost__service_area__isnull=True)
    return visible.filter(journalpost__service_area_id=int(tab))


@handler_required
def queue_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    visible = visible_parts(request.user)
    tabs = _tabs(request.user, visible)
    tab = str(request.GET.get("omrade", ""))
    if tab not in {t.value for t in tabs}:
        tab = tabs[0].value if tabs else ALL
    section = str(request.GET.get("vis", ""))
    if section not in SECTIONS:
        section = DEFAULT_SECTION
    in_tab = _in_tab(visible, tab)
    counts = queue_counts(in_tab, today)
    parts = section_parts(in_tab, section, today).select_related(
        "krav", "journalpost__saksmappe", "journalpost__service_area", "klage"
    )
    page = Paginator(parts, PER_PAGE).get_page(request.GET.get("p"))
    rows = []
    for part in page.object_list:
        deadline, overdue = deadline_in_words(part, today)
        if section == "klager":
            deadline, overdue = appeal_deadline_in_words(part.klage, today)
        rows.append(
            Row(part=part, number=entry_number(part), deadline=deadline, overdue=overdue, status=staff_status(part))
        )
    context = {
        "header_title": _("Access requests"),
        "breadcrumbs_items": [*breadcrumbs()[:1], {"url": "", "label": _("Access requests")}],
        "tabs": tabs,
        "tab": tab,
        "sections": [{"value": v, "label": label, "count": counts[v]} for v, label in SECTIONS.items()],
        "section": section,
        "page": page,
        "rows": rows,
    }
    return render(request, "innsyn/admin/queue.html", context)
