"""What every back-office section shares: the 403 page, the gate for a staff role, breadcrumbs, deadlines in words.

Servicetorget, innsyn, crisis messages and places each add their own pages to Wagtail's
admin; they look and speak alike because they take these pieces from here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ViewFunc = Callable[..., HttpResponseBase]


def forbidden(request: HttpRequest, message: str | Promise) -> HttpResponse:
    """A plain 403 page that says why (Wagtail would turn PermissionDenied into a redirect to the dashboard)."""
    context = {"header_title": _("No access"), "message": str(message)}
    return render(request, "core/admin/forbidden.html", context, status=403)


def gate(allowed: Callable[[Any], bool], message: str | Promise) -> Callable[[ViewFunc], ViewFunc]:
    """A view decorator: only users for whom ``allowed(user)`` holds come in; the rest get ``message`` with a 403."""

    def decorate(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not allowed(request.user):
                return forbidden(request, message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def breadcrumbs(section: tuple[str, str], *items: tuple[str, str]) -> list[dict[str, str]]:
    """Home › section › …, for Wagtail's header; ``section`` and each item are (url, label), the last is the current page."""
    trail = [(reverse("wagtailadmin_home"), _("Home")), section, *items]
    return [{"url": url, "label": str(label)} for url, label in trail]


def due_in_words(days: int, *, passed: bool | None = None) -> tuple[str, bool]:
    """A deadline ``days`` from today said in words (not only in colour), and whether it has passed.

    ``passed`` overrides ``days < 0`` for deadlines with a time of day: one that passed earlier
    today is overdue by a day.
    """
    if passed is None:
        passed = days < 0
    if passed:
        late = max(-days, 1)
        return ngettext("Overdue by %(days)d day", "Overdue by %(days)d days", late) % {"days": late}, True
    if days == 0:
        return _("Due today"), False
    if days == 1:
        return _("Due tomorrow"), False
    return ngettext("Due in %(days)d day", "Due in %(days)d days", days) % {"days": days}, False
