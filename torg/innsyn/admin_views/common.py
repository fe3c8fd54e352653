"""What every innsyn back-office view shares: who may come in, the page frame, deadlines in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from torg.core import backoffice

from ..appeals import Innsynsklage
from ..handling.access import is_handler, may_handle
from ..requests import InnsynskravDel, InnsynskravStatus

AUDIT_PURPOSE = "innsyn"
MAX_PK = 2**63 - 1

# The decisions as staff say them.
STAFF_STATUS = {
    InnsynskravStatus.NY: gettext_lazy("Not decided"),
    InnsynskravStatus.INNVILGA: gettext_lazy("Granted"),
    InnsynskravStatus.DELVIS: gettext_lazy("Partly granted"),
    InnsynskravStatus.AVSLATT: gettext_lazy("Refused"),
}


def staff_status(part: InnsynskravDel) -> str:
    return str(STAFF_STATUS.get(InnsynskravStatus(part.status), part.status))


NO_ACCESS = gettext_lazy("You do not handle access requests. Ask your leader if you should.")

# Only staff who handle access requests (in some service area, or all) come in.
handler_required = backoffice.gate(is_handler, NO_ACCESS)


def handled_part(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Load the part ``pk`` (of a verified request) and run the view only for someone who may decide it."""

    @wraps(view)
    def wrapped(request: HttpRequest, pk: int, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_handler(request.user):
            return backoffice.forbidden(request, NO_ACCESS)
        if pk > MAX_PK:
            raise Http404
        part = (
            InnsynskravDel.objects.for_handlers()
            .select_related("krav", "journalpost__saksmappe", "journalpost__service_area", "decided_by")
            .filter(pk=pk)
            .first()
        )
        if part is None:
            raise Http404
        if not may_handle(request.user, part):
            return backoffice.forbidden(request, _("This access request belongs to a service area you do not handle."))
        return view(request, part, *args, **kwargs)

    return wrapped


def queue_url() -> str:
    return reverse("innsyn_admin:queue")


def case_url(part: InnsynskravDel, anchor: str = "") -> str:
    url = reverse("innsyn_admin:case", args=[part.pk])
    return f"{url}#{anchor}" if anchor else url


def breadcrumbs(*items: tuple[str, str]) -> list[dict[str, str]]:
    """Home › Access requests › …; the last item is the current page."""
    return backoffice.breadcrumbs((queue_url(), _("Access requests")), *items)


def entry_number(part: InnsynskravDel) -> str:
    return f"{part.journalpost.journalaar}/{part.journalpost.journalsekvensnummer}"


def deadline_in_words(part: InnsynskravDel, today: dt.date | None = None) -> tuple[str, bool]:
    """The deadline said in words (not only in colour) and whether it has passed undecided."""
    if part.status != InnsynskravStatus.NY:
        return staff_status(part), False
    today = today or timezone.localdate()
    return backoffice.due_in_words((part.deadline - today).days)


def appeal_deadline_in_words(klage: Innsynsklage, today: dt.date | None = None) -> tuple[str, bool]:
    """An open appeal's deadline in words ("Appeal: due in 2 days") and whether it has passed."""
    if not klage.is_open:
        return str(klage.get_outcome_display()), False
    words, late = backoffice.due_in_words((klage.deadline - (today or timezone.localdate())).days)
    return _("Appeal: %(deadline)s") % {"deadline": words}, late
