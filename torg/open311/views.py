"""The Open311 GeoReport v2 endpoints under /open311/v2/.

Every answer is JSON or XML by the address's ending (``services.json``,
``services.xml``); every error is an Open311 error list with the right HTTP
status (403 for a missing or wrong api_key, 404 for what does not exist,
400 for the rest, 429 when an app posts too much). Reading needs no key;
posting a service request does. Torg answers at once (service type
"realtime"), so a POST returns the service_request_id and no token.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from torg.core.queries import municipality
from torg.inquiries.actions import Contact, submit_inquiry
from torg.inquiries.models import OPEN_STATUSES, Channel, Inquiry, Kind

from . import catalogue, forms, openapi, queries, render
from .actions import note_api_client_used
from .models import ApiClient
from .serialize import request_data

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this API last changed (the discovery document's "changeset").
CHANGESET = "2026-11-26T00:00:00Z"

View = Callable[..., HttpResponse]


def _param(request: HttpRequest, name: str) -> str:
    """A parameter from the form body (POST) or the query string."""
    if request.method == "POST":
        value = forms.param(request.POST, name)
        if value:
            return value
    return forms.param(request.GET, name)


def open311(*methods: str) -> Callable[[View], View]:
    """An Open311 endpoint: allowed methods, the jurisdiction check, and bad input as Open311 errors."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, fmt: str = render.JSON, **kwargs: Any) -> HttpResponse:
            allowed = (*methods, "HEAD") if "GET" in methods else methods
            if request.method not in allowed:
                response = render.error(fmt, 405, _("Use %(methods)s here.") % {"methods": " or ".join(methods)})
                response["Allow"] = ", ".join(methods)
                return response
            try:
                given = _param(request, "jurisdiction_id")
                ours = queries.jurisdiction_id()
                if given and ours and given != ours:
                    return render.error(
                        fmt, 404, _("Unknown jurisdiction_id. This endpoint serves %(ours)s.") % {"ours": ours}
                    )
                return view(request, *args, fmt=fmt, **kwargs)
            except RequestDataTooBig:
                return render.error(fmt, 413, _("The request is too large. Send less text."))
            except (TooManyFieldsSent, UnreadablePostError, SuspiciousOperation, MultiPartParserError):
                return render.error(fmt, 400, _("The request could not be read. Send it form-encoded in UTF-8."))

        return wrapper

    return decorate


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("open311:root")).rstrip("/")


