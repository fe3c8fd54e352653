"""Mi sak (/mi-side/): what a resident has going with the municipality, behind a resident login.

Residents are not Django users. Who is logged in lives in the session only
(:mod:`torg.minsak.session`). Two tables:

- ``LoginLink``: a one-time login link sent by e-mail. Only a salted hash of
  the link's token is stored; a link lives ``TORG_MINSAK_LINK_MINUTES`` and
  works once. Old rows are deleted by a periodic task.
- ``ResidentLink``: ties one item of a source (an inquiry, an access request …)
  to a resident who was logged in with ID-porten when they sent it. The
  resident is known only by a salted HMAC of their fødselsnummer (``pid``),
  never by the number itself.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

AUDIT_ACTIONS: dict[str, Any] = {
    "torg.minsak.link_used": _("Resident logged in to Mi sak with an e-mail link"),
    "torg.minsak.item_linked": _("Case linked to a resident's ID-porten login"),
}


class LoginLink(models.Model):
    # A salted hash of the token: the token itself is only in the e-mail.
    token_hash = models.CharField(_("token (hashed)"), max_length=64, unique=True)
    email = models.EmailField(_("e-mail"), max_length=254)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("login link")
        verbose_name_plural = _("login links")

    def __str__(self) -> str:
        # Shown in the audit log: never the address.
        return f"{self._meta.verbose_name} {self.pk}"


class ResidentLink(models.Model):
    pid_hash = models.CharField(_("resident (hashed national identity number)"), max_length=64)
    source = models.CharField(_("source"), max_length=30)
    object_id = models.BigIntegerField(_("item"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("resident link")
        verbose_name_plural = _("resident links")
        constraints = [
            models.UniqueConstraint(fields=["pid_hash", "source", "object_id"], name="minsak_link_once"),
        ]
        indexes = [models.Index(fields=["source", "object_id"], name="minsak_link_item")]

    def __str__(self) -> str:
        return f"{self.source} {self.object_id}"
