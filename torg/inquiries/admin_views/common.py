"""What every Servicetorget back-office view shares: who may come in, the page frame, deadlines in words."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import queries
from ..models import Inquiry, Status

# The statuses as staff say them (the model's labels speak to the resident: "Waiting for you").
STAFF_STATUS = {
    Status.NEW: gettext_lazy("New"),
    Status.IN_PROGRESS: gettext_lazy("Being handled"),
    Status.WAITING: gettext_lazy("Waiting for the resident"),
    Status.ANSWERED: gettext_lazy("Answered"),
    Status.CLOSED: gettext_lazy("Closed"),
}


def staff_status(inquiry: Inquiry) -> str:
    return str(STAFF_STATUS.get(Status(inquiry.status), inquiry.status))


def forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    """A plain 403 page in the back office (Wagtail would turn PermissionDenied into a redirect)."""
    context = {
        "header_title": _("No access"),
        "message": message or _("You do not handle inquiries. Ask your leader if you should."),
    }
    return render(request, "inquiries/admin/forbidden.html", context, status=403)


def staff_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Only staff who handle inquiries (in some service area, or all) come in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not queries.is_inquiry_staff(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapped


def handled_inquiry(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Load the inquiry ``pk`` and let the view run only for someone who may handle it."""

    @wraps(view)
    def wrapped(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not queries.is_inquiry_staff(request.user):
            return forbidden(request)
        inquiry = get_object_or_404(
            Inquiry.objects.select_related("area", "service", "assigned_to", "registered_by"), pk=pk
        )
        if not queries.can_handle(request.user, inquiry):
            return forbidden(request, _("This inquiry belongs to a service area you do not handle."))
        return view(request, inquiry, *args, **kwargs)

    return wrapped


def queue_url() -> str:
    return reverse("servicetorget:queue")


def case_url(inquiry: Inquiry, anchor: str = "") -> str:
    url = reverse("servicetorget:case", args=[inquiry.pk])
    return f"{url}#{anchor}" if anchor else url


def breadcrumbs(*items: tuple[str, str]) -> list[dict[str, str]]:
    """Home › Servicetorget › …; the last item is the current page (no link)."""
    trail = [{"url": reverse("wagtailadmin_home"), "label": _("Home")}, {"url": queue_url(), "label": "Servicetorget"}]
    return trail + [{"url": url, "label": label} for url, label in items]


def summary(inquiry: Inquiry, words: int = 12) -> str:
    """The title, or the first words of the text: enough to recognise the case, not the whole story."""
    from django.utils.text import Truncator

    return inquiry.title or Truncator(" ".join(inquiry.text.split())).words(words, truncate=" …")


def deadline_in_words(inquiry: Inquiry, now: datetime.datetime | None = None) -> tuple[str, bool]:
    """The deadline said in words (not only in colour) and whether it has passed."""
    now = now or timezone.now()
    if inquiry.status == Status.WAITING:
        return _("Paused: waiting for the resident"), False
    if inquiry.status in (Status.ANSWERED, Status.CLOSED):
        return (_("Answered") if inquiry.status == Status.ANSWERED else _("Closed")), False
    days = (timezone.localdate(inquiry.due_at) - timezone.localdate(now)).days
    if inquiry.due_at < now:
        late = max(-days, 1)
        return ngettext("Overdue by %(days)d day", "Overdue by %(days)d days", late) % {"days": late}, True
    if days == 0:
        return _("Due today"), False
    if days == 1:
        return _("Due tomorrow"), False
    return ngettext("Due in %(days)d day", "Due in %(days)d days", days) % {"days": days}, False
