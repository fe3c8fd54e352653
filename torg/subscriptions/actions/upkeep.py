"""Keeping subscriptions healthy: pausing a channel that keeps failing, forgetting the never confirmed."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from torg.notifications.actions import notify
from torg.notifications.models import Channel

from ..models import ConfirmationCode, PushSubscription, Subscriber, SubscriptionChannel
from . import links, texts
from .subscribers import _language, _setting, max_failures

logger = logging.getLogger(__name__)


@transaction.atomic
def note_delivery_failure(*, subscriber_id: int, channel: str, permanent: bool, address: str = "") -> bool:
    """Count a failed delivery; pause the channel after ``TORG_SUBSCRIPTION_MAX_FAILURES`` (at once if
    ``permanent``) and tell the subscriber by e-mail when e-mail still works. True if it paused now.

    A web push subscription that is gone (``permanent``) is marked failed (``address`` is its endpoint).
    """
    if channel == SubscriptionChannel.PUSH:
        if permanent and address:
            PushSubscription.objects.filter(subscriber_id=subscriber_id, endpoint=address).update(
                failed_at=timezone.now()
            )
        return False
    if channel not in (SubscriptionChannel.EMAIL, SubscriptionChannel.SMS):
        return False
    subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    prefix = "email" if channel == SubscriptionChannel.EMAIL else "sms"
    if getattr(subscriber, f"{prefix}_paused_at") is not None:
        return False
    failures = getattr(subscriber, f"{prefix}_failures") + 1
    if permanent:
        failures = max(failures, max_failures())
    setattr(subscriber, f"{prefix}_failures", min(failures, 32767))
    paused = failures >= max_failures()
    if paused:
        setattr(subscriber, f"{prefix}_paused_at", timezone.now())
    subscriber.save(update_fields=[f"{prefix}_failures", f"{prefix}_paused_at", "updated_at"])
    if paused:
        logger.info("Subscriber %s: %s paused after %s failed deliveries.", subscriber.pk, channel, failures)
        if (
            channel == SubscriptionChannel.SMS
            and subscriber.wants_email
            and subscriber.email
            and subscriber.email_confirmed_at is not None
            and subscriber.email_paused_at is None
        ):
            with _language():
                text = texts.paused_email(channel_label=gettext("SMS"), url=links.manage_url(subscriber.token))
            notify(
                key=f"subscriptions:{subscriber.pk}:paused-{prefix}:{int(subscriber.sms_paused_at.timestamp())}",  # type: ignore[union-attr]
                channel=Channel.EMAIL,
                to=subscriber.email,
                subject=text.subject,
                body=text.body,
            )
    return paused


@transaction.atomic
def delete_unconfirmed_subscribers(*, older_than_days: int | None = None) -> int:
    """Forget those who started but never confirmed any channel (no push either); return how many."""
    days = older_than_days if older_than_days is not None else _setting("TORG_SUBSCRIPTION_UNCONFIRMED_DAYS", 7)
    cutoff = timezone.now() - datetime.timedelta(days=days)
    stale = Subscriber.objects.filter(
        created_at__lt=cutoff, email_confirmed_at__isnull=True, phone_confirmed_at__isnull=True
    ).exclude(pk__in=PushSubscription.objects.values("subscriber_id"))
    deleted, _ = stale.delete()
    ConfirmationCode.objects.filter(expires_at__lt=cutoff).delete()
    return int(deleted)
