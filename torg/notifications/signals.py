"""Signals of the delivery engine, and the receiver that turns Anymail tracking events into delivery reports.

``delivery_failed`` is sent when a Delivery ends failed: at once for a permanent
error (invalid address, push subscription gone, hard bounce), after
``TORG_DELIVERY_MAX_ATTEMPTS`` for temporary ones, and for a failed delivery
report. Arguments: ``delivery`` (the Delivery), ``subscriber_id`` (int or None),
``channel`` (str), ``permanent`` (bool). torg.subscriptions listens to pause
addresses that keep failing.
"""

from __future__ import annotations

from typing import Any

from anymail.signals import AnymailTrackingEvent, tracking
from django.dispatch import Signal, receiver

delivery_failed = Signal()

# Anymail event types that say the message will not arrive, and whether trying again is pointless.
_FAILED_EVENTS = {"bounced": True, "rejected": True, "complained": True, "failed": False}


@receiver(tracking, dispatch_uid="torg.notifications.anymail_tracking")
def record_anymail_tracking(sender: Any, event: AnymailTrackingEvent, esp_name: str = "", **kwargs: Any) -> None:
    """Bounces, rejections, complaints and failures reported by the e-mail provider's webhook."""
    from .delivery import record_delivery_report
    from .models import Channel

    if event.event_type == "delivered":
        delivered, permanent = True, False
    elif event.event_type in _FAILED_EVENTS:
        delivered, permanent = False, _FAILED_EVENTS[event.event_type]
    else:
        return
    if not event.message_id:
        return
    error = str(event.reject_reason or event.description or event.event_type)[:500]
    record_delivery_report(
        channel=Channel.EMAIL,
        provider_ref=str(event.message_id),
        delivered=delivered,
        permanent=permanent,
        error=error,
    )
