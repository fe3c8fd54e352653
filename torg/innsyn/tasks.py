"""Background work for the public journal and access requests, run by the task worker."""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from .handling.actions import escalate_overdue_parts

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 1.0  # seconds between progress notes in the cache
PROGRESS_TTL = 24 * 3600


def progress_key(run_id: int) -> str:
    return f"torg-innsyn-import-progress:{run_id}"


@task()
def escalate_overdue_access_requests() -> list[int]:
    """Tell leaders of parts past their deadline; flag presumed refusals after five working days."""
    return list(escalate_overdue_parts())


@task()
def import_uploaded_journal(run_id: int, name: str) -> str:
    """Import a journal file uploaded in the back office, then delete the upload (it holds the sensitive originals).

    The import is one transaction, so its progress (entries, bytes read) goes to the cache,
    where the archive page reads it. Returns the run's status.
    """
    from .actions import ImportRejected, import_journal
    from .models import ImportRun, ImportStatus, private_storage

    storage = private_storage()
    run = ImportRun.objects.select_related("actor").filter(pk=run_id).first()
    if run is None:
        storage.delete(name)
        return "missing"
    last = 0.0

    def note(entries: int, done: int, total: int | None) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY:
            last = now
            cache.set(progress_key(run_id), {"entries": entries, "bytes": done}, PROGRESS_TTL)

    try:
        with storage.open(name, "rb") as stream:
            import_journal(source=stream, actor=run.actor, progress=note, run=run)
    except ImportRejected:
        pass  # the run holds the line and the reason
    except Exception:  # anything else: the run must not stay "running" for ever
        logger.exception("Journal import %s failed", run_id)
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportStatus.REJECTED,
            finished_at=timezone.now(),
            errors=[
                {
                    "line": None,
                    "reason": gettext(
                        "Something went wrong in the import. The technical staff find it in the server log."
                    ),
                }
            ],
        )
    finally:
        storage.delete(name)
        cache.delete(progress_key(run_id))
    run.refresh_from_db()
    return str(run.status)
