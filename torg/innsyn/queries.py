"""Reads of the public journal that the search and page slices build on."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from . import screening
from .models import Journalpost, Korrespondansepart


def published_entries(today: dt.date | None = None) -> QuerySet[Journalpost]:
    """Entries the public may see: shown in the journal and past ``accessible_after``."""
    today = today or timezone.localdate()
    return Journalpost.objects.filter(publish_metadata=True).filter(
        Q(accessible_after__isnull=True) | Q(accessible_after__lte=today)
    )


def _windows(words: list[str]) -> list[str]:
    """Every run of 2–5 consecutive words: the query may name a person among other words."""
    return [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 2, min(len(words), i + 5) + 1)]


def is_person_name_query(q: str) -> bool:
    """True when the search text holds the full name of a private person who is party to an entry.

    The search then applies :func:`name_search_cutoff` (offentlegforskrifta § 6 fourth paragraph).
    """
    words = screening.name_key(q).split()
    if len(words) < 2:
        return False
    candidates = _windows(words)
    # "Hansen, Linda" and "Linda Hansen" are the same person.
    candidates += [" ".join([*c.split()[1:], c.split()[0]]) for c in candidates]
    return Korrespondansepart.objects.filter(is_person=True, namn_key__in=candidates[:200]).exists()


def name_search_cutoff(q: str, today: dt.date | None = None) -> dt.date | None:
    """The oldest journal date a search on ``q`` may return, or None when ``q`` names no private person."""
    return screening.name_search_cutoff(today) if is_person_name_query(q) else None
