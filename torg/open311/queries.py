"""Reads of the Open311 app: API clients, the jurisdiction, and which inquiries the API shows."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from torg.core.queries import municipality
from torg.inquiries.models import Channel, Inquiry

from .actions import hash_key
from .models import ApiClient


def client_for_key(raw: str) -> ApiClient | None:
    """The active client whose key is ``raw``."""
    if not raw or len(raw) > 200:
        return None
    return ApiClient.objects.active().filter(key_hash=hash_key(raw)).first()


def jurisdiction_id() -> str:
    """The jurisdiction this endpoint serves: the municipality number ("" accepts any)."""
    return str(municipality().municipality_number or "").strip()


def listed_inquiries() -> QuerySet[Inquiry]:
    """Inquiries the API shows at all: those that came through Open311, and published feedback.

    Questions to, say, child welfare by e-mail are nobody else's business, not
    even that they exist. What the API shows of each inquiry is decided in
    ``torg.open311.serialize``.
    """
    published = Q(is_public=True, wants_public=True)
    return Inquiry.objects.filter(Q(channel=Channel.OPEN311) | published).select_related("area", "service")
