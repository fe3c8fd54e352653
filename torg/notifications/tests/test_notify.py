"""Other apps queue messages with notify(): once per key, and only when their transaction commits."""

from __future__ import annotations

import pytest
from django.db import transaction

from torg.notifications.actions import notify
from torg.notifications.models import Channel, Notification, State

pytestmark = pytest.mark.django_db


def test_an_email_is_sent_after_commit_with_headers_and_reply_to(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            key="inquiry:1:receipt",
            channel=Channel.EMAIL,
            to="Kari Nordmann <kari@example.no>",
            subject="Vi har fått førespurnaden din",
            body="Saksnummer 2025/1.",
            headers={"X-Torg-Inquiry": "1"},
            reply_to="postmottak@kommune.no",
        )
        assert mailoutbox == []  # nothing before commit

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["Kari Nordmann <kari@example.no>"]
    assert mail.subject == "Vi har fått førespurnaden din"
    assert mail.reply_to == ["postmottak@kommune.no"]
    assert mail.extra_headers["X-Torg-Inquiry"] == "1"
    assert mail.from_email == "Torg <noreply@torg.invalid>"
    notification.refresh_from_db()
    assert notification.state == State.SENT
    assert notification.sent_at is not None
    assert notification.provider_id == mail.extra_headers["Message-ID"]


def test_the_same_key_twice_sends_one_message(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = notify(key="inquiry:7:receipt", channel=Channel.EMAIL, to="a@example.no", body="Takk.")
        second = notify(key="inquiry:7:receipt", channel=Channel.EMAIL, to="a@example.no", body="Takk.")
    with django_capture_on_commit_callbacks(execute=True):
        third = notify(key="inquiry:7:receipt", channel=Channel.EMAIL, to="a@example.no", body="Takk.")

    assert first.pk == second.pk == third.pk
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    assert Notification.objects.count() == 1


def test_nothing_is_queued_or_sent_when_the_callers_transaction_rolls_back(
    django_capture_on_commit_callbacks, mailoutbox, sms_outbox
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(key="inquiry:2:receipt", channel=Channel.EMAIL, to="b@example.no", body="Takk.")
        notify(key="inquiry:2:sms", channel=Channel.SMS, to="912 34 567", body="Takk.")
        raise RuntimeError("the inquiry could not be saved")

    assert callbacks == []
    assert mailoutbox == []
    assert sms_outbox == []
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_with_real_transactions_only_the_committed_message_goes_out(mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(key="inquiry:3:receipt", channel=Channel.EMAIL, to="c@example.no", body="Rulla tilbake.")
        raise RuntimeError
    with transaction.atomic():
        notify(key="inquiry:4:receipt", channel=Channel.EMAIL, to="d@example.no", body="Lagra.")
        assert mailoutbox == []

    assert [mail.body for mail in mailoutbox] == ["Lagra."]
    assert list(Notification.objects.values_list("key", "state")) == [("inquiry:4:receipt", State.SENT)]


def test_an_sms_is_sent_to_the_normalised_number(django_capture_on_commit_callbacks, sms_outbox):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(key="alert:9:sms", channel=Channel.SMS, to="0047 912 34 567", body="Vassbrot i Storgata.")

    assert notification.recipient == "+4791234567"
    assert [(m["to"], m["text"]) for m in sms_outbox] == [(["+4791234567"], "Vassbrot i Storgata.")]
    notification.refresh_from_db()
    assert (notification.state, notification.provider_id) == (State.SENT, sms_outbox[0]["ids"][0])


@pytest.mark.parametrize(
    "fields",
    [
        {"channel": Channel.EMAIL, "to": "not an address"},
        {"channel": Channel.EMAIL, "to": "a@example.no", "subject": "Line\nBcc: evil@example.com"},
        {"channel": Channel.EMAIL, "to": "a@example.no", "headers": {"X-Bad": "a\r\nBcc: evil@example.com"}},
        {"channel": Channel.EMAIL, "to": "a@example.no", "headers": {"Bad Name": "x"}},
        {"channel": Channel.EMAIL, "to": "a@example.no", "reply_to": "nobody"},
        {"channel": Channel.SMS, "to": "12"},
        {"channel": "fax", "to": "a@example.no"},
    ],
)
def test_a_message_that_could_never_be_sent_is_refused_at_once(fields):
    with pytest.raises(ValueError):
        notify(key="bad", body="Hei.", **fields)

    assert not Notification.objects.exists()


def test_a_message_id_given_by_the_caller_is_kept_and_not_doubled(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            key="inquiry:5:receipt",
            channel=Channel.EMAIL,
            to="e@example.no",
            body="Takk.",
            headers={"Message-Id": "<inquiry.5.receipt@kommune.no>"},
        )

    message = mailoutbox[0].message()
    assert message.get_all("Message-ID") == ["<inquiry.5.receipt@kommune.no>"]
    notification.refresh_from_db()
    assert notification.provider_id == "<inquiry.5.receipt@kommune.no>"
