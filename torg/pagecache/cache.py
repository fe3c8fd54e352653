"""The anonymous page cache: whole responses kept per URL, dropped at once on publish.

Every entry's key carries the current *generation*; invalidation starts a new
generation, so every page made before it is unreachable at once, in every
process and on every host sharing the ``pagecache`` cache (files on one host,
Redis for several).
"""

from __future__ import annotations

import uuid

from django.core.cache import caches

GENERATION_KEY = "generation"


def generation() -> str:
    cache = caches["pagecache"]
    current = cache.get(GENERATION_KEY)
    if current is None:
        current = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, current, None):
            current = cache.get(GENERATION_KEY) or current
    return current


def invalidate() -> None:
    """Forget every cached page (after a publish, unpublish, move or settings change)."""
    caches["pagecache"].set(GENERATION_KEY, uuid.uuid4().hex, None)
