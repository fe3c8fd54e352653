"""Reads for crisis messages: who may publish, and what the public sees."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from wagtail.models import Site

from torg.core.queries import municipality
from torg.core.roles import Role

from .models import CapAlert, CrisisMessage

# The crisis team (the strategy's "kriseleiing"): the mayor and the head of communication.
CRISIS_TEAM_ROLES = frozenset({Role.ORDFORAR.value, Role.KOMMUNIKASJONSSJEF.value})


def can_publish_alerts(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(torg_role__role__in=CRISIS_TEAM_ROLES).exists()  # type: ignore[no-any-return]


def site_hostname() -> str:
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return site.hostname if site and site.hostname else "localhost"


def sender_address() -> str:
    """CAP ``sender``: the municipality's e-mail address, else varsel@<site host>."""
    email = (municipality().email or "").strip()
    if email and not any(char in email for char in " ,<&"):
        return email
    return f"varsel@{site_hostname()}"


def sender_name() -> str:
    return str(municipality().name or site_hostname())


def municipality_number() -> str:
    return str(municipality().municipality_number or "")


def published_messages() -> QuerySet[CrisisMessage]:
    """Crisis messages that have been published, each with its alerts (newest first)."""
    return CrisisMessage.objects.published().prefetch_related(
        Prefetch("alerts", queryset=CapAlert.objects.order_by("-sent", "-pk"))
    )


def public_alerts() -> QuerySet[CapAlert]:
    return CapAlert.objects.select_related("message").order_by("-sent", "-pk")
