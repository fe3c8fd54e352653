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
from .claimed import CLAIMED_COLUMNS, ClaimedDelivery

logger = logging.getLogger(__name__)

LEASE_EXPIRED_ERROR = "The previous attempt did not finish before its lease expired."


def default_worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _claim_sql(*, expired: bool) -> str:
    """The claiming UPDATE; parameters: lease end, claim token, [error,] *where, limit, *where (SQLite)
    or *where, limit, lease end, claim token, [error] (PostgreSQL)."""
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
        # re-scanned by the planner and take more than LIMIT rows). The rows it locked met the
        # conditions when locked (PostgreSQL re-checks them on the newest row version), so the
        # UPDATE joins on the primary key alone: repeating the conditions there let a planner with
        # stale statistics scan every queued row once per picked row.
        return (
            f"WITH picked AS MATERIALIZED ({pick} FOR UPDATE SKIP LOCKED) "  # noqa: S608 - quoted names and placeholders only
            f"UPDATE {table} SET state = 'sending', claimed_until = %s, claimed_by = %s{extra_set} "
            f"FROM picked WHERE {table}.id = picked.id "
            f"RETURNING {', '.join(f'{table}.{qn(c)}' for c in CLAIMED_COLUMNS)}"
        )
    return (
        f"UPDATE {table} SET state = 'sending', claimed_until = %s, claimed_by = %s{extra_set} "  # noqa: S608 - quoted names and placeholders only
        f"WHERE id IN ({pick}) AND {where} RETURNING {', '.join(qn(c) for c in CLAIMED_COLUMNS)}"
    )


def claim_batch(*, channel: str, limit: int, worker: str = "") -> list[ClaimedDelivery]:
    """Claim up to ``limit`` deliveries of ``channel`` for this worker; return them with their dispatch.

    Rows with an expired lease go first (each such takeover counts as a failed attempt), then
    queued rows that are due, crisis messages (priority 0) before others. The claim returns the
    columns the senders need (``ClaimedDelivery``), in (priority, id) order.
    """
    if limit <= 0:
        return []
    give_up_expired(channel=channel)
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    now_db, until_db = adapt(now), adapt(now + config.lease())
    token = f"{(worker or default_worker_name())[:80]}/{uuid.uuid4().hex[:12]}"
    rows: list[ClaimedDelivery] = []
    postgres = connection.vendor == "postgresql"

    def params(set_params: list[Any], where: list[Any], n: int) -> list[Any]:
        if postgres:
            return [*where, n, *set_params]
        return [*set_params, *where, n, *where]

    with transaction.atomic(), connection.cursor() as cursor:
        where_expired: list[Any] = [channel, now_db, config.max_attempts() - 1]
        cursor.execute(_claim_sql(expired=True), params([until_db, token, LEASE_EXPIRED_ERROR], where_expired, limit))
        rows += map(ClaimedDelivery, cursor.fetchall())
        if len(rows) < limit:
            where_due: list[Any] = [channel, now_db]
            cursor.execute(_claim_sql(expired=False), params([until_db, token], where_due, limit - len(rows)))
            rows += map(ClaimedDelivery, cursor.fetchall())
    if not rows:
        return []
    rows.sort(key=lambda d: (d.priority, d.id))
    return with_dispatches(rows)


def with_dispatches(deliveries: list[ClaimedDelivery]) -> list[ClaimedDelivery]:
    """Attach each delivery's dispatch, loaded once per dispatch (not joined into every row)."""
    dispatches = Dispatch.objects.in_bulk({d.dispatch_id for d in deliveries})
    for delivery in deliveries:
        delivery.dispatch = dispatches[delivery.dispatch_id]
    return deliveries


def _mine(deliveries: Iterable[ClaimedDelivery]) -> dict[str, list[int]]:
    """Delivery ids by the claim token each was claimed with."""
    by_token: dict[str, list[int]] = defaultdict(list)
    for delivery in deliveries:
        by_token[delivery.claimed_by].append(delivery.id)
    return by_token


