"""Creating a dispatch and its deliveries, and starting the workers.

``add_deliveries_from_query()`` copies the recipients straight from a queryset
into the delivery table with one ``INSERT … SELECT``: 100,000 recipients never
pass through Python.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from ..models import KEY_MAX_LENGTH, Channel, Delivery, Dispatch, DispatchKind, Report, State
from . import config
from .claimed import ClaimedDelivery

logger = logging.getLogger(__name__)

CRISIS_PRIORITY = 0
DEFAULT_PRIORITY = 5

Personaliser = Callable[[ClaimedDelivery], dict[str, str]]
_personalisers: dict[str, Personaliser] = {}


def register_personaliser(name: str, func: Personaliser) -> None:
    """``func(delivery)`` returns ``{"unsubscribe_url": …, "manage_url": …}`` (absolute URLs) for one delivery.

    A dispatch created with ``personaliser=name`` gets, per e-mail, a footer with both links and the
    ``List-Unsubscribe``/``List-Unsubscribe-Post`` headers (RFC 8058), and per SMS the reply-word hint.
    Register in ``AppConfig.ready()`` so every worker process has it.
    """
    _personalisers[name] = func


def personalise(dispatch: Dispatch, delivery: ClaimedDelivery) -> dict[str, str] | None:
    if not dispatch.personaliser:
        return None
    func = _personalisers.get(dispatch.personaliser)
    if func is None:
        raise LookupError(f"No personaliser {dispatch.personaliser!r} is registered.")
    return func(delivery)


@dataclass(frozen=True)
class DeliveryRow:
    """One recipient on one channel, for ``add_deliveries()``."""

    channel: str
    address: str
    subscriber_id: int | None = None
    token: str = ""
    push_keys: dict[str, str] = field(default_factory=dict)


@transaction.atomic
def create_dispatch(
    *,
    key: str,
    kind: str,
    subject: str,
    text: str,
    sms_text: str,
    push_title: str = "",
    push_body: str = "",
    url: str = "",
    priority: int | None = None,
    personaliser: str = "",
) -> Dispatch:
    """The dispatch with this ``key``: created now, or the existing one unchanged (idempotent)."""
    if not key or len(key) > KEY_MAX_LENGTH:
        raise ValueError(f"key must be 1 to {KEY_MAX_LENGTH} characters.")
    if kind not in DispatchKind.values:
        raise ValueError(f"Unknown dispatch kind {kind!r}.")
    if priority is None:
        priority = CRISIS_PRIORITY if kind in (DispatchKind.CRISIS, DispatchKind.DRILL) else DEFAULT_PRIORITY
    dispatch, _created = Dispatch.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "subject": subject,
            "text": text,
            "sms_text": sms_text,
            "push_title": push_title,
            "push_body": push_body,
            "url": url,
            "priority": priority,
            "personaliser": personaliser,
        },
    )
    return dispatch


def _check_channel(channel: str) -> None:
    if channel not in Channel.values:
        raise ValueError(f"Unknown channel {channel!r}.")


def add_deliveries(*, dispatch: Dispatch, rows: Iterable[DeliveryRow], batch_size: int = 2000) -> int:
    """Add deliveries from Python rows; an address already on the dispatch and channel is skipped."""
    now = timezone.now()
    objects = []
    for row in rows:
        _check_channel(row.channel)
        if not row.address:
            continue
        objects.append(
            Delivery(
                dispatch=dispatch,
                channel=row.channel,
                address=row.address,
                subscriber_id=row.subscriber_id,
                token=row.token,
                push_keys=dict(row.push_keys),
                priority=dispatch.priority,
                next_attempt_at=now,
            )
        )
    Delivery.objects.bulk_create(objects, batch_size=batch_size, ignore_conflicts=True)
    return len(objects)


def add_deliveries_from_query(*, dispatch: Dispatch, channel: str, queryset: QuerySet[Any, Any]) -> int:
    """Copy recipients from ``queryset`` with ONE ``INSERT … SELECT``; return how many rows were new.

    ``queryset`` must be a ``.values(address=…, subscriber_id=…, token=…)`` queryset on the default
    database (``token`` optional; for push also ``p256dh=…, auth=…``). Empty addresses are skipped;
    an address already on this dispatch and channel is ignored (``INSERT OR IGNORE`` on SQLite,
    ``ON CONFLICT DO NOTHING`` on PostgreSQL).
    """
    _check_channel(channel)
    names = set(queryset.query.values_select) | set(queryset.query.annotation_select)
    if "address" not in names:
        raise ValueError("The queryset must be .values(address=..., subscriber_id=..., token=...).")
    inner_sql, inner_params = queryset.query.sql_with_params()
    qn = connection.ops.quote_name
    vendor = connection.vendor
    column = {name: f"sub.{qn(name)}" if name in names else None for name in ("subscriber_id", "token")}
    if channel == Channel.PUSH and {"p256dh", "auth"} <= names:
        build = "json_build_object" if vendor == "postgresql" else "json_object"
        push_keys = f"{build}('p256dh', sub.{qn('p256dh')}, 'auth', sub.{qn('auth')})"
    else:
        push_keys = "'{}'"
    columns = [
        "dispatch_id",
        "channel",
        "address",
        "subscriber_id",
        "token",
        "push_keys",
        "priority",
        "state",
        "attempts",
        "next_attempt_at",
        "claimed_by",
        "provider_ref",
        "last_error",
        "report",
    ]
    select = [
        "%s",
        "%s",
        f"sub.{qn('address')}",
        column["subscriber_id"] or "NULL",
        f"COALESCE(sub.{qn('token')}, '')" if column["token"] else "''",
        push_keys,
        "%s",
        "%s",
        "0",
        "%s",
        "''",
        "''",
        "''",
        "%s",
    ]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    head_params = [dispatch.pk, channel]
    tail_params = [dispatch.priority, State.QUEUED, now, Report.NONE]
    select_sql = (
        f"SELECT {', '.join(select)} "  # noqa: S608 - quoted names and placeholders only
        f"FROM ({inner_sql}) sub WHERE sub.{qn('address')} IS NOT NULL AND sub.{qn('address')} <> ''"
    )
    table = qn(Delivery._meta.db_table)
    column_sql = ", ".join(qn(c) for c in columns)
    if vendor == "sqlite":
        sql = f"INSERT OR IGNORE INTO {table} ({column_sql}) {select_sql}"
    elif vendor == "postgresql":
        sql = f"INSERT INTO {table} ({column_sql}) {select_sql} ON CONFLICT DO NOTHING"
    else:
        raise NotImplementedError(f"add_deliveries_from_query does not support {vendor}.")
    # Placeholders in order: the select list (dispatch, channel, priority, state, time, report), then the subquery.
    params = [*head_params, *tail_params, *inner_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


@transaction.atomic
def start_dispatch(*, dispatch: Dispatch) -> None:
    """Count the deliveries and, after commit, enqueue ``TORG_DELIVERY_WORKERS`` worker tasks per channel used.

    The tasks are enqueued channel by channel in turn (SMS first), so two task workers start
    on two channels at once. Calling it again is harmless: extra tasks find nothing due and end.
    """
    counts = dict(
        Delivery.objects.filter(dispatch=dispatch)
        .order_by()
        .values("channel")
        .annotate(n=Count("pk"))
        .values_list("channel", "n")
    )
    Dispatch.objects.filter(pk=dispatch.pk).update(
        total=sum(counts.values()), started_at=dispatch.started_at or timezone.now(), finished_at=None
    )
    order = [c for c in (Channel.SMS, Channel.PUSH, Channel.EMAIL) if counts.get(c)]
    if order:
        transaction.on_commit(functools.partial(enqueue_workers, channels=[str(c) for c in order]), robust=True)


def enqueue_workers(*, channels: list[str], count: int | None = None) -> None:
    """Enqueue ``count`` (default ``TORG_DELIVERY_WORKERS``) ``send_deliveries`` tasks per channel, interleaved."""
    from ..tasks import send_deliveries

    for _ in range(count or config.workers()):
        for channel in channels:
            send_deliveries.enqueue(channel=channel)
