"""Every write in Klarspråk: the API keys of other systems.

Nothing a person checks is stored: the API, the checking page and the command
only read.
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

from .models import KlarsprakApiKey

# Audit-log actions of this app (added to torg.core.audit.ACTIONS when the app is ready).
AUDIT_ACTIONS = {
    "torg.klarsprak.api_key_created": _("Clear-language API key created"),
    "torg.klarsprak.api_key_revoked": _("Clear-language API key revoked"),
    "torg.klarsprak.published_over_limit": _("Published above the clear-language limit"),
}
# last_used_at is written at most this often per key, not on every request.
_USE_RESOLUTION = datetime.timedelta(minutes=10)


@transaction.atomic
def create_api_key(*, name: str, actor: Actor = None) -> tuple[KlarsprakApiKey, str]:
    """A new key for the system ``name``: the stored record and the key itself (shown once)."""
    raw = "tk_" + secrets.token_urlsafe(32)
    key = KlarsprakApiKey.objects.create(name=name, prefix=raw[:10], key_hash=hashlib.sha256(raw.encode()).hexdigest())
    audit.record(actor=actor, action="torg.klarsprak.api_key_created", target=key, data={"name": name})
    return key, raw


@transaction.atomic
def revoke_api_key(*, key: KlarsprakApiKey, actor: Actor = None) -> None:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action="torg.klarsprak.api_key_revoked", target=key, data={"name": key.name})


def note_api_key_used(*, key: KlarsprakApiKey) -> None:
    """Remember when ``key`` was last used (to the nearest ten minutes: one write, not one per request)."""
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > _USE_RESOLUTION:
        KlarsprakApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
