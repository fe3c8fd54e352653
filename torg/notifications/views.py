"""Delivery-report callback for the SMS provider (``POST …/sms/rapport/?token=…``).

Accepts one report or a list, as JSON or form fields: our reference (``ref``, or LINK's
``refId``; else the provider's ``id``/``messageId``) and the outcome (``status``: delivered/ok/
true/DELIVRD count as delivered; ``resultCode``/``statusCode`` 1001 too). ``permanent`` (or a
status of invalid/unknown/barred) says the number can never receive. The token is
``TORG_SMS_REPORT_TOKEN``, in the query string (``token``) or the ``X-Torg-Token`` header.
Bad input gets 400 with a Nynorsk JSON error, never a 500.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .delivery import record_delivery_report
from .models import Channel

DELIVERED = {"delivered", "ok", "true", "1", "delivrd", "success", "sent"}
PERMANENT = {"invalid", "unknown", "barred", "rejected", "undeliverable"}
LINK_DELIVERED = {1001, "1001"}
MAX_REPORTS = 5000


def _token_ok(request: HttpRequest) -> bool:
    expected = str(getattr(settings, "TORG_SMS_REPORT_TOKEN", "") or "")
    given = request.GET.get("token") or request.headers.get("X-Torg-Token", "")
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def _reports(request: HttpRequest) -> list[dict[str, Any]]:
    if request.content_type == "application/json":
        data = json.loads(request.body or b"null")
    else:
        data = {key: request.POST.get(key) for key in request.POST}
    items = data if isinstance(data, list) else [data]
    if not items or len(items) > MAX_REPORTS or not all(isinstance(i, dict) for i in items):
        raise ValueError
    return items


def _parse(item: dict[str, Any]) -> tuple[str, bool, bool, str]:
    ref = str(item.get("ref") or item.get("refId") or item.get("id") or item.get("messageId") or "").strip()
    status = str(item.get("status") or "").strip().lower()
    code = item.get("resultCode", item.get("statusCode"))
    if not ref or len(ref) > 255 or (not status and code is None):
        raise ValueError
    delivered = status in DELIVERED or code in LINK_DELIVERED
    permanent = status in PERMANENT or str(item.get("permanent", "")).lower() in {"1", "true", "yes"}
    error = "" if delivered else str(item.get("error") or item.get("errorDesc") or status or code)[:500]
    return ref, delivered, permanent, error


@csrf_exempt
@require_POST
def sms_report(request: HttpRequest) -> JsonResponse:
    if not _token_ok(request):
        return JsonResponse({"error": _("The report token is missing or wrong.")}, status=403)
    try:
        parsed = [_parse(item) for item in _reports(request)]
    except (ValueError, TypeError, AttributeError, UnicodeDecodeError):
        return JsonResponse(
            {"error": _("We could not read the delivery report. Send JSON or form fields with ref and status.")},
            status=400,
        )
    matched = 0
    for ref, delivered, permanent, error in parsed:
        delivery = record_delivery_report(
            channel=Channel.SMS, provider_ref=ref, delivered=delivered, permanent=permanent, error=error
        )
        matched += delivery is not None
    return JsonResponse({"received": len(parsed), "matched": matched})
