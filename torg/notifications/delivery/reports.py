"""Delivery reports: what the provider later says about a message it accepted."""

from __future__ import annotations

import re

from django.db.models import Q
from django.utils import timezone

from ..models import Delivery, Report, State
from .claiming import _signal_failed

_OWN_REF = re.compile(r"torg-delivery-(\d+)")


def find_delivery(*, channel: str, provider_ref: str) -> Delivery | None:
    """By our own reference (SMS ``ref``, e-mail Message-ID) or the provider's id for the message."""
    ref = provider_ref.strip()
    if not ref:
        return None
    own = _OWN_REF.fullmatch(ref.strip("<>").split("@")[0])
    query = Q(provider_ref=ref)
    if own:
        query |= Q(pk=int(own.group(1)))
    return Delivery.objects.filter(query, channel=channel).order_by("pk").first()


def record_delivery_report(
    *, channel: str, provider_ref: str, delivered: bool, permanent: bool, error: str = ""
) -> Delivery | None:
    """Record the provider's report on a sent delivery; return it, or None if no delivery matches.

    A failure report ends the delivery as ``failed`` and sends ``delivery_failed`` (once, however
    often the provider repeats the report). ``permanent``: the address can never receive.
    """
    delivery = find_delivery(channel=channel, provider_ref=provider_ref)
    if delivery is None:
        return None
    now = timezone.now()
    if delivered:
        Delivery.objects.filter(pk=delivery.pk).exclude(report=Report.FAILED).update(
            report=Report.DELIVERED, reported_at=now
        )
    else:
        changed = (
            Delivery.objects.filter(pk=delivery.pk)
            .exclude(report=Report.FAILED)
            .update(report=Report.FAILED, reported_at=now, state=State.FAILED, last_error=error[:1000])
        )
        if changed:
            delivery.refresh_from_db()
            _signal_failed([delivery], permanent=permanent)
    delivery.refresh_from_db()
    return delivery
