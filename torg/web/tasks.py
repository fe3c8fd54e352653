"""Background work for the public site, run by the task worker."""

from __future__ import annotations

from django.core.management import call_command
from django_tasks import task

from . import actions


@task()
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones."""
    call_command("publish_scheduled", verbosity=0)


@task()
def remind_stale_service_pages() -> int:
    """Remind owners of service pages not reviewed within the review period."""
    return actions.remind_page_owners()
