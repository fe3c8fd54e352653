"""Periodic tasks: enqueue each task in ``settings.TORG_PERIODIC_TASKS`` once per interval.

Any number of scheduler processes may run (one per host is usual); a row per
task, locked while it is checked, makes sure each interval enqueues once.
The tasks themselves are idempotent, so a late or repeated run does no harm.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import PeriodicTaskRun

logger = logging.getLogger(__name__)


def enqueue_due_tasks(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every periodic task whose interval has passed; return their names."""
    now = now or timezone.now()
    enqueued = []
    for name, seconds in settings.TORG_PERIODIC_TASKS.items():
        with transaction.atomic():
            run = PeriodicTaskRun.objects.select_for_update().filter(name=name).first()
            if run is not None and now - run.last_enqueued_at < datetime.timedelta(seconds=seconds):
                continue
            PeriodicTaskRun.objects.update_or_create(name=name, defaults={"last_enqueued_at": now})
            task = import_string(name)
            transaction.on_commit(task.enqueue)
            enqueued.append(name)
    if enqueued:
        logger.info("Enqueued periodic tasks: %s", ", ".join(enqueued))
    return enqueued
