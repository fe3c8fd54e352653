"""How often one client may send: a counter per client and clock hour in Django's cache.

Used by the public form on /servicetorget/ (sending and replying) and by the
Open311 API. The client is its IP address, hashed before it is used as a key
(the address itself is never stored). Behind a reverse proxy, list the proxy's
address in ``TORG_TRUSTED_PROXIES`` so that X-Forwarded-For is read; from any
other address the header is ignored, since a client can write what it likes
there.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

HOUR = 3600


def client_id(request: HttpRequest) -> str:
    """The address the request came from: REMOTE_ADDR, or X-Forwarded-For behind a trusted proxy."""
    remote = str(request.META.get("REMOTE_ADDR", "") or "")
    trusted = {str(ip) for ip in getattr(settings, "TORG_TRUSTED_PROXIES", [])}
    if remote not in trusted:
        return remote
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    # The rightmost address not added by one of our own proxies is the client.
    for address in reversed(forwarded):
        if address and address not in trusted:
            return address[:100]
    return remote


def _key(scope: str, client: str, bucket: int) -> str:
    digest = hashlib.sha256(f"{scope}:{client}".encode()).hexdigest()[:32]
    return f"torg:ratelimit:{digest}:{bucket}"


def hit(scope: str, client_id: str, limit_per_hour: int) -> bool:
    """Count one request by ``client_id`` in ``scope``; True while it is within ``limit_per_hour``.

    A limit of 0 (or less) turns the limit off. The counter is per clock
    hour, kept with atomic ``cache.add`` + ``cache.incr`` so that parallel
    requests are all counted.
    """
    if limit_per_hour <= 0:
        return True
    key = _key(scope, client_id, int(time.time() // HOUR))
    cache.add(key, 0, HOUR + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.add(key, 1, HOUR + 60)
        count = 1
    return int(count) <= limit_per_hour


def allowed(request: HttpRequest, scope: str, limit_per_hour: int | None = None) -> bool:
    """``hit`` for a request, with the limit from TORG_INQUIRY_RATE_LIMIT_PER_HOUR unless given."""
    if limit_per_hour is None:
        limit_per_hour = int(getattr(settings, "TORG_INQUIRY_RATE_LIMIT_PER_HOUR", 0) or 0)
    return hit(scope, client_id(request), limit_per_hour)
