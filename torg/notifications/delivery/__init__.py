"""The delivery engine: one message (Dispatch) to many subscribers, one Delivery per recipient × channel.

    dispatch = create_dispatch(key="crisis:12:1", kind="crisis", subject=..., text=..., sms_text=...,
                               personaliser="subscriptions")
    add_deliveries_from_query(dispatch=dispatch, channel="email",
                              queryset=subscribers.values(address=F("email"), subscriber_id=F("pk"), token=F("token")))
    start_dispatch(dispatch=dispatch)   # after commit: worker tasks per channel

State of a delivery: queued → sending (leased by one worker) → sent | failed; failed attempts
go back to queued with exponential backoff until ``TORG_DELIVERY_MAX_ATTEMPTS``. See
``claiming`` for the leases, ``channels`` for e-mail/SMS/push, ``worker`` for the loop,
``ratelimit`` for the shared per-channel limits.

Settings: TORG_DELIVERY_WORKERS (2 tasks per channel), TORG_DELIVERY_LEASE_SECONDS (120),
TORG_DELIVERY_MAX_ATTEMPTS (5), TORG_DELIVERY_RETRY_SECONDS (30, doubled per failure),
TORG_DELIVERY_BATCH ({"email": 100, "sms": 500, "push": 50}), TORG_DELIVERY_RATE_PER_SECOND
({"email": 0, "sms": 0, "push": 0}; 0 = no limit), TORG_SMS_REPORT_TOKEN, TORG_VAPID_*.
"""

from __future__ import annotations

from .claimed import ClaimedDelivery, Recipient
from .claiming import claim_batch, give_up_expired, mark_failed, mark_sent
from .config import backoff
from .dispatch import (
    CRISIS_PRIORITY,
    DEFAULT_PRIORITY,
    DeliveryRow,
    add_deliveries,
    add_deliveries_from_query,
    create_dispatch,
    enqueue_workers,
    register_personaliser,
    start_dispatch,
)
from .reports import record_delivery_report
from .worker import deliver_batch, dispatch_progress, finish_dispatches, open_count, run, sweep

__all__ = [
    "CRISIS_PRIORITY",
    "DEFAULT_PRIORITY",
    "ClaimedDelivery",
    "DeliveryRow",
    "Recipient",
    "add_deliveries",
    "add_deliveries_from_query",
    "backoff",
    "claim_batch",
    "create_dispatch",
    "deliver_batch",
    "dispatch_progress",
    "enqueue_workers",
    "finish_dispatches",
    "give_up_expired",
    "mark_failed",
    "mark_sent",
    "open_count",
    "record_delivery_report",
    "register_personaliser",
    "run",
    "start_dispatch",
    "sweep",
]
