"""The delivery engine's settings, read at call time so tests can change them."""

from __future__ import annotations

import datetime

from django.conf import settings

DEFAULT_BATCH = {"email": 100, "sms": 500, "push": 50}
MAX_BACKOFF_SECONDS = 6 * 3600


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=float(getattr(settings, "TORG_DELIVERY_LEASE_SECONDS", 120)))


def max_attempts() -> int:
    return max(1, int(getattr(settings, "TORG_DELIVERY_MAX_ATTEMPTS", 5)))


def batch_size(channel: str) -> int:
    sizes = {**DEFAULT_BATCH, **(getattr(settings, "TORG_DELIVERY_BATCH", None) or {})}
    return max(1, int(sizes.get(channel, 100)))


def rate_per_second(channel: str) -> int:
    """0: no limit."""
    rates = getattr(settings, "TORG_DELIVERY_RATE_PER_SECOND", None) or {}
    return max(0, int(rates.get(channel, 0)))


def workers() -> int:
    return max(1, int(getattr(settings, "TORG_DELIVERY_WORKERS", 2)))


def backoff(attempts: int) -> datetime.timedelta:
    """Wait after ``attempts`` failed attempts: RETRY_SECONDS, doubled per failure, at most 6 hours."""
    first = float(getattr(settings, "TORG_DELIVERY_RETRY_SECONDS", 30))
    return datetime.timedelta(seconds=min(first * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS))
