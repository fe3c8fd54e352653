"""/tilbakemeldingar/: "Feedback and what we did" — the screened reports residents allowed us to show.

Only the public_* fields written by staff ever reach these pages, through
``PublicReport``: never the resident's own words, name or contact details.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from torg.core.models import ServiceArea
from torg.core.queries import municipality

from ..forms import PUBLIC_STATUS_CHOICES, FeedbackFilterForm
from ..models import OPEN_STATUSES, Inquiry, Status

PER_PAGE = 20
FEED_ITEMS = 30
_STATUS_FILTERS: dict[str, Any] = {
    "open": {"status__in": OPEN_STATUSES},
    "answered": {"status": Status.ANSWERED},
    "closed": {"status": Status.CLOSED},
}


def public_status(status: str) -> str:
    word = "open" if status in OPEN_STATUSES else "answered" if status == Status.ANSWERED else "closed"
    return str(dict(PUBLIC_STATUS_CHOICES)[word])


@dataclass(frozen=True)
class PublicReport:
    """What the public may see of an inquiry."""

    reference: str
    title: str
    text: str
    action: str
    kind: str
    area: str
    received: datetime.datetime
    status: str
    is_open: bool

    @classmethod
    def of(cls, inquiry: Inquiry) -> PublicReport:
        return cls(
            reference=inquiry.reference,
            title=inquiry.public_title,
            text=inquiry.public_text,
            action=inquiry.public_action,
            kind=str(inquiry.get_kind_display()),
            area=inquiry.area.name if inquiry.area else "",
            received=inquiry.received_at,
            status=public_status(inquiry.status),
            is_open=inquiry.status in OPEN_STATUSES,
        )

    @property
    def url(self) -> str:
        return reverse("inquiries:follow", args=[self.reference])


def _filtered(request: HttpRequest) -> tuple[FeedbackFilterForm, QuerySet[Inquiry]]:
    form = FeedbackFilterForm(request.GET or None, areas=list(ServiceArea.objects.all()))
    reports = Inquiry.objects.public().select_related("area").order_by("-received_at", "-pk")
    if area := form.value("omrade"):
        reports = reports.filter(area=form.areas[area])
    if kind := form.value("type"):
        reports = reports.filter(kind=kind)
    if status := form.value("status"):
        reports = reports.filter(**_STATUS_FILTERS[status])
    return form, reports


# Not kept in the page cache: a report taken off the page must disappear at once.
@require_GET
@cache_control(no_cache=True)
def feedback_list(request: HttpRequest) -> HttpResponse:
    form, reports = _filtered(request)
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("side"))
    context = {
        "filter_form": form,
        "filtered": any(form.value(name) for name in form.fields),
        "page_obj": page,
        "reports": [PublicReport.of(inquiry) for inquiry in page.object_list],
        "crumbs": [("/", _("Front page"))],
    }
    return render(request, "inquiries/feedback_list.html", context)


class PublicFeedbackFeed(Feed):
    """Atom feed of the public reports (the same filters as the page)."""

    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "no-cache"
        return response

    def title(self) -> str:
        return _("Feedback and what we did – %(name)s") % {"name": municipality().name}

    def subtitle(self) -> str:
        return _("What residents reported, and how we followed it up.")

    def link(self) -> str:
        return reverse("public_feedback")

    def items(self) -> list[PublicReport]:
        _form, reports = _filtered(self.request)
        return [PublicReport.of(inquiry) for inquiry in reports[:FEED_ITEMS]]

    def item_title(self, item: PublicReport) -> str:
        return item.title

    def item_description(self, item: PublicReport) -> str:
        parts = [item.text, f"{_('Status')}: {item.status}"]
        if item.action:
            parts.append(f"{_('What we did')}: {item.action}")
        return "\n\n".join(parts)

    def item_link(self, item: PublicReport) -> str:
        return item.url

    def item_pubdate(self, item: PublicReport) -> datetime.datetime:
        return item.received

    def item_categories(self, item: PublicReport) -> list[str]:
        return [c for c in (item.kind, item.area) if c]
