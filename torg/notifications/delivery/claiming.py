"""Lease-based claiming of deliveries, and fenced marking of the outcome.

A worker claims a batch with one ``UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING id``:
queued rows that are due, in (priority, id) order, become ``sending`` with a lease
(``claimed_until``) and a claim token (``claimed_by``, new for every claim). On PostgreSQL the
inner SELECT takes ``FOR UPDATE SKIP LOCKED``, so concurrent workers skip each other's rows; on
SQLite the statement runs in an immediate transaction, which serialises writers.

Rows whose lease expired (their worker died or hung) are taken over by the next claim and
count as one failed attempt; after ``TORG_DELIVERY_MAX_ATTEMPTS`` they fail for good.

Every later write is fenced on the claim token: a worker whose lease was taken over cannot
overwrite the new owner's outcome.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from ..models import Delivery, Dispatch, State
from ..signals import delivery_failed
from . import config

logger = logging.getLogger(__name__)

# What sending and marking a claimed delivery reads (no dates: their converters cost per row).
CLAIMED_FIELDS = (
    "id",
    "dispatch_id",
    "channel",
    "address",
    "subscriber_id",
    "token",
    "push_keys",
    "state",
    "attempts",
    "claimed_by",
    "priority",
    "last_error",
)
LEASE_EXPIRED_ERROR = "The previous attempt did not finish before its lease expired."


def default_worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _claim_sql(*, expired: bool) -> str:
    """The claiming UPDATE; parameters: lease end, claim token, [error,] *where, limit, *where."""
    qn = connection.ops.quote_name
    table = qn(Delivery._meta.db_table)
    if expired:
        where = "state = 'sending' AND channel = %s AND claimed_until < %s AND attempts < %s"
        extra_set = ", attempts = attempts + 1, last_error = %s"
    else:
        where = "state = 'queued' AND channel = %s AND next_attempt_at <= %s"
        extra_set = ""
    pick = f"SELECT id FROM {table} WHERE {where} ORDER BY priority, id LIMIT %s"  # noqa: S608 - quoted names and placeholders only
    if connection.vendor == "postgresql":
        # A materialised CTE runs the locking SELECT exactly once (an IN (subquery … LIMIT) may be
        # re-scanned by the planner and take more than LIMIT rows).
        return (
            f"WITH picked AS MATERIALIZED ({pick} FOR UPDATE SKIP LOCKED) "  # noqa: S608 - quoted names and placeholders only
            f"UPDATE {table} SET state = 'sending', claimed_until = %s, claimed_by = %s{extra_set} "
            f"FROM picked WHERE {table}.id = picked.id AND {where} "
            f"RETURNING {table}.id"
        )
    return (
        f"UPDATE {table} SET state = 'sending', claimed_until = %s, claimed_by = %s{extra_set} "  # noqa: S608 - quoted names and placeholders only
        f"WHERE id IN ({pick}) AND {where} RETURNING id"
    )


def claim_batch(*, channel: str, limit: int, worker: str = "") -> list[Delivery]:
    """Claim up to ``limit`` deliveries of ``channel`` for this worker; return them with their dispatch.

    Rows with an expired lease go first (each such takeover counts as a failed attempt), then
    queued rows that are due, crisis messages (priority 0) before others.
    """
    if limit <= 0:
        return []
    give_up_expired(channel=channel)
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    now_db, until_db = adapt(now), adapt(now + config.lease())
    token = f"{(worker or default_worker_name())[:80]}/{uuid.uuid4().hex[:12]}"
    ids: list[int] = []
    postgres = connection.vendor == "postgresql"

    def params(set_params: list[Any], where: list[Any], n: int) -> list[Any]:
        if postgres:
            return [*where, n, *set_params, *where]
        return [*set_params, *where, n, *where]

    with transaction.atomic(), connection.cursor() as cursor:
        where_expired: list[Any] = [channel, now_db, config.max_attempts() - 1]
        cursor.execute(_claim_sql(expired=True), params([until_db, token, LEASE_EXPIRED_ERROR], where_expired, limit))
        ids += [row[0] for row in cursor.fetchall()]
        if len(ids) < limit:
            where_due: list[Any] = [channel, now_db]
            cursor.execute(_claim_sql(expired=False), params([until_db, token], where_due, limit - len(ids)))
            ids += [row[0] for row in cursor.fetchall()]
    if not ids:
        return []
    rows = Delivery.objects.filter(pk__in=ids).only(*CLAIMED_FIELDS).order_by("priority", "pk")
    return with_dispatches(list(rows))


def with_dispatches(deliveries: list[Delivery]) -> list[Delivery]:
    """Attach each delivery's dispatch, loaded once per dispatch (not joined into every row)."""
    dispatches = Dispatch.objects.in_bulk({d.dispatch_id for d in deliveries})
    for delivery in deliveries:
        delivery.dispatch = dispatches[delivery.dispatch_id]
    return deliveries


