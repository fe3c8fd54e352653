"""Factories for notifications; every one is a valid queued message unless told otherwise."""

from __future__ import annotations

from typing import Any

import factory

from torg.notifications.models import Channel, Notification, State


class NotificationFactory(factory.django.DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    key: Any = factory.Sequence(lambda n: f"test:{n}:receipt")
    channel: Any = Channel.EMAIL
    recipient: Any = factory.Sequence(lambda n: f"innbyggjar{n}@example.no")
    subject: Any = "Vi har fått førespurnaden din"
    body: Any = "Takk. Du får svar innan fem arbeidsdagar."
    state: Any = State.QUEUED


class SmsNotificationFactory(NotificationFactory):
    channel: Any = Channel.SMS
    recipient: Any = "+4791234567"
    subject: Any = ""
    body: Any = "Torg: Vi har fått førespurnaden din."
