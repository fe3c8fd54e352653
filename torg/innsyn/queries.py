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


from .requests import Innsynskrav  # noqa: E402 - appended with resident_requests (models import it first)


def resident_requests(*, emails: list[str] | tuple[str, ...] = (), ids: object = ()) -> QuerySet[Innsynskrav]:
    """One resident's access requests, for Mi sak (torg.minsak): newest first.

    Those sent from one of ``emails``, and those whose pk is in ``ids`` (a list, or a
    subquery of the ids linked to an ID-porten login). Each request's parts are
    prefetched as ``delar`` with only what the resident may see: status, deadline,
    decided_at, the appeal's outcome and the journal entry's public title (never ``tittel``).
    """
    from django.db.models import Prefetch

    from .requests import InnsynskravDel

    match = Q(pk__in=ids)
    addresses = [email.strip().lower() for email in emails if email]
    if addresses:
        match |= Q(email__in=addresses)
    parts = (
        InnsynskravDel.objects.select_related("journalpost", "klage")
        .only(
            "krav_id",
            "journalpost_id",
            "status",
            "deadline",
            "decided_at",
            "letter_key",
            "journalpost__offentlig_tittel",
            "klage__part_id",
            "klage__outcome",
        )
        .order_by("pk")
    )
    return (
        Innsynskrav.objects.filter(match)
        .only("pk", "created_at", "verified_at", "message")
        .prefetch_related(Prefetch("delar", queryset=parts))
        .order_by("-created_at", "-pk")
    )
