"""What every Servicetorget back-office view shares: who may come in, the page frame, deadlines in words."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from torg.core import backoffice

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


NO_ACCESS = gettext_lazy("You do not handle inquiries. Ask your leader if you should.")

# Only staff who handle inquiries (in some service area, or all) come in.
staff_required = backoffice.gate(queries.is_inquiry_staff, NO_ACCESS)


def handled_inquiry(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Load the inquiry ``pk`` and let the view run only for someone who may handle it."""

    @wraps(view)
    def wrapped(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not queries.is_inquiry_staff(request.user):
            return backoffice.forbidden(request, NO_ACCESS)
        inquiry = get_object_or_404(
            Inquiry.objects.select_related("area", "service", "assigned_to", "registered_by"), pk=pk
        )
        if not queries.can_handle(request.user, inquiry):
            return backoffice.forbidden(request, _("This inquiry belongs to a service area you do not handle."))
        return view(request, inquiry, *args, **kwargs)

    return wrapped


def queue_url() -> str:
    return reverse("servicetorget:queue")


def case_url(inquiry: Inquiry, anchor: str = "") -> str:
    url = reverse("servicetorget:case", args=[inquiry.pk])
    return f"{url}#{anchor}" if anchor else url


def breadcrumbs(*items: tuple[str, str]) -> list[dict[str, str]]:
    """Home › Servicetorget › …; the last item is the current page (no link)."""
    return backoffice.breadcrumbs((queue_url(), "Servicetorget"), *items)


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
    return backoffice.due_in_words(days, passed=inquiry.due_at < now)
