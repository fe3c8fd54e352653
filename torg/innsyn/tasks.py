"""Background work for access requests (innsynskrav), run by the task worker."""

from __future__ import annotations

from django_tasks import task

from .handling.actions import escalate_overdue_parts


@task()
def escalate_overdue_access_requests() -> list[int]:
    """Tell leaders of parts past their deadline; flag presumed refusals after five working days."""
    return list(escalate_overdue_parts())
