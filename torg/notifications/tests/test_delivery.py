"""The worker sends each notification once: it claims it first, retries failures with backoff, then gives up."""

from __future__ import annotations

import datetime
import socket
from collections.abc import Iterator

import pytest
import time_machine
from django.utils import timezone

from torg.notifications.actions import (
    LEASE_EXPIRED_ERROR,
    claim_notification,
    deliver_notification,
    send_due_notifications,
)
from torg.notifications.models import Notification, State
from torg.notifications.tasks import send_due_notifications as send_due_notifications_task
from torg.notifications.tasks import send_notification

from .factories import NotificationFactory, SmsNotificationFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def closed_smtp_port(settings) -> Iterator[int]:
    """Django's SMTP backend, pointed at a port where nobody listens: every send is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))  # bound but not listening: connections are refused
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", sock.getsockname()[1], 2
        yield sock.getsockname()[1]


def test_claiming_is_one_update_and_only_one_worker_gets_the_notification(django_assert_num_queries):
    notification = NotificationFactory.create()

    with django_assert_num_queries(1):
        first = claim_notification(notification_id=notification.pk)
    second = claim_notification(notification_id=notification.pk)

    assert first is not None
    assert second is None
    notification.refresh_from_db()
    assert (notification.state, notification.claimed_until) == (State.SENDING, first)


def test_a_notification_claimed_by_another_worker_with_a_live_lease_is_not_sent_again(mailoutbox):
    notification = NotificationFactory.create(
        state=State.SENDING, claimed_until=timezone.now() + datetime.timedelta(minutes=4)
    )

    assert deliver_notification(notification_id=notification.pk) == "skipped"
    assert send_due_notifications() == 0

    assert mailoutbox == []
    notification.refresh_from_db()
    assert notification.state == State.SENDING


def test_a_notification_whose_worker_died_is_taken_over_when_the_lease_expires(mailoutbox):
    notification = NotificationFactory.create(
        state=State.SENDING, claimed_until=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert send_due_notifications() == 1

    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert (notification.state, notification.attempts, notification.last_error) == (
        State.SENT,
        1,
        LEASE_EXPIRED_ERROR,
    )


def test_sent_and_failed_notifications_are_never_sent_again(mailoutbox):
    sent = NotificationFactory.create(state=State.SENT, sent_at=timezone.now())
    failed = NotificationFactory.create(state=State.FAILED, attempts=5)

    for notification in (sent, failed):
        send_notification.enqueue(notification_id=notification.pk)
    send_due_notifications_task.enqueue()

    assert mailoutbox == []


def test_a_slow_worker_cannot_mark_as_sent_what_another_worker_took_over(settings, mailoutbox):
    settings.TORG_NOTIFY_LEASE_SECONDS = 60
    notification = NotificationFactory.create()
    with time_machine.travel(START, tick=False) as clock:
        stale_lease = claim_notification(notification_id=notification.pk)
        clock.shift(datetime.timedelta(seconds=61))
        assert deliver_notification(notification_id=notification.pk) == State.SENT  # the new owner
        late = Notification.objects.filter(pk=notification.pk, state=State.SENDING, claimed_until=stale_lease)
        assert late.update(state=State.QUEUED) == 0  # the stale owner's write is fenced off

    assert len(mailoutbox) == 1


def test_a_failed_send_is_retried_with_growing_backoff_then_given_up(settings, closed_smtp_port, mailoutbox):
    settings.TORG_NOTIFY_MAX_ATTEMPTS = 3
    settings.TORG_NOTIFY_RETRY_SECONDS = 60
    with time_machine.travel(START, tick=False) as clock:
        notification = NotificationFactory.create()

        assert deliver_notification(notification_id=notification.pk) == State.QUEUED
        notification.refresh_from_db()
        assert notification.attempts == 1
        assert notification.next_attempt_at == START + datetime.timedelta(seconds=60)
        assert "ConnectionRefusedError" in notification.last_error

        clock.shift(datetime.timedelta(seconds=59))
        assert send_due_notifications() == 0
        assert Notification.objects.get().attempts == 1  # not due yet: not tried

        clock.shift(datetime.timedelta(seconds=1))
        send_due_notifications()
        notification.refresh_from_db()
        assert notification.attempts == 2
        assert notification.next_attempt_at == START + datetime.timedelta(seconds=60 + 120)

        clock.shift(datetime.timedelta(seconds=120))
        send_due_notifications()
        notification.refresh_from_db()
        assert (notification.state, notification.attempts, notification.next_attempt_at) == (State.FAILED, 3, None)

        clock.shift(datetime.timedelta(days=1))
        assert send_due_notifications() == 0
        assert Notification.objects.get().attempts == 3

    assert mailoutbox == []


def test_a_retry_succeeds_once_the_mail_server_is_back(settings, closed_smtp_port, mailoutbox):
    with time_machine.travel(START, tick=False) as clock:
        notification = NotificationFactory.create()
        deliver_notification(notification_id=notification.pk)
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

        clock.shift(datetime.timedelta(minutes=1))
        assert send_due_notifications() == 1

    notification.refresh_from_db()
    assert (notification.state, notification.attempts, notification.sent_at) == (
        State.SENT,
        1,
        START + datetime.timedelta(minutes=1),
    )
    assert len(mailoutbox) == 1


def test_a_queued_notification_whose_enqueue_was_lost_is_sent_by_the_periodic_task(mailoutbox, sms_outbox):
    with time_machine.travel(START, tick=False) as clock:
        NotificationFactory.create()
        SmsNotificationFactory.create()
        assert send_due_notifications() == 0  # just queued: its own task is on the way

        clock.shift(datetime.timedelta(minutes=2))
        result = send_due_notifications_task.enqueue()

    assert result.return_value == 2
    assert len(mailoutbox) == 1
    assert len(sms_outbox) == 1


def test_a_worker_that_keeps_dying_on_a_notification_ends_with_failed(settings, mailoutbox):
    settings.TORG_NOTIFY_MAX_ATTEMPTS = 2
    notification = NotificationFactory.create(
        state=State.SENDING, attempts=1, claimed_until=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert send_due_notifications() == 0

    notification.refresh_from_db()
    assert (notification.state, notification.attempts, notification.last_error) == (
        State.FAILED,
        2,
        LEASE_EXPIRED_ERROR,
    )
    assert mailoutbox == []
