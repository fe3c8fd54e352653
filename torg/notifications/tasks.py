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


@task()
def send_deliveries(channel: str = "") -> int:
    """Deliver a fan-out on ``channel`` ("" = every channel) until nothing is due; return how many were claimed."""
    from .delivery import run

    return run(channels=[channel] if channel else None, until="idle")


@task()
def sweep_deliveries() -> list[str]:
    """Take over dead workers' deliveries and retries that are due: enqueue workers where needed."""
    from .delivery import sweep

    return sweep()


@task()
def delete_old_deliveries() -> int:
    """Delete delivery rows (residents' addresses) of dispatches finished long ago; return how many."""
    from .delivery.retention import delete_old_deliveries as delete

    return delete()
