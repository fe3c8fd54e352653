"""Receivers connected in ``SubscriptionsConfig.ready()``: they only enqueue work after commit.

- Wagtail's ``page_published``: a page published for the first time is announced
  (``announce_page``, idempotent per page, so a retried publish sends nothing twice).
- ``torg.places.signals.places_changed``: recompute area membership for those places.
- ``torg.notifications.signals.delivery_failed``: count failures, pause addresses that keep failing.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
from collections.abc import Iterator
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)

_quiet: contextvars.ContextVar[bool] = contextvars.ContextVar("torg_subscriptions_quiet", default=False)


@contextlib.contextmanager
def no_page_announcements() -> Iterator[None]:
    """Pages first published inside this block are not announced (the demo build, imports)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def _enqueue_announce(page_id: int) -> None:
    from .tasks import announce_page_task

    announce_page_task.enqueue(page_id=page_id)


def page_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    """First publish only: Wagtail sets first_published_at and last_published_at to the same moment."""
    from .actions.announce import is_announced_type

    if _quiet.get() or not is_announced_type(instance):
        return
    if instance.first_published_at is None or instance.first_published_at != instance.last_published_at:
        return
    transaction.on_commit(functools.partial(_enqueue_announce, instance.pk), robust=True)


def places_changed(sender: Any, place_ids: list[int] | None = None, **kwargs: Any) -> None:
    from .tasks import recompute_areas_task

    ids = [int(pk) for pk in place_ids] if place_ids is not None else None
    transaction.on_commit(functools.partial(recompute_areas_task.enqueue, place_ids=ids), robust=True)


def delivery_failed(
    sender: Any,
    subscriber_id: int | None = None,
    channel: str = "",
    permanent: bool = False,
    delivery: Any = None,
    **kwargs: Any,
) -> None:
    from .actions import note_delivery_failure

    if subscriber_id is None:
        return
    address = getattr(delivery, "address", "") or ""
    note_delivery_failure(
        subscriber_id=int(subscriber_id), channel=str(channel), permanent=bool(permanent), address=address
    )


def connect() -> None:
    from wagtail.signals import page_published as wagtail_page_published

    from torg.notifications.signals import delivery_failed as engine_delivery_failed
    from torg.places.signals import places_changed as places_places_changed

    wagtail_page_published.connect(page_published, dispatch_uid="subscriptions-page-published")
    places_places_changed.connect(places_changed, dispatch_uid="subscriptions-places-changed")
    engine_delivery_failed.connect(delivery_failed, dispatch_uid="subscriptions-delivery-failed")
