"""The queue (/admin/servicetorget/): a tab per service area, sections by what needs doing, search.

The list shows what a handler needs to pick the next case: reference, the
title or first words, type, channel, received, deadline in words, handler
and status. No contact details: they are on the case page, where every view
is logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from torg.core.models import ServiceArea

from .. import deadlines, queries
from ..admin_forms import user_label
from ..models import OPEN_STATUSES, Inquiry, Status
from .common import breadcrumbs, deadline_in_words, staff_required, staff_status, summary

PER_PAGE = 50
ALL = ""
NO_AREA = "utan"
REFERENCE = re.compile(r"^(ST-?)?[2-9A-HJ-NP-Z]{6}$", re.IGNORECASE)

# URL value -> (label, counted by queue_counts under this name).
SECTIONS: dict[str, tuple[Any, str | None]] = {
    "opne": (gettext_lazy("All open"), None),
    "nye": (gettext_lazy("New"), "new"),
    "snart": (gettext_lazy("Due soon"), "due_soon"),
    "forfalne": (gettext_lazy("Overdue"), "overdue"),
    "ventar": (gettext_lazy("Waiting for the resident"), "waiting"),
    "lukka": (gettext_lazy("Answered and closed"), None),
}
DEFAULT_SECTION = "opne"
ACTIVE = (Status.NEW, Status.IN_PROGRESS)


@dataclass
class Tab:
    value: str
    label: str
    open_count: int


@dataclass
class Row:
    inquiry: Inquiry
    summary: str
    deadline: str
    overdue: bool
    preliminary_due: bool
    handler: str
    status: str


def _tabs(user: Any, visible: QuerySet[Inquiry]) -> list[Tab]:
    """ "All", one tab per service area the user handles, and "No service area" for those who handle all."""
    handles_all = queries.handles_all(user)
    areas = (
        ServiceArea.objects.all() if handles_all else ServiceArea.objects.filter(pk__in=queries.handled_area_ids(user))
    )
    open_counts = dict(
        visible.filter(status__in=OPEN_STATUSES).order_by().values_list("area_id").annotate(n=Count("pk"))
    )
    tabs = [Tab(str(area.pk), area.name, open_counts.get(area.pk, 0)) for area in areas]
    if handles_all:
        tabs.append(Tab(NO_AREA, _("No service area"), open_counts.get(None, 0)))
    if len(tabs) > 1:
        tabs.insert(0, Tab(ALL, _("All"), sum(open_counts.values())))
    return tabs


def _in_tab(visible: QuerySet[Inquiry], tab: str) -> QuerySet[Inquiry]:
    if tab == ALL:
        return visible
    if tab == NO_AREA:
        return visible.filter(area__isnull=True)
    return visible.filter(area_id=int(tab))


def _in_section(inquiries: QuerySet[Inquiry], section: str, now: Any) -> QuerySet[Inquiry]:
    soon = deadlines.end_of_day(deadlines.add_working_days(timezone.localdate(now), 1))
    if section == "nye":
        return inquiries.filter(status=Status.NEW).order_by("due_at", "pk")
    if section == "snart":
        return inquiries.filter(status__in=ACTIVE, due_at__gte=now, due_at__lte=soon).order_by("due_at", "pk")
    if section == "forfalne":
        return inquiries.filter(status__in=ACTIVE, due_at__lt=now).order_by("due_at", "pk")
    if section == "ventar":
        return inquiries.filter(status=Status.WAITING).order_by("paused_at", "pk")
    if section == "lukka":
        return inquiries.filter(status__in=(Status.ANSWERED, Status.CLOSED)).order_by("-received_at", "-pk")
    return inquiries.filter(status__in=OPEN_STATUSES).order_by("due_at", "pk")


def _search(inquiries: QuerySet[Inquiry], query: str) -> QuerySet[Inquiry]:
    """By reference (with or without "ST-") or by words in the title and text (every word must be there)."""
    words = query.split()[:8]
    if len(words) == 1 and REFERENCE.match(words[0]):
        code = words[0].upper().removeprefix("ST").lstrip("-")
        by_reference = inquiries.filter(reference=f"ST-{code}")
        if by_reference.exists():
            return by_reference
    for word in words:
        inquiries = inquiries.filter(Q(reference__icontains=word) | Q(title__icontains=word) | Q(text__icontains=word))
    return inquiries


@staff_required
def queue_page(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    visible = queries.visible_inquiries(user)
    tabs = _tabs(user, visible)
    tab = request.GET.get("omrade", "")
    if tab not in {t.value for t in tabs}:
        tab = tabs[0].value if tabs else ALL
    query = request.GET.get("q", "").strip()[:100]
    section = request.GET.get("vis", "")
    if section not in SECTIONS:
        section = "" if query else DEFAULT_SECTION  # a search looks in every status unless a section is chosen

    in_tab = _in_tab(visible, tab)
    counts = queries.queue_counts(in_tab, now=now)
    inquiries = _in_section(in_tab, section, now) if section else in_tab.order_by("-received_at", "-pk")
    if query:
        inquiries = _search(inquiries, query)
    page = Paginator(inquiries, PER_PAGE).get_page(request.GET.get("p"))
    rows = []
    for inquiry in page.object_list:
        deadline, overdue = deadline_in_words(inquiry, now)
        rows.append(
            Row(
                inquiry=inquiry,
                summary=summary(inquiry),
                deadline=deadline,
                overdue=overdue,
                preliminary_due=queries.needs_preliminary_answer(inquiry, now),
                handler=user_label(inquiry.assigned_to),
                status=staff_status(inquiry),
            )
        )
    sections = [
        {"value": value, "label": label, "count": counts.get(key) if key else None}
        for value, (label, key) in SECTIONS.items()
    ]
    context = {
        "header_title": "Servicetorget",
        "breadcrumbs_items": [*breadcrumbs()[:1], {"url": "", "label": "Servicetorget"}],
        "tabs": tabs,
        "tab": tab,
        "sections": sections,
        "section": section,
        "query": query,
        "counts": counts,
        "page": page,
        "rows": rows,
    }
    return render(request, "inquiries/admin/queue.html", context)
