"""Absolute links in messages to subscribers (the subscription pages live under /abonnement/)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings


def base_url() -> str:
    return str(settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def manage_url(token: str) -> str:
    return f"{base_url()}/abonnement/endre/{token}/"


def unsubscribe_url(token: str, channel: str = "") -> str:
    query = f"?{urlencode({'kanal': channel})}" if channel else ""
    return f"{base_url()}/abonnement/avmeld/{token}/{query}"


def confirm_url(token: str) -> str:
    return f"{base_url()}/abonnement/stadfest/{token}/"


def code_url() -> str:
    return f"{base_url()}/abonnement/kode/"


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return base_url() + (url if url.startswith("/") else f"/{url}")
