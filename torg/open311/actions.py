"""Every write of the Open311 app: API clients (keys) and their use.

The service requests themselves are inquiries: the API creates them through
``torg.inquiries.actions.submit_inquiry``.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from torg.core import audit
from torg.core.audit import Actor

from .models import ApiClient

# Audit-log actions of this app (added to torg.core.audit.ACTIONS when the app is ready).
AUDIT_ACTIONS = {
    "torg.open311.client_created": _("Open311 app key created"),
    "torg.open311.client_stopped": _("Open311 app key stopped"),
}
KEY_PREFIX = "o311_"
# last_used_at is written at most this often per client, not on every request.
_USE_RESOLUTION = datetime.timedelta(minutes=10)


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def create_api_client(
    *, name: str, contact_email: str = "", hourly_limit: int | None = None, actor: Actor = None
) -> tuple[ApiClient, str]:
    """A new app with a new key: the stored record and the key itself (shown once, never stored)."""
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    client = ApiClient.objects.create(
        name=name.strip(),
        contact_email=contact_email.strip(),
        hourly_limit=hourly_limit,
        prefix=raw[:10],
        key_hash=hash_key(raw),
    )
    audit.record(actor=actor, action="torg.open311.client_created", target=client, data={"name": client.name})
    return client, raw


@transaction.atomic
def stop_api_client(*, client: ApiClient, actor: Actor = None) -> None:
    """Stop the app's key at once (the back office's "active" box does the same)."""
    if client.active:
        client.active = False
        client.save(update_fields=["active"])
        audit.record(actor=actor, action="torg.open311.client_stopped", target=client, data={"name": client.name})


def note_api_client_used(*, client: ApiClient) -> None:
    """Remember when ``client`` last posted (to the nearest ten minutes: one write, not one per request)."""
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at > _USE_RESOLUTION:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now
