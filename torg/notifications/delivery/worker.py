"""The worker loop: claim a batch, wait for the rate limit, send, mark; until nothing is due.

Run by the ``send_deliveries`` task (enqueued by ``start_dispatch``), by
``manage.py torg_deliver`` (a dedicated delivery process) and re-started by the
periodic ``sweep_deliveries`` when due work has no live worker.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone, translation

from ..models import Channel, Delivery, Dispatch, State
from . import config, ratelimit
from .channels import SENDERS
from .claiming import claim_batch, default_worker_name, give_up_expired, mark_failed, mark_sent

logger = logging.getLogger(__name__)

CHANNELS = [str(c) for c in (Channel.SMS, Channel.PUSH, Channel.EMAIL)]


def deliver_batch(*, channel: str, worker: str = "", sleep: Callable[[float], None] = time.sleep) -> int:
    """Claim and send one batch of ``channel``; return how many deliveries it claimed (0: nothing due)."""
    limit = config.batch_size(channel)
    rate = config.rate_per_second(channel)
    if rate:
        limit = min(limit, rate)
    deliveries = claim_batch(channel=channel, limit=limit, worker=worker or default_worker_name())
    if not deliveries:
        return 0
    ratelimit.wait_for(channel=channel, wanted=len(deliveries), sleep=sleep)
    with translation.override(settings.LANGUAGE_CODE):
        outcome = SENDERS[channel](deliveries)
    if outcome.sent:
        mark_sent(outcome.sent, refs=outcome.refs)
    for delivery, error, permanent in outcome.failed:
        mark_failed(delivery, error=error, permanent=permanent)
    if outcome.failed:
        logger.warning("%s of %s %s deliveries failed this time.", len(outcome.failed), len(deliveries), channel)
    return len(deliveries)


def open_count(channels: Iterable[str] | None = None) -> int:
    """Deliveries not yet sent or failed (queued, or held by a worker)."""
    rows = Delivery.objects.filter(state__in=[State.QUEUED, State.SENDING])
    if channels is not None:
        rows = rows.filter(channel__in=list(channels))
    return rows.count()


def run(
    *,
    channels: Iterable[str] | None = None,
    worker: str = "",
    until: str = "idle",
    poll: float = 0.5,
    max_seconds: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Deliver on ``channels`` (default all), taking turns; return how many deliveries were claimed.

    ``until="idle"``: stop when nothing is due now (the task's behaviour). ``until="done"``: also wait
    (polling every ``poll`` seconds) for retries and for leases held by others to expire, until no
    delivery is queued or sending. ``until="forever"``: a long-running delivery process.
    """
    chosen = [c for c in CHANNELS if channels is None or c in set(channels)]
    worker = worker or default_worker_name()
    started = time.monotonic()
    total = 0
    while True:
        claimed = 0
        for channel in chosen:
            n = deliver_batch(channel=channel, worker=worker, sleep=sleep)
            claimed += n
        total += claimed
        if claimed:
            continue
        finish_dispatches()
        if until == "idle" or (until == "done" and not open_count(chosen)):
            return total
        if max_seconds is not None and time.monotonic() - started > max_seconds:
            return total
        sleep(poll)


def due_channels(now=None) -> list[str]:
    """Channels with work and no live worker: queued and due, or held under an expired lease."""
    now = now or timezone.now()
    due = Q(state=State.QUEUED, next_attempt_at__lte=now) | Q(state=State.SENDING, claimed_until__lt=now)
    with_work = set(Delivery.objects.filter(due).values_list("channel", flat=True).distinct())
    busy = set(
        Delivery.objects.filter(state=State.SENDING, claimed_until__gte=now)
        .values_list("channel", flat=True)
        .distinct()
    )
    expired = set(
        Delivery.objects.filter(state=State.SENDING, claimed_until__lt=now).values_list("channel", flat=True).distinct()
    )
    return [c for c in CHANNELS if c in with_work and (c not in busy or c in expired)]


def sweep() -> list[str]:
    """Fail exhausted expired leases, forget old rate buckets, and enqueue a worker per channel that needs one."""
    from .dispatch import enqueue_workers

    give_up_expired()
    ratelimit.forget_old_buckets()
    channels = due_channels()
    if channels:
        enqueue_workers(channels=channels, count=1)
    finish_dispatches()
    return channels


def finish_dispatches() -> int:
    """Set counts and ``finished_at`` on started dispatches that have no open deliveries left."""
    open_dispatches = Dispatch.objects.filter(started_at__isnull=False, finished_at__isnull=True)
    finished = 0
    for dispatch in open_dispatches.only("pk"):
        counts = dict(
            Delivery.objects.filter(dispatch=dispatch)
            .order_by()
            .values("state")
            .annotate(n=Count("pk"))
            .values_list("state", "n")
        )
        if counts.get(State.QUEUED) or counts.get(State.SENDING):
            continue
        finished += Dispatch.objects.filter(pk=dispatch.pk, finished_at__isnull=True).update(
            finished_at=timezone.now(),
            total=sum(counts.values()),
            sent=counts.get(State.SENT, 0),
            failed=counts.get(State.FAILED, 0),
        )
    return finished


def dispatch_progress(*, dispatch: Dispatch) -> dict[str, dict[str, int]]:
    """``{channel: {state: count}}`` for one dispatch (for the back office and bench/fanout.py)."""
    progress: dict[str, dict[str, int]] = {}
    rows = (
        Delivery.objects.filter(dispatch=dispatch)
        .order_by()
        .values("channel", "state")
        .annotate(n=Count("pk"))
        .values_list("channel", "state", "n")
    )
    for channel, state, n in rows:
        progress.setdefault(channel, {})[state] = n
    return progress
