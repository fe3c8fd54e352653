"""Pieces shared by the subscription pages: breadcrumbs, private headers, finding a subscriber."""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from torg.core.queries import municipality

ResponseT = TypeVar("ResponseT", bound=HttpResponseBase)

# A resident's pending subscription (after sending the form): id and where we sent the link/code.
PENDING = "torg.subscriptions.pending"
TOKEN_MAX_LENGTH = 100


def rate_limit_per_hour() -> int:
    """Sign-ups per client per hour (TORG_SUBSCRIPTION_RATE_LIMIT_PER_HOUR, 0 turns the limit off)."""
    try:
        return int(getattr(settings, "TORG_SUBSCRIPTION_RATE_LIMIT_PER_HOUR", 20))
    except (TypeError, ValueError):
        return 20


def crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    """Breadcrumbs from the front page through Abonnement."""
    return [("/", _("Front page")), (reverse("subscriptions:subscribe"), _("Subscriptions")), *extra]


def private(response: ResponseT) -> ResponseT:
    """Headers for a page that holds a resident's link: not cached, not indexed, no Referer to other sites.

    "same-origin" rather than "no-referrer": with no-referrer, browsers send ``Origin: null``
    on the page's own form posts, and Django's CSRF check refuses them.
    """
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def plausible_token(token: str) -> bool:
    return 0 < len(token) <= TOKEN_MAX_LENGTH and all(c.isascii() and (c.isalnum() or c in "-_") for c in token)


def find_subscriber(token: str) -> Any:
    """The subscriber holding this manage/unsubscribe token, or None (without telling why)."""
    if not plausible_token(token):
        return None
    from ..queries import subscriber_by_token

    return subscriber_by_token(token)


def not_found(request: HttpRequest) -> HttpResponse:
    context = {"crumbs": crumbs(), "municipality": municipality()}
    return private(render(request, "subscriptions/not_found.html", context, status=404))


def mask_email(address: str) -> str:
    """kari@example.org → k***@example.org"""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def mask_phone(number: str) -> str:
    """+4791234567 → +47 *** ** 567"""
    if number.startswith("+47") and len(number) == 11:
        return f"+47 *** ** {number[-3:]}"
    return f"{number[:3]}***{number[-3:]}" if len(number) > 6 else "***"
