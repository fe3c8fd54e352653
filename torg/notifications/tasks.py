"""Background work for notifications, run by the task worker.

``send_notification`` is enqueued by ``actions.notify()`` after commit;
``send_due_notifications`` runs periodically (``settings.TORG_PERIODIC_TASKS``)
to retry failed sends and take over sends whose worker died.
"""

from __future__ import annotations

from django_tasks import task

from . import actions


@task()
def send_notification(notification_id: int) -> str:
    """Send one notification unless another worker has it; return its state afterwards."""
    return actions.deliver_notification(notification_id=notification_id)


@task()
def send_due_notifications() -> int:
    """Retry notifications whose backoff has passed; return how many were sent."""
    return actions.send_due_notifications()