@open311("GET")
def discovery(request: HttpRequest, *, fmt: str) -> HttpResponse:
    """Service discovery: where the GeoReport v2 endpoint is and which formats it speaks."""
    town = municipality()
    reach = ", ".join(part for part in (town.email, town.phone) if part)
    data = {
        "changeset": CHANGESET,
        "contact": _("Questions about this API: %(reach)s") % {"reach": reach or town.name},
        "key_service": _("Ask %(reach)s for an API key to post service requests.") % {"reach": reach or town.name},
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": _base_url(request),
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render.respond(fmt, "discovery", data)


@open311("GET")
def services(request: HttpRequest, *, fmt: str) -> HttpResponse:
    return render.respond(fmt, "services", [service.as_dict() for service in catalogue.services()])


@open311("GET")
def service_definition(request: HttpRequest, code: str, *, fmt: str) -> HttpResponse:
    service = catalogue.find_service(code)
    if service is None:
        return render.error(fmt, 404, _("Unknown service_code. See services.json for the codes."))
    return render.respond(fmt, "service_definition", catalogue.definition(service))


@open311("GET", "POST")
def requests(request: HttpRequest, *, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _post_request(request, fmt)
    filters, problems = forms.parse_filters(request.GET, timezone.now())
    if problems:
        return render.errors(fmt, 400, problems)
    inquiries = queries.listed_inquiries()
    if filters.references is not None:
        inquiries = inquiries.filter(reference__in=filters.references)
    else:
        inquiries = inquiries.filter(received_at__gte=filters.start, received_at__lte=filters.end)
        if filters.service_codes:
            inquiries = inquiries.filter(catalogue.q_for_codes(filters.service_codes))
        if filters.statuses == {"open"}:
            inquiries = inquiries.filter(status__in=OPEN_STATUSES)
        elif filters.statuses == {"closed"}:
            inquiries = inquiries.exclude(status__in=OPEN_STATUSES)
    found = inquiries.order_by("-received_at", "-pk")[: forms.MAX_REQUESTS]
    return render.respond(fmt, "service_requests", [request_data(inquiry) for inquiry in found])


@open311("GET")
def request_detail(request: HttpRequest, reference: str, *, fmt: str) -> HttpResponse:
    inquiry = _find_listed(reference)
    if inquiry is None:
        return render.error(fmt, 404, _("Unknown service_request_id. Check the reference."))
    return render.respond(fmt, "service_requests", [request_data(inquiry)])


@open311("GET")
def token(request: HttpRequest, token: str, *, fmt: str) -> HttpResponse:
    return render.error(
        fmt, 404, _("Unknown token. This endpoint issues no tokens: posting a request returns its service_request_id.")
    )


@csrf_exempt
def openapi_document(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        response = render.error(render.JSON, 405, _("Use GET here."))
        response["Allow"] = "GET"
        return response
    response = JsonResponse(openapi.document(reverse("open311:root").rstrip("/")), json_dumps_params={"indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    fmt = render.XML if rest.endswith(".xml") else render.JSON
    return render.error(fmt, 404, _("Nothing here. Addresses end in .json or .xml; see discovery.json."))


def _find_listed(reference: str) -> Inquiry | None:
    reference = forms.clean_text(reference).upper()
    if not reference or len(reference) > 12:
        return None
    if not reference.startswith("ST-"):
        reference = "ST-" + reference
    return queries.listed_inquiries().filter(reference=reference).first()


# --- POST requests -----------------------------------------------------------


def _hourly_limit(client: ApiClient) -> int:
    if client.hourly_limit is not None:
        return client.hourly_limit
    return int(getattr(settings, "TORG_INQUIRY_RATE_LIMIT_PER_HOUR", 0) or 0)


def _counter_key(client: ApiClient) -> str:
    return f"torg:open311:posts:{client.pk}:{int(time.time() // 3600)}"


def _over_limit(client: ApiClient) -> bool:
    limit = _hourly_limit(client)
    return limit > 0 and int(cache.get(_counter_key(client), 0)) >= limit


def _count_post(client: ApiClient) -> None:
    key = _counter_key(client)
    cache.add(key, 0, 3700)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3700)


def _notice(inquiry: Inquiry) -> str:
    if inquiry.is_anonymous:
        return _("Thank you. We read every report, but cannot answer without an e-mail address or a mobile number.")
    due = formats.date_format(timezone.localtime(inquiry.due_at), "DATE_FORMAT")
    return _("Thank you. We will answer by %(date)s.") % {"date": due}


def _post_request(request: HttpRequest, fmt: str) -> HttpResponse:
    key = _param(request, "api_key")
    if not key:
        return render.error(fmt, 403, _("Send api_key. Ask the municipality for a key (see discovery.json)."))
    client = queries.client_for_key(key)
    if client is None:
        return render.error(fmt, 403, _("The api_key is wrong or stopped. Ask the municipality for a new key."))
    if _over_limit(client):
        response = render.error(fmt, 429, _("Too many service requests from this app this hour. Try again later."))
        response["Retry-After"] = str(3600 - int(time.time()) % 3600)
        return response
    new, problems = forms.parse_new_request(request.POST)
    if problems:
        return render.errors(fmt, 400, problems)
    service = catalogue.find_service(new.service_code)
    if service is None:
        return render.error(fmt, 404, _("Unknown service_code. See services.json for the codes."))
    contact = Contact(name=new.name, email=new.email, phone=new.phone)
    kind = new.kind or (catalogue.DEFAULT_KIND if (new.email or new.phone) else Kind.FEEDBACK)
    try:
        submitted = submit_inquiry(
            kind=kind,
            text=new.description,
            channel=Channel.OPEN311,
            contact=contact,
            title=new.title,
            area=service.area,
            service=service.page,
            address=new.address,
            latitude=new.latitude,
            longitude=new.longitude,
            wants_public=new.wants_public,
            client_name=client.name,
        )
    except ValidationError as problem:
        return render.errors(fmt, 400, problem.messages)
    note_api_client_used(client=client)
    _count_post(client)
    inquiry = submitted.inquiry
    body = [{"service_request_id": inquiry.reference, "service_notice": _notice(inquiry), "account_id": None}]
    return render.respond(fmt, "service_requests", body, cors=False)
