"""Per-channel rate limits shared by every worker process through the database.

Each channel has one counter row per second (``RateBucket``). A worker takes as
many sends as the second still allows with a conditional UPDATE in a short
transaction (SELECT … FOR UPDATE on PostgreSQL; an immediate transaction on
SQLite), creating the row first if it is missing. ``TORG_DELIVERY_RATE_PER_SECOND``
per channel; 0 means no limit.
"""

from __future__ import annotations

import time

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import RateBucket
from . import config


def _second() -> int:
    return int(timezone.now().timestamp())


def acquire(*, channel: str, wanted: int) -> int:
    """Take up to ``wanted`` sends from this second's allowance of ``channel``; return how many were granted."""
    rate = config.rate_per_second(channel)
    if rate == 0 or wanted <= 0:
        return max(wanted, 0)
    second = _second()
    for _ in range(3):
        try:
            with transaction.atomic():
                bucket = RateBucket.objects.select_for_update().filter(channel=channel, second=second).first()
                if bucket is None:
                    granted = min(wanted, rate)
                    RateBucket.objects.create(channel=channel, second=second, count=granted)
                    return granted
                granted = min(wanted, rate - bucket.count)
                if granted <= 0:
                    return 0
                # Conditional: never over the limit, whatever another process did meanwhile.
                if RateBucket.objects.filter(pk=bucket.pk, count__lte=rate - granted).update(
                    count=F("count") + granted
                ):
                    return granted
        except IntegrityError:  # another process created this second's row first: read it again
            continue
    return 0


def wait_for(*, channel: str, wanted: int, sleep=time.sleep) -> None:
    """Block until ``wanted`` sends of ``channel`` have been granted (across as many seconds as needed)."""
    got = 0
    while got < wanted:
        got += acquire(channel=channel, wanted=wanted - got)
        if got < wanted:
            now = timezone.now().timestamp()
            sleep(max(0.01, 1 - (now - int(now))))


def forget_old_buckets(*, older_than_seconds: int = 60) -> int:
    deleted, _ = RateBucket.objects.filter(second__lt=_second() - older_than_seconds).delete()
    return deleted
