"""Pieces shared by Mi sak's pages: private headers, breadcrumbs, the resident check."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .. import session
from ..session import Resident

ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)


def private(response: ResponseT) -> ResponseT:
    """Headers for a page only one resident may see: not cached, not indexed, no Referer to other sites.

    "same-origin" rather than "no-referrer": with no-referrer, browsers send ``Origin: null``
    on the page's own form posts, and Django's CSRF check refuses them.
    """
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [("/", _("Front page")), *extra]


def home_crumbs() -> list[tuple[str, str]]:
    return crumbs((reverse("minsak:index"), _("My cases")))


def expired_notice(request: HttpRequest) -> None:
    """Tell the resident, once, that they were logged out for being away too long."""
    if session.was_logged_out_for_inactivity(request):
        messages.info(request, _("You were logged out because you were away for a while. Log in again."))


def resident_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run ``view(request, resident, ...)`` for a logged-in resident; others go to the login page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        resident: Resident | None = session.current(request)
        if resident is None:
            expired_notice(request)
            return private(HttpResponseRedirect(reverse("minsak:index")))
        return view(request, resident, *args, **kwargs)

    return wrapper
