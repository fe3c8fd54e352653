"""The scheduler enqueues each periodic task once per interval, however often it wakes up."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone
from django_tasks.signals import task_enqueued

from torg.core.models import PeriodicTaskRun
from torg.core.scheduling import enqueue_due_tasks
from torg.web.tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db

PUBLISH = "torg.web.tasks.publish_scheduled_pages"
REMIND = "torg.web.tasks.remind_stale_service_pages"
START = datetime.datetime(2025, 3, 3, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def enqueued():
    """Module paths of the tasks enqueued (and, in tests, run at once) during the test."""
    names: list[str] = []

    def receiver(sender, task_result, **kwargs):
        names.append(task_result.task.module_path)

    task_enqueued.connect(receiver, dispatch_uid="test-scheduling")
    yield names
    task_enqueued.disconnect(dispatch_uid="test-scheduling")


def _tick(django_capture_on_commit_callbacks) -> list[str]:
    with django_capture_on_commit_callbacks(execute=True):
        return enqueue_due_tasks()


def test_each_task_is_enqueued_once_per_interval(site_tree, settings, enqueued, django_capture_on_commit_callbacks):
    settings.TORG_PERIODIC_TASKS = {PUBLISH: 60, REMIND: 24 * 3600}
    with time_machine.travel(START, tick=False) as clock:
        assert _tick(django_capture_on_commit_callbacks) == [PUBLISH, REMIND]
        assert _tick(django_capture_on_commit_callbacks) == []

        clock.shift(datetime.timedelta(seconds=61))
        assert _tick(django_capture_on_commit_callbacks) == [PUBLISH]

        clock.shift(datetime.timedelta(days=1))
        assert _tick(django_capture_on_commit_callbacks) == [PUBLISH, REMIND]

    assert [name for name in enqueued if name.startswith("torg.")] == [PUBLISH, REMIND, PUBLISH, PUBLISH, REMIND]
    assert PeriodicTaskRun.objects.get(name=REMIND).last_enqueued_at == START + datetime.timedelta(days=1, seconds=61)


def test_scheduled_page_goes_live_when_the_scheduler_runs_after_its_time(
    site_tree, settings, django_capture_on_commit_callbacks
):
    settings.TORG_PERIODIC_TASKS = {PUBLISH: 60}
    with time_machine.travel(START, tick=False) as clock:
        page = ServicePageFactory.create(parent=site_tree.area_page_a, live=False, title="Ny opningstid")
        page.go_live_at = timezone.now() + datetime.timedelta(minutes=30)
        page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live

        clock.shift(datetime.timedelta(minutes=31))
        _tick(django_capture_on_commit_callbacks)

    page.refresh_from_db()
    assert page.live


def test_a_second_scheduler_process_does_not_enqueue_again(site_tree, settings, django_capture_on_commit_callbacks):
    settings.TORG_PERIODIC_TASKS = {PUBLISH: 60}
    with time_machine.travel(START, tick=False):
        first = enqueue_due_tasks()
        # Another process waking up at the same moment finds the row already claimed.
        second = enqueue_due_tasks(now=timezone.now())

    assert first == [PUBLISH]
    assert second == []
