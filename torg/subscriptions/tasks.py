"""Background work for subscriptions, run by the task worker.

Periodic (``settings.TORG_PERIODIC_TASKS``): ``send_due_digests`` every 15
minutes (daily digests at ``TORG_DIGEST_HOUR``, weekly on Mondays at that
hour) and ``delete_unconfirmed_subscribers`` daily. Enqueued by signals:
``announce_page_task`` after a page's first publish, ``recompute_areas_task``
after places changed.
"""

from __future__ import annotations

from django_tasks import task

from . import actions
from .models import Frequency


@task()
def send_due_digests() -> int:
    """Send the daily and weekly digests that are due; return how many were started."""
    return actions.send_digests(frequency=Frequency.DAGLEG) + actions.send_digests(frequency=Frequency.VEKELEG)


@task()
def delete_unconfirmed_subscribers() -> int:
    return actions.delete_unconfirmed_subscribers()


@task()
def announce_page_task(page_id: int) -> int | None:
    """Announce a page published for the first time; return the dispatch id (None: not announced)."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return None
    dispatch = actions.announce_page(page=page)
    return dispatch.pk if dispatch is not None else None


@task()
def recompute_areas_task(place_ids: list[int] | None = None) -> int:
    """Recompute who lives in the changed places (all places when None)."""
    return actions.recompute_areas(place_ids=place_ids)
