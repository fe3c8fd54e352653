"""The inbox on /mi-side/ and one item's page, for a logged-in resident."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from torg.subscriptions.views.common import mask_email

from .. import oidc, queries, session
from ..session import Resident
from ..sources import Redirect
from .common import home_crumbs, private, resident_required
from .login import index_logged_out


def _who(resident: Resident) -> str:
    if resident.kind == session.EMAIL:
        return _("You are logged in with the e-mail address %(email)s.") % {"email": mask_email(resident.value)}
    level = {
        "idporten-loa-substantial": _("substantial"),
        "idporten-loa-high": _("high"),
    }.get(oidc.OLD_LEVELS.get(resident.level, resident.level), resident.level)
    return _("You are logged in with ID-porten (security level: %(level)s).") % {"level": level}


def index(request: HttpRequest) -> HttpResponse:
    """/mi-side/: the login choice, or the inbox when a resident is logged in."""
    resident = session.current(request)
    if resident is None:
        return index_logged_out(request)
    context = {
        "resident": resident,
        "who": _who(resident),
        "items": queries.inbox(resident),
        "idle_minutes": session.idle_seconds() // 60,
        "crumbs": [("/", _("Front page"))],
    }
    return private(render(request, "minsak/inbox.html", context))


@resident_required
def item(request: HttpRequest, resident: Resident, source: str, key: str) -> HttpResponse:
    found = queries.item_page(resident, source, key)
    if found is None:
        return private(render(request, "minsak/not_found.html", {"crumbs": home_crumbs()}, status=404))
    if isinstance(found, Redirect):
        response = HttpResponseRedirect(found.url)
        private(response)
        response["Referrer-Policy"] = "no-referrer"  # the address carries the inquiry's key for one hop
        return response
    context = {"detail": found, "item": found.item, "who": _who(resident), "crumbs": home_crumbs()}
    return private(render(request, "minsak/item.html", context))
