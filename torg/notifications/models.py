"""Messages to residents and staff (varsel), one row per message and recipient.

A row is written by ``actions.notify()`` in the caller's transaction and sent
by the task worker after commit. ``key`` makes queuing idempotent; ``state``
plus the lease ``claimed_until`` make sure no two workers send the same row.

    queued ──claim──▶ sending ──▶ sent
      ▲                  │
      └──error, backoff──┤
                         └──too many errors──▶ failed
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_MAX_LENGTH = 200


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")


class State(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Notification(models.Model):
    key = models.CharField(
        _("key"),
        max_length=KEY_MAX_LENGTH,
        unique=True,
        help_text=_("Identifies the message, so it is never queued twice."),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.TextField(_("subject"), blank=True)
    body = models.TextField(_("message"))
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    next_attempt_at = models.DateTimeField(
        _("next attempt"), null=True, blank=True, help_text=_("Empty: send at once.")
    )
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    provider_id = models.CharField(_("provider's message id"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="notification_due"),
            models.Index(fields=["state", "claimed_until"], name="notification_lease"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.key} ({self.channel}, {self.state})"
