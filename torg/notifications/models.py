"""Messages to residents and staff (varsel).

``Notification``: one message to one recipient, queued by ``actions.notify()``.
``Dispatch`` and ``Delivery``: one message to many subscribers (fan-out), one
Delivery per recipient × channel, sent in batches by ``torg.notifications.delivery``.
``RateBucket``: the per-second send counters the workers share for rate limits.

Notification, one row per message and recipient:

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
    PUSH = "push", _("web push")


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


# --- Fan-out to subscribers (torg.notifications.delivery) -------------------------


class DispatchKind(models.TextChoices):
    CRISIS = "crisis", _("crisis message")
    PAGE = "page", _("published page")
    DIGEST = "digest", _("digest")
    DRILL = "drill", _("drill")


class Report(models.TextChoices):
    NONE = "", _("no report")
    DELIVERED = "delivered", _("delivered")
    FAILED = "failed", _("not delivered")


class Dispatch(models.Model):
    """One message to many subscribers; its Delivery rows say who gets it on which channel."""

    key = models.CharField(_("key"), max_length=KEY_MAX_LENGTH, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DispatchKind.choices)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    text = models.TextField(_("e-mail text"), blank=True)
    sms_text = models.TextField(_("SMS text"), blank=True)
    push_title = models.CharField(_("push title"), max_length=200, blank=True)
    push_body = models.TextField(_("push text"), blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    priority = models.PositiveSmallIntegerField(_("priority"), default=5, help_text=_("Lower goes first."))
    personaliser = models.CharField(_("personaliser"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    total = models.PositiveIntegerField(_("deliveries"), default=0)
    sent = models.PositiveIntegerField(_("sent"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")

    def __str__(self) -> str:
        return self.key


class Delivery(models.Model):
    """One message to one address on one channel; the worker's unit of work (see module docstring)."""

    # No index of its own: the unique (dispatch, channel, address) index serves lookups by dispatch.
    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="deliveries", db_index=False)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=1000)
    subscriber_id = models.BigIntegerField(_("subscriber"), null=True, blank=True)
    token = models.CharField(_("subscriber token"), max_length=100, blank=True)
    push_keys = models.JSONField(_("push keys"), default=dict, blank=True)
    priority = models.PositiveSmallIntegerField(_("priority"), default=5)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    claimed_by = models.CharField(_("claimed by"), max_length=100, blank=True)
    provider_ref = models.CharField(_("provider's reference"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    report = models.CharField(_("delivery report"), max_length=10, choices=Report.choices, blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dispatch", "channel", "address"], name="delivery_once_per_address"),
        ]
        indexes = [
            # Claiming in (priority, id) order among a channel's queued rows; also finds due rows.
            # Few indexes on purpose: each one costs on every row of a 100,000-row INSERT … SELECT.
            models.Index(fields=["state", "channel", "priority", "id"], name="delivery_claim_order"),
            models.Index(fields=["state", "claimed_until"], name="delivery_lease"),
            # Delivery reports by the provider's id; most rows have none.
            models.Index(fields=["provider_ref"], name="delivery_provider_ref", condition=~models.Q(provider_ref="")),
        ]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.dispatch_id}/{self.channel}/{self.pk} ({self.state})"

    @property
    def idempotency_key(self) -> str:
        """Stable over retries and workers: the SMTP Message-ID's local part and the SMS ref."""
        return f"torg-delivery-{self.pk}"


class RateBucket(models.Model):
    """How many messages of a channel were let out in one second (``second`` = Unix time)."""

    channel = models.CharField(max_length=10)
    second = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["channel", "second"], name="ratebucket_once")]

    def __str__(self) -> str:
        return f"{self.channel}@{self.second}: {self.count}"
