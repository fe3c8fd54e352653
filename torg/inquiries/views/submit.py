"""/servicetorget/: the form, the receipt after sending, and the map's GeoJSON."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from torg.core.queries import municipality
from torg.minsak.actions import link_to_current_resident

from .. import actions, queries, ratelimit
from ..actions import Contact
from ..forms import KIND_HELP, InquiryForm, ServiceChoices
from ..models import Channel, Inquiry, Kind
from . import access

DEFAULT_BOUNDS = (60.30, 5.20, 60.50, 5.60)  # south, west, north, east


def map_bounds() -> tuple[float, float, float, float]:
    """The map's box (south, west, north, east) from TORG_MAP_BOUNDS; the default if it is not usable."""
    try:
        south, west, north, east = (float(v) for v in getattr(settings, "TORG_MAP_BOUNDS", DEFAULT_BOUNDS))
    except (TypeError, ValueError):
        return DEFAULT_BOUNDS
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        return DEFAULT_BOUNDS
    return south, west, north, east


def _kept_input(data: Any) -> dict[str, str]:
    """What the resident typed, to show again in an unvalidated form (files cannot be kept)."""
    return {name: str(value) for name, value in data.items() if name not in ("csrfmiddlewaretoken", "website")}


def _routine(table: list[dict[str, Any]]) -> dict[str, Any]:
    kinds = list(Kind)
    default_days = table[0]["days"] if table else [queries.routine_days(None, kind) for kind in kinds]
    return {
        "kinds": [
            {"value": kind.value, "label": kind.label, "help": KIND_HELP[kind], "days": days}
            for kind, days in zip(kinds, default_days, strict=True)
        ],
        "table": table,
        "by_area": len(table) > 1,
    }


def _render_form(request: HttpRequest, form: InquiryForm, *, status: int = 200, limited: bool = False) -> HttpResponse:
    south, west, north, east = map_bounds()
    context = {
        "form": form,
        "routine": _routine(queries.routine_table()),
        "limited": limited,
        "max_files": settings.TORG_INQUIRY_MAX_FILES,
        "max_mb": settings.TORG_INQUIRY_MAX_FILE_BYTES // (1024 * 1024),
        "keep_days": settings.TORG_INQUIRY_KEEP_DAYS,
        "bounds": f"{south},{west},{north},{east}",
        "crumbs": access.crumbs()[:1],
        "complaint": Kind.COMPLAINT.value,
        "feedback": Kind.FEEDBACK.value,
    }
    return render(request, "inquiries/form.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def inquiry_form(request: HttpRequest) -> HttpResponse:
    """Ask, give feedback, complain or report an error. ?teneste=<page id> picks the service."""
    choices = ServiceChoices.load()
    if request.method != "POST":
        initial: dict[str, str] = {}
        service = request.GET.get("teneste", "")
        if f"teneste-{service}" in choices.targets:
            initial["about"] = f"teneste-{service}"
        if request.GET.get("type", "") in Kind.values:
            initial["kind"] = request.GET["type"]
        return _render_form(request, InquiryForm(initial=initial, service_choices=choices))
    if not ratelimit.allowed(request, "inquiry-form"):
        form = InquiryForm(initial=_kept_input(request.POST), service_choices=choices)
        return _render_form(request, form, status=429, limited=True)
    form = InquiryForm(request.POST, request.FILES, service_choices=choices)
    if form.is_valid():
        data = form.cleaned_data
        contact = Contact(name=data["contact_name"], email=data["email"], phone=data["phone"])
        try:
            submitted = actions.submit_inquiry(channel=Channel.WEB, contact=contact, **form.submission())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            link_to_current_resident(request, source="servicetorget", object_id=submitted.inquiry.pk)
            access.grant(request, submitted.inquiry)
            url = reverse("inquiries:receipt", args=[submitted.inquiry.reference])
            return access.private(HttpResponseRedirect(url))
    return _render_form(request, form, status=400)


def mask_email(address: str) -> str:
    """kari@example.org → k***@example.org"""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def mask_phone(number: str) -> str:
    """+4791234567 → +47 *** ** 567"""
    if number.startswith("+47") and len(number) == 11:
        return f"+47 *** ** {number[-3:]}"
    return f"{number[:3]}***{number[-3:]}" if len(number) > 6 else "***"


def private_link(request: HttpRequest, inquiry: Inquiry) -> str:
    return request.build_absolute_uri(inquiry.get_absolute_url()) + "?k=" + inquiry.access_key()


@never_cache
@require_GET
def receipt(request: HttpRequest, reference: str) -> HttpResponse:
    inquiry = access.find(reference)
    key = request.GET.get("k")
    if inquiry is not None and key is not None and inquiry.key_matches(key):
        access.grant(request, inquiry)
        return access.private(HttpResponseRedirect(request.path))
    if inquiry is None or not access.has_access(request, inquiry):
        return access.not_found(request)
    if inquiry.contact_email:
        sent_to, sent_by = mask_email(inquiry.contact_email), "email"
    elif inquiry.contact_phone:
        sent_to, sent_by = mask_phone(inquiry.contact_phone), "sms"
    else:
        sent_to, sent_by = "", ""
    context = {
        "inquiry": inquiry,
        "due": timezone.localtime(inquiry.due_at),
        "sent_to": sent_to,
        "sent_by": sent_by,
        "link": private_link(request, inquiry),
        "follow_url": inquiry.get_absolute_url(),
        "crumbs": access.crumbs(),
        "municipality": municipality(),
    }
    return access.private(render(request, "inquiries/receipt.html", context))


@require_GET
@cache_control(public=True, max_age=3600)
def map_geojson(request: HttpRequest) -> JsonResponse:
    """The area the map shows, as a GeoJSON FeatureCollection (for now the box TORG_MAP_BOUNDS)."""
    south, west, north, east = map_bounds()
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    data = {
        "type": "FeatureCollection",
        "bbox": [west, south, east, north],
        "features": [
            {
                "type": "Feature",
                "properties": {"name": municipality().name, "role": "bounds"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    return JsonResponse(data, content_type="application/geo+json")