def _mark_sent_sql(ids: list[int], refs: Mapping[int, str], token: str, now: Any) -> tuple[str, list[Any]]:
    """One fenced UPDATE: sent, and the provider's reference per row where it gave one (from a VALUES list)."""
    table = connection.ops.quote_name(Delivery._meta.db_table)
    done = "state = 'sent', sent_at = %s, claimed_until = NULL, next_attempt_at = NULL"
    fence = f"{table}.state = 'sending' AND {table}.claimed_by = %s"
    if not refs:
        marks = ", ".join(["%s"] * len(ids))
        sql = f"UPDATE {table} SET {done} WHERE id IN ({marks}) AND {fence}"  # noqa: S608 - quoted names and placeholders only
        return sql, [now, *ids, token]
    rows = ", ".join(["(CAST(%s AS BIGINT), CAST(%s AS TEXT))"] * len(ids))
    sql = (
        f"UPDATE {table} SET {done}, provider_ref = v.column2 FROM (VALUES {rows}) AS v "  # noqa: S608 - quoted names and placeholders only
        f"WHERE {table}.id = v.column1 AND {fence}"
    )
    params: list[Any] = [now]
    for pk in ids:
        params += (pk, (refs.get(pk) or "")[:255])
    return sql, [*params, token]


MARK_CHUNK = 2000  # rows per UPDATE (SQLite allows 32,766 parameters)


def mark_sent(deliveries: list[ClaimedDelivery], *, refs: Mapping[int, str] | None = None) -> int:
    """Mark deliveries sent in one UPDATE per claim, fenced on the claim; return how many were still ours.

    ``refs``: the provider's id per delivery id, where it gave one (kept for delivery reports).
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    done = 0
    for token, ids in _mine(deliveries).items():
        for first in range(0, len(ids), MARK_CHUNK):
            chunk = ids[first : first + MARK_CHUNK]
            chunk_refs = {pk: refs[pk] for pk in chunk if refs.get(pk)} if refs else {}
            sql, params = _mark_sent_sql(chunk, chunk_refs, token, now)
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, params)
                done += cursor.rowcount
    if done < len(deliveries):
        logger.warning("%s deliveries were sent after their lease had been taken over.", len(deliveries) - done)
    return done


def mark_failed(delivery: ClaimedDelivery, *, error: str, permanent: bool = False) -> str:
    """Record a failed attempt (fenced): back to queued with backoff, or ``failed`` for good.

    Permanent errors (invalid address, push subscription gone) and the last allowed attempt end
    in ``failed`` and send ``delivery_failed``. Returns the new state ("" if the lease was lost).
    """
    attempts = delivery.attempts + 1
    final = permanent or attempts >= config.max_attempts()
    state = State.FAILED if final else State.QUEUED
    updated = Delivery.objects.filter(pk=delivery.id, state=State.SENDING, claimed_by=delivery.claimed_by).update(
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
    table = connection.ops.quote_name(Delivery._meta.db_table)
    sql = f"SELECT id FROM {table} WHERE state = 'sending' AND claimed_until < %s AND attempts >= %s"  # noqa: S608 - quoted names and placeholders only
    params: list[Any] = [connection.ops.adapt_datetimefield_value(now), config.max_attempts() - 1]
    if channel:
        sql += " AND channel = %s"
        params.append(channel)
    with connection.cursor() as cursor:  # checked before every claim: a plain query, no ORM building
        cursor.execute(f"{sql} LIMIT 1000", params)
        ids = [row[0] for row in cursor.fetchall()]
    if not ids:
        return 0
    Delivery.objects.filter(pk__in=ids, state=State.SENDING, claimed_until__lt=now).update(
        state=State.FAILED, attempts=F("attempts") + 1, last_error=LEASE_EXPIRED_ERROR, claimed_until=None
    )
    failed = list(Delivery.objects.filter(pk__in=ids, state=State.FAILED, last_error=LEASE_EXPIRED_ERROR))
    logger.warning("%s deliveries failed: their last attempt did not finish.", len(failed))
    _signal_failed(failed, permanent=False)
    return len(failed)


def _signal_failed(deliveries: Iterable[Delivery | ClaimedDelivery], *, permanent: bool) -> None:
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
