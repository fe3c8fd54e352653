"""Deleting delivery rows on schedule: they hold residents' e-mail addresses and phone numbers.

A finished dispatch keeps its counts (total, sent, failed); its Delivery rows go
``TORG_DELIVERY_KEEP_DAYS`` (30) after it finished — long enough for late delivery
reports and bounces, which find their row by provider reference.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from ..models import Delivery, Dispatch


def keep_days() -> int:
    return max(1, int(getattr(settings, "TORG_DELIVERY_KEEP_DAYS", 30)))


def delete_old_deliveries(*, now: datetime.datetime | None = None, chunk: int = 5000) -> int:
    """Delete the deliveries of dispatches that finished more than the keep period ago; return how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=keep_days())
    dispatch_ids = list(Dispatch.objects.filter(finished_at__lt=cutoff).values_list("pk", flat=True))
    deleted = 0
    while dispatch_ids:
        ids = list(Delivery.objects.filter(dispatch_id__in=dispatch_ids).values_list("pk", flat=True)[:chunk])
        if not ids:
            break
        deleted += Delivery.objects.filter(pk__in=ids).delete()[0]
    return deleted