def _store_refs(refs: Mapping[int, str], ids: list[int], token: str) -> None:
    """Set each delivery's provider reference in one UPDATE from a VALUES list (fenced on the claim)."""
    wanted = [(pk, refs[pk][:255]) for pk in ids if refs.get(pk)]
    if not wanted:
        return
    table = connection.ops.quote_name(Delivery._meta.db_table)
    rows = ", ".join(["(CAST(%s AS INTEGER), CAST(%s AS TEXT))"] * len(wanted))
    sql = (
        f"UPDATE {table} SET provider_ref = v.column2 FROM (VALUES {rows}) AS v "  # noqa: S608 - quoted names and placeholders only
        f"WHERE {table}.id = v.column1 AND {table}.claimed_by = %s"
    )
    params: list[Any] = [value for pair in wanted for value in pair]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, token])


def _mine(deliveries: Iterable[Delivery]) -> dict[str, list[int]]:
    """Delivery ids by the claim token each was claimed with."""
    by_token: dict[str, list[int]] = defaultdict(list)
    for delivery in deliveries:
        by_token[delivery.claimed_by].append(delivery.pk)
    return by_token


def mark_sent(deliveries: list[Delivery], *, refs: Mapping[int, str] | None = None) -> int:
    """Mark deliveries sent in one UPDATE per claim, fenced on the claim; return how many were still ours.

    ``refs``: the provider's id per delivery id, where it gave one (kept for delivery reports).
    """
    now = timezone.now()
    done = 0
    for token, ids in _mine(deliveries).items():
        values: dict[str, object] = {
            "state": State.SENT,
            "sent_at": now,
            "claimed_until": None,
            "next_attempt_at": None,
        }
        with transaction.atomic():
            if refs:
                _store_refs(refs, ids, token)
            done += Delivery.objects.filter(pk__in=ids, state=State.SENDING, claimed_by=token).update(**values)
    if done < sum(1 for _ in deliveries):
        logger.warning("%s deliveries were sent after their lease had been taken over.", len(deliveries) - done)
    return done


def mark_failed(delivery: Delivery, *, error: str, permanent: bool = False) -> str:
    """Record a failed attempt (fenced): back to queued with backoff, or ``failed`` for good.

    Permanent errors (invalid address, push subscription gone) and the last allowed attempt end
    in ``failed`` and send ``delivery_failed``. Returns the new state ("" if the lease was lost).
    """
    attempts = delivery.attempts + 1
    final = permanent or attempts >= config.max_attempts()
    state = State.FAILED if final else State.QUEUED
    updated = Delivery.objects.filter(pk=delivery.pk, state=State.SENDING, claimed_by=delivery.claimed_by).update(
        state=state,
        attempts=attempts,
        last_error=error[:1000],
        next_attempt_at=None if final else timezone.now() + config.backoff(attempts),
        claimed_until=None,
    )
    if not updated:
        return ""
    delivery.state, delivery.attempts, delivery.last_error = state, attempts, error[:1000]
    if final:
        _signal_failed([delivery], permanent=permanent)
    return str(state)


def give_up_expired(*, channel: str | None = None) -> int:
    """Fail deliveries whose lease expired on their last allowed attempt; return how many."""
    now = timezone.now()
    stuck = Delivery.objects.filter(state=State.SENDING, claimed_until__lt=now, attempts__gte=config.max_attempts() - 1)
    if channel:
        stuck = stuck.filter(channel=channel)
    ids = list(stuck.values_list("pk", flat=True)[:1000])
    if not ids:
        return 0
    Delivery.objects.filter(pk__in=ids, state=State.SENDING, claimed_until__lt=now).update(
        state=State.FAILED, attempts=F("attempts") + 1, last_error=LEASE_EXPIRED_ERROR, claimed_until=None
    )
    failed = list(Delivery.objects.filter(pk__in=ids, state=State.FAILED, last_error=LEASE_EXPIRED_ERROR))
    logger.warning("%s deliveries failed: their last attempt did not finish.", len(failed))
    _signal_failed(failed, permanent=False)
    return len(failed)


def _signal_failed(deliveries: Iterable[Delivery], *, permanent: bool) -> None:
    for delivery in deliveries:
        answers = delivery_failed.send_robust(
            sender=Delivery,
            delivery=delivery,
            subscriber_id=delivery.subscriber_id,
            channel=delivery.channel,
            permanent=permanent,
        )
        for receiver, answer in answers:
            if isinstance(answer, Exception):
                logger.error("delivery_failed receiver %r failed for delivery %s: %r", receiver, delivery.pk, answer)
