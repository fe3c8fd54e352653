"""The crisis banner for every public page: ``crisis_banners`` (current real crisis messages, cached)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .queries import current_banners


def crisis(request: HttpRequest) -> dict[str, object]:
    """``crisis_banners``: read from the cache only when a template shows it (not in the back office)."""
    return {"crisis_banners": SimpleLazyObject(current_banners)}
