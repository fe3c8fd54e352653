"""Delivery rows hold residents' addresses and are deleted on schedule; the dispatch keeps its counts."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from torg.notifications.delivery import DeliveryRow, add_deliveries, create_dispatch
from torg.notifications.delivery.retention import delete_old_deliveries
from torg.notifications.models import Delivery, Dispatch

pytestmark = pytest.mark.django_db


def dispatch_with(key: str, n: int, finished_days_ago: int | None) -> Dispatch:
    dispatch = create_dispatch(key=key, kind="page", subject="Nytt", text="Nytt", sms_text="Nytt")
    add_deliveries(
        dispatch=dispatch,
        rows=[DeliveryRow(channel="email", address=f"{key}-{i}@example.no", subscriber_id=i) for i in range(n)],
    )
    if finished_days_ago is not None:
        finished = timezone.now() - datetime.timedelta(days=finished_days_ago)
        Dispatch.objects.filter(pk=dispatch.pk).update(finished_at=finished, total=n, sent=n)
    return dispatch


def test_deliveries_of_dispatches_finished_past_the_keep_period_are_deleted(settings):
    settings.TORG_DELIVERY_KEEP_DAYS = 30
    old = dispatch_with("old", 7, finished_days_ago=31)
    recent = dispatch_with("recent", 3, finished_days_ago=29)
    running = dispatch_with("running", 2, finished_days_ago=None)

    assert delete_old_deliveries(chunk=4) == 7

    assert not Delivery.objects.filter(dispatch=old).exists()
    assert Delivery.objects.filter(dispatch=recent).count() == 3
    assert Delivery.objects.filter(dispatch=running).count() == 2
    old.refresh_from_db()
    assert (old.total, old.sent) == (7, 7), "the dispatch keeps its counts"
    assert delete_old_deliveries() == 0
