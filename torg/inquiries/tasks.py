"""Background work for Servicetorget, run by the task worker."""

from __future__ import annotations

from django_tasks import task

from . import actions


@task()
def remind_and_escalate() -> list[int]:
    """Remind leaders of inquiries soon due and escalate overdue ones."""
    return list(actions.remind_and_escalate())


@task()
def anonymise_old_inquiries() -> int:
    """Delete personal data of inquiries closed longer ago than the keeping period."""
    return actions.anonymise_old_inquiries()
