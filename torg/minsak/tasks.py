"""Background work for Mi sak, run by the task worker."""

from __future__ import annotations

from django_tasks import task

from . import actions


@task()
def delete_old_login_links() -> int:
    """Delete used and expired one-time login links."""
    return actions.delete_old_login_links()
