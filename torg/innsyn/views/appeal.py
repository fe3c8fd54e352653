"""/innsyn/klage/<token>/: the requester appeals a refusal or partial grant (offentleglova § 32).

The link comes in the decision letter and on Mi sak; the token names the part
(:mod:`torg.innsyn.handling.appeals`). The page shows the decision and a form; after the
appeal is sent, the same address shows that it was received and how far it has come.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..appeals import Innsynsklage
from ..forms import AppealForm
from ..handling import appeals
from ..handling.heimlar import heimel
from ..requests import WITHHOLDING


def _private(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = "private, no-store"
    # The token must not leak to other sites. Not "no-referrer": the browser would then send
    # "Origin: null" with the form, and Django's CSRF check would refuse it.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _crumbs() -> list[tuple[str, str]]:
    return [("/", _("Front page")), (reverse("innsyn:search"), _("Public journal"))]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def appeal(request: HttpRequest, token: str) -> HttpResponseBase:
    try:
        part = appeals.resolve(token)
    except appeals.LinkError as error:
        broken = {"expired": error.expired, "crumbs": _crumbs()}
        return _private(render(request, "innsyn/appeal_link.html", broken, status=410 if error.expired else 404))
    klage = Innsynsklage.objects.filter(part=part).first()
    form = AppealForm(request.POST or None) if request.method == "POST" else AppealForm()
    status = 200
    if request.method == "POST" and klage is None and part.status in WITHHOLDING:
        if form.is_valid():
            try:
                appeals.submit_appeal(part=part, text=form.cleaned_data["text"])
            except ValueError as error:
                form.add_error(None, str(error))
            else:
                return _private(HttpResponseRedirect(request.path))
        status = 400
    entry = part.journalpost
    context: dict[str, Any] = {
        "part": part,
        "klage": klage,
        "form": form,
        "number": f"{entry.journalaar}/{entry.journalsekvensnummer}",
        "title": entry.offentlig_tittel or _("(no public title)"),
        "basis": heimel(part.basis),
        "may_appeal": klage is None and part.status in WITHHOLDING,
        "crumbs": _crumbs(),
    }
    return _private(render(request, "innsyn/appeal.html", context, status=status))
