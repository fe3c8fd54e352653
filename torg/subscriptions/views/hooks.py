"""Addresses for machines: the SMS reply webhook, the browser's push subscription, the service worker."""

from __future__ import annotations

import hmac
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from torg.notifications.sms import normalise_phone

from .. import actions
from . import common

SERVICE_WORKER = Path(__file__).resolve().parent.parent / "static" / "subscriptions" / "sw.js"
_KEY = re.compile(r"[A-Za-z0-9_\-=+/]{1,200}")
_SENDER_FIELDS = ("from", "sender", "msisdn", "number", "phone", "originator")
_TEXT_FIELDS = ("text", "message", "msg", "body")
_https = URLValidator(schemes=["https"])


def _json_body(request: HttpRequest) -> dict[str, Any] | None:
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _first(data: Any, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = data.get(name)
        if isinstance(value, (str, int)) and str(value).strip():
            return str(value)
    return None


def _given_token(request: HttpRequest) -> str:
    token = request.GET.get("token") or request.headers.get("X-Torg-Token", "")
    authorization = request.headers.get("Authorization", "")
    if not token and authorization.lower().startswith("bearer "):
        token = authorization[7:].strip()
    return str(token)


@csrf_exempt  # a provider's webhook, authenticated by TORG_SMS_INBOUND_TOKEN instead
@require_POST
def sms_inbound(request: HttpRequest) -> HttpResponse:
    """A reply to one of our SMS (from, text); the reply word (STOPP) unsubscribes that number."""
    expected = str(getattr(settings, "TORG_SMS_INBOUND_TOKEN", "") or "")
    if not expected:
        return JsonResponse({"error": "inbound SMS is not set up"}, status=404)
    if not hmac.compare_digest(_given_token(request).encode(), expected.encode()):
        return JsonResponse({"error": "wrong or missing token"}, status=403)
    content_type = request.content_type or ""
    data: Any = _json_body(request) if "json" in content_type else request.POST
    if data is None:
        return JsonResponse({"error": "the body is not a JSON object"}, status=400)
    sender, text = _first(data, _SENDER_FIELDS), _first(data, _TEXT_FIELDS)
    if sender is None or text is None or len(sender) > 40 or len(text) > 2000:
        return JsonResponse({"error": "give 'from' (the phone number) and 'text'"}, status=400)
    try:
        phone = normalise_phone(sender)
    except ValueError:
        return JsonResponse({"error": "'from' is not a phone number"}, status=400)
    unsubscribed = actions.unsubscribe_by_sms(phone=phone, text=text)
    return JsonResponse({"ok": True, "unsubscribed": bool(unsubscribed)})


def _push_error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"ok": False, "error": message}, status=status)


@require_POST
def push(request: HttpRequest) -> HttpResponse:
    """The page's script posts the browser's PushSubscription with the manage token (CSRF via header)."""
    data = _json_body(request)
    if data is None:
        return _push_error(_("We could not read the request. Reload the page and try again."))
    nested = data.get("subscription")
    subscription: dict[str, Any] = nested if isinstance(nested, dict) else data
    given_keys = subscription.get("keys")
    keys: dict[str, Any] = given_keys if isinstance(given_keys, dict) else {}
    token, endpoint = data.get("token"), subscription.get("endpoint")
    p256dh, auth = keys.get("p256dh"), keys.get("auth")
    if not all(isinstance(value, str) for value in (token, endpoint, p256dh, auth)):
        return _push_error(_("We could not read the request. Reload the page and try again."))
    assert isinstance(endpoint, str) and isinstance(p256dh, str) and isinstance(auth, str)  # for mypy
    try:
        _https(endpoint)
    except ValidationError:
        return _push_error(_("The browser gave an address we cannot use for notifications."))
    if len(endpoint) > 1000 or not _KEY.fullmatch(p256dh) or not _KEY.fullmatch(auth):
        return _push_error(_("The browser gave keys we cannot use for notifications."))
    subscriber = common.find_subscriber(str(token))
    if subscriber is None:
        return _push_error(_("We cannot find the subscription. Open the link in the latest message from us."), 404)
    if not (subscriber.email_confirmed_at or subscriber.phone_confirmed_at):
        return _push_error(_("Confirm the subscription first, with the link or the code we sent you."), 403)
    try:
        actions.add_push_subscription(subscriber=subscriber, endpoint=endpoint, p256dh=p256dh, auth=auth)
    except ValueError:
        return _push_error(_("The browser gave keys we cannot use for notifications."))
    return JsonResponse({"ok": True, "message": _("Notifications are on in this browser.")}, status=201)


@cache
def _service_worker_source() -> bytes:
    return SERVICE_WORKER.read_bytes()


@require_GET
@cache_control(max_age=0, no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker that shows push notifications; its scope is /abonnement/."""
    response = HttpResponse(_service_worker_source(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/abonnement/"
    return response
