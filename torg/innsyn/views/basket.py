"""The basket (kept in the session) and the access request: /innsyn/korg/, /innsyn/stadfest/<token>/."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from torg.inquiries import ratelimit
from torg.minsak.actions import link_to_current_resident
from torg.subscriptions.views.common import mask_email, private

from ..forms import RequestForm
from ..queries import published_entries
from ..requests import MAX_ENTRIES, request_by_token, submit_request, verify_request
from . import common


def rate_limit_per_hour() -> int:
    try:
        return int(getattr(settings, "TORG_INNSYN_RATE_LIMIT_PER_HOUR", 20))
    except (TypeError, ValueError):
        return 20


def _entry_id(request: HttpRequest) -> int | None:
    value = str(request.POST.get("journalpost", ""))[:12]
    return int(value) if value.isascii() and value.isdigit() and 0 < int(value) < 2**31 else None


def _back(request: HttpRequest) -> HttpResponseRedirect:
    target = str(request.POST.get("neste", ""))[:2000]
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("innsyn:basket")
    return HttpResponseRedirect(target)


@require_POST
def basket_add(request: HttpRequest) -> HttpResponse:
    pk = _entry_id(request)
    ids = common.basket_ids(request)
    if pk is not None and pk not in ids and len(ids) < MAX_ENTRIES and published_entries().filter(pk=pk).exists():
        common.set_basket(request, [*ids, pk])
    return _back(request)


@require_POST
def basket_remove(request: HttpRequest) -> HttpResponse:
    pk = _entry_id(request)
    common.set_basket(request, [i for i in common.basket_ids(request) if i != pk])
    return HttpResponseRedirect(reverse("innsyn:basket"))


def _basket_page(request: HttpRequest, form: RequestForm, *, status: int = 200, limited: bool = False) -> HttpResponse:
    ids = common.basket_ids(request)
    entries = {e.pk: e for e in published_entries().filter(pk__in=ids).select_related("saksmappe")}
    rows = [
        {
            "pk": e.pk,
            "title": e.offentlig_tittel,
            "number": f"{e.journalaar}/{e.journalsekvensnummer}",
            "case_number": e.saksmappe.saksnummer,
            "date": e.journaldato,
        }
        for e in (entries[i] for i in ids if i in entries)
    ]
    context: dict[str, Any] = {
        "form": form,
        "rows": rows,
        "limited": limited,
        "crumbs": common.crumbs(),
    }
    return private(render(request, "innsyn/basket.html", context, status=status))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def basket(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _basket_page(request, RequestForm())
    form = RequestForm(request.POST)
    if not ratelimit.hit("innsyn-request", ratelimit.client_id(request), rate_limit_per_hour()):
        form.is_valid()
        return _basket_page(request, form, status=429, limited=True)
    if not form.is_valid():
        return _basket_page(request, form, status=400)
    try:
        krav, _token = submit_request(
            email=form.cleaned_data["email"],
            entry_ids=common.basket_ids(request),
            message=form.cleaned_data["message"],
        )
    except ValueError as error:
        form.add_error(None, str(error))
        return _basket_page(request, form, status=400)
    link_to_current_resident(request, source="innsyn", object_id=krav.pk)
    common.set_basket(request, [])
    request.session[common.RECEIPT] = {"email": mask_email(krav.email), "count": krav.delar.count()}
    return private(HttpResponseRedirect(reverse("innsyn:receipt")))


@never_cache
@require_http_methods(["GET", "HEAD"])
def receipt(request: HttpRequest) -> HttpResponse:
    sent = request.session.get(common.RECEIPT)
    if not isinstance(sent, dict):
        return HttpResponseRedirect(reverse("innsyn:basket"))
    context = {"sent": sent, "crumbs": common.crumbs((reverse("innsyn:basket"), _("Basket")))}
    return private(render(request, "innsyn/receipt.html", context))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners open links); POST verifies the request."""
    crumbs = common.crumbs()
    if request.method != "POST":
        krav = request_by_token(token)
        context = {"krav": krav, "done": False, "crumbs": crumbs}
        return private(render(request, "innsyn/verify.html", context, status=200 if krav else 404))
    krav = verify_request(token=token)
    context = {"krav": krav, "done": krav is not None, "crumbs": crumbs}
    return private(render(request, "innsyn/verify.html", context, status=200 if krav else 404))
