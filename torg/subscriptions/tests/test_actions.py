"""Subscribing, confirming, changing, unsubscribing, failures and area membership."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from torg.notifications import sms
from torg.notifications.models import Notification
from torg.notifications.signals import delivery_failed
from torg.places.signals import places_changed
from torg.subscriptions import actions
from torg.subscriptions.models import (
    ConfirmationCode,
    Frequency,
    PushSubscription,
    Subscriber,
    SubscriberArea,
    SubscriberPoint,
)

from .factories import TopicFactory, make_place, make_subscriber

pytestmark = pytest.mark.django_db

CONSENT = "Eg samtykkjer i at kommunen sender meg varsel om det eg har valt."


@pytest.fixture(autouse=True)
def _sms_outbox(settings: Any) -> Iterator[None]:
    settings.TORG_SMS_GATEWAY = {"BACKEND": "torg.notifications.sms.LocmemGateway", "SENDER": "Torg"}
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def start(**overrides: Any) -> Subscriber:
    fields: dict[str, Any] = {
        "email": "Kari@Example.org",
        "phone": "",
        "wants_email": True,
        "wants_sms": False,
        "frequency": Frequency.STRAKS,
        "everything": False,
        "topics": [],
        "service_areas": [],
        "places": [],
        "points": [],
        "consent_text": CONSENT,
    }
    fields.update(overrides)
    return actions.start_subscription(**fields)


def messages_to(address: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=address).order_by("pk"))


def link_token(notification: Notification) -> str:
    found = re.search(r"/abonnement/stadfest/([\w-]+)/", notification.body)
    assert found, notification.body
    return found.group(1)


def sms_code(notification: Notification) -> str:
    found = re.match(r"(\d{6}) ", notification.body)
    assert found, notification.body
    return found.group(1)


# --- Subscribing and confirming ----------------------------------------------------------------


def test_start_subscription_records_consent_and_sends_a_confirmation_link() -> None:
    topic = TopicFactory.create(name="Vatn og avløp")
    subscriber = start(topics=[topic])

    assert subscriber.is_new  # type: ignore[attr-defined]
    assert subscriber.email == "kari@example.org"
    assert subscriber.email_confirmed_at is None
    assert subscriber.consent_text == CONSENT and subscriber.consent_at is not None
    assert list(subscriber.topics.all()) == [topic]
    (mail,) = messages_to("kari@example.org")
    assert "/abonnement/stadfest/" in mail.body
    # Only the hash of the link is kept.
    token = link_token(mail)
    assert not ConfirmationCode.objects.filter(code_hash=token).exists()


def test_start_subscription_keeps_only_the_addresses_of_the_chosen_channels() -> None:
    subscriber = start(email="kari@example.org", phone="912 34 567", wants_email=False, wants_sms=True)

    assert subscriber.email == ""
    assert subscriber.phone == "+4791234567"
    assert messages_to("kari@example.org") == []
    assert len(messages_to("+4791234567")) == 1


def test_start_subscription_needs_a_channel_and_a_valid_address() -> None:
    with pytest.raises(ValueError):
        start(wants_email=False, wants_sms=False)
    with pytest.raises(ValueError):
        start(email="ikkje-ei-adresse")
    with pytest.raises(ValueError):
        start(wants_sms=True, phone="12")
    assert not Subscriber.objects.exists()


def test_confirm_email_by_the_link_in_the_message() -> None:
    subscriber = start()
    token = link_token(messages_to("kari@example.org")[0])

    assert actions.confirm_email(token="feil") is None
    confirmed = actions.confirm_email(token=token)

    assert confirmed == subscriber
    subscriber.refresh_from_db()
    assert subscriber.email_confirmed_at is not None
    # Opening the link again is harmless.
    assert actions.confirm_email(token=token) == subscriber


def test_confirmation_link_expires() -> None:
    start()
    token = link_token(messages_to("kari@example.org")[0])

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=73)):
        assert actions.confirm_email(token=token) is None


def test_confirm_phone_by_code_with_limited_tries() -> None:
    subscriber = start(wants_email=False, wants_sms=True, phone="91234567")
    code = sms_code(messages_to("+4791234567")[0])
    wrong = "000000" if code != "000000" else "111111"

    assert actions.confirm_phone(subscriber=subscriber, code=wrong) is False
    assert actions.confirm_phone(subscriber=subscriber, code=f"{code[:3]} {code[3:]}") is True
    subscriber.refresh_from_db()
    assert subscriber.phone_confirmed_at is not None


def test_confirm_phone_refuses_the_right_code_after_too_many_wrong_ones() -> None:
    subscriber = start(wants_email=False, wants_sms=True, phone="91234567")
    code = sms_code(messages_to("+4791234567")[0])
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        actions.confirm_phone(subscriber=subscriber, code=wrong)

    assert actions.confirm_phone(subscriber=subscriber, code=code) is False


def test_subscribing_again_with_a_confirmed_address_sends_the_manage_link_instead() -> None:
    existing = make_subscriber(email="kari@example.org")

    again = start(email="kari@example.org", everything=True)
    start(email="KARI@example.org")  # a second try within the window sends nothing more

    assert again == existing and again.is_new is False  # type: ignore[attr-defined]
    assert Subscriber.objects.count() == 1
    existing.refresh_from_db()
    assert existing.everything is False  # nothing changed by a stranger
    (mail,) = messages_to("kari@example.org")
    assert f"/abonnement/endre/{existing.token}/" in mail.body


def test_subscribing_again_before_confirming_sends_a_new_link() -> None:
    start()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        start()

    mails = messages_to("kari@example.org")
    assert len(mails) == 2
    assert all("/abonnement/stadfest/" in mail.body for mail in mails)


# --- Changing ---------------------------------------------------------------------------------


def test_update_preferences_changes_choices_and_asks_to_confirm_a_new_address() -> None:
    subscriber = make_subscriber(email="kari@example.org")
    topic = TopicFactory.create(name="Kultur")

    actions.update_preferences(
        subscriber=subscriber, email="kari.ny@example.org", topics=[topic], frequency=Frequency.VEKELEG
    )

    subscriber.refresh_from_db()
    assert subscriber.email == "kari.ny@example.org"
    assert subscriber.email_confirmed_at is None
    assert subscriber.frequency == Frequency.VEKELEG
    assert list(subscriber.topics.all()) == [topic]
    assert "/abonnement/stadfest/" in messages_to("kari.ny@example.org")[0].body


def test_update_preferences_does_not_take_over_another_subscribers_address() -> None:
    other = make_subscriber(email="ola@example.org")
    subscriber = make_subscriber(email="kari@example.org")

    actions.update_preferences(subscriber=subscriber, email="ola@example.org")

    subscriber.refresh_from_db()
    assert subscriber.email == "kari@example.org"
    assert f"/abonnement/endre/{other.token}/" in messages_to("ola@example.org")[0].body


def test_saving_preferences_starts_a_paused_channel_again() -> None:
    subscriber = make_subscriber(wants_sms=True, sms_paused_at=timezone.now(), sms_failures=3)

    actions.update_preferences(subscriber=subscriber, wants_sms=True)

    subscriber.refresh_from_db()
    assert subscriber.sms_paused_at is None and subscriber.sms_failures == 0


def test_points_put_the_subscriber_in_the_places_that_hold_them() -> None:
    sentrum = make_place("Sentrum", 60.40, 5.40)
    make_place("Nordvik", 60.45, 5.45)
    subscriber = make_subscriber()

    actions.update_preferences(subscriber=subscriber, points=[("Storgata 1", 60.41, 5.41)])

    assert list(SubscriberArea.objects.filter(subscriber=subscriber).values_list("place__name", flat=True)) == [
        sentrum.name
    ]
    assert SubscriberPoint.objects.get(subscriber=subscriber).label == "Storgata 1"


def test_add_push_subscription_turns_push_on_and_moves_a_known_endpoint() -> None:
    first = make_subscriber()
    second = make_subscriber()
    endpoint = "https://push.example.com/abc"

    actions.add_push_subscription(subscriber=first, endpoint=endpoint, p256dh="key", auth="auth")
    actions.add_push_subscription(subscriber=second, endpoint=endpoint, p256dh="key2", auth="auth2")

    push = PushSubscription.objects.get()
    assert push.subscriber == second and push.p256dh == "key2"
    second.refresh_from_db()
    assert second.wants_push
    with pytest.raises(ValueError):
        actions.add_push_subscription(subscriber=first, endpoint="http://insecure", p256dh="k", auth="a")


# --- Unsubscribing ----------------------------------------------------------------------------


def test_unsubscribe_one_channel_forgets_its_address() -> None:
    subscriber = make_subscriber(email="kari@example.org", wants_sms=True, phone="+4799000001")

    kept = actions.unsubscribe(subscriber=subscriber, channel="sms")

    assert kept is not None
    kept.refresh_from_db()
    assert kept.phone == "" and not kept.wants_sms and kept.email == "kari@example.org"


def test_unsubscribe_from_everything_deletes_the_subscriber() -> None:
    place = make_place("Sentrum", 60.40, 5.40)
    subscriber = make_subscriber(points=[(60.41, 5.41)], places=[place])

    assert actions.unsubscribe(subscriber=subscriber, channel=None) is None
    assert not Subscriber.objects.exists()
    assert not SubscriberPoint.objects.exists() and not SubscriberArea.objects.exists()


def test_unsubscribing_the_last_channel_deletes_the_subscriber() -> None:
    subscriber = make_subscriber()

    assert actions.unsubscribe(subscriber=subscriber, channel="email") is None
    assert not Subscriber.objects.exists()


def test_unsubscribe_by_sms_reply_word() -> None:
    make_subscriber(wants_sms=True, phone="+4799001234")

    assert actions.unsubscribe_by_sms(phone="99 00 12 34", text="hei") is False
    assert actions.unsubscribe_by_sms(phone="+4799009999", text="STOPP") is False
    assert actions.unsubscribe_by_sms(phone="99 00 12 34", text=" stopp ") is True
    assert not Subscriber.objects.filter(phone="+4799001234").exists()


# --- Failures ----------------------------------------------------------------------------------


def test_sms_is_paused_after_three_failures_and_the_subscriber_told_by_email() -> None:
    subscriber = make_subscriber(email="kari@example.org", wants_sms=True)

    assert not actions.note_delivery_failure(subscriber_id=subscriber.pk, channel="sms", permanent=False)
    assert not actions.note_delivery_failure(subscriber_id=subscriber.pk, channel="sms", permanent=False)
    assert actions.note_delivery_failure(subscriber_id=subscriber.pk, channel="sms", permanent=False)

    subscriber.refresh_from_db()
    assert subscriber.sms_paused_at is not None
    (mail,) = messages_to("kari@example.org")
    assert "SMS" in mail.subject
    assert f"/abonnement/endre/{subscriber.token}/" in mail.body
    # Further failures while paused change nothing and send nothing.
    assert not actions.note_delivery_failure(subscriber_id=subscriber.pk, channel="sms", permanent=True)
    assert len(messages_to("kari@example.org")) == 1


def test_a_permanent_failure_pauses_at_once_through_the_engines_signal() -> None:
    subscriber = make_subscriber(email="kari@example.org")

    class FakeDelivery:
        address = "kari@example.org"

    delivery_failed.send(
        sender=object, delivery=FakeDelivery(), subscriber_id=subscriber.pk, channel="email", permanent=True
    )

    subscriber.refresh_from_db()
    assert subscriber.email_paused_at is not None
    assert messages_to("kari@example.org") == []  # e-mail is what failed: nothing to tell by


def test_a_gone_push_subscription_is_no_longer_used() -> None:
    subscriber = make_subscriber(wants_push=True, push_endpoints=["https://push.example.com/1"])

    actions.note_delivery_failure(
        subscriber_id=subscriber.pk, channel="push", permanent=True, address="https://push.example.com/1"
    )

    assert PushSubscription.objects.get().failed_at is not None


def test_unconfirmed_subscribers_are_deleted_after_a_week() -> None:
    start()
    make_subscriber()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert actions.delete_unconfirmed_subscribers() >= 1

    assert Subscriber.objects.count() == 1
    assert Subscriber.objects.get().email_confirmed_at is not None


# --- Area membership when places change ----------------------------------------------------------


def test_recompute_areas_after_places_changed(django_capture_on_commit_callbacks: Any) -> None:
    sentrum = make_place("Sentrum", 60.40, 5.40)
    inside = make_subscriber(points=[(60.41, 5.41)])
    outside = make_subscriber(points=[(60.45, 5.45)])
    chooser = make_subscriber(places=[sentrum])
    assert set(SubscriberArea.objects.values_list("subscriber_id", flat=True)) == {inside.pk, chooser.pk}

    # The area grows to take in the second point.
    from .factories import square

    sentrum.geometry = square(60.40, 5.40, size=0.1)
    sentrum.min_lat, sentrum.min_lon, sentrum.max_lat, sentrum.max_lon = 60.40, 5.40, 60.50, 5.50
    sentrum.save()
    with django_capture_on_commit_callbacks(execute=True):
        places_changed.send(sender=None, place_ids=[sentrum.pk])

    assert set(SubscriberArea.objects.filter(place=sentrum).values_list("subscriber_id", flat=True)) == {
        inside.pk,
        outside.pk,
        chooser.pk,
    }


def test_recompute_areas_for_everyone_keeps_chosen_places() -> None:
    sentrum = make_place("Sentrum", 60.40, 5.40)
    nordvik = make_place("Nordvik", 60.45, 5.45)
    subscriber = make_subscriber(places=[nordvik], points=[(60.41, 5.41)])
    SubscriberArea.objects.all().delete()

    assert actions.recompute_areas() == 2
    assert set(SubscriberArea.objects.filter(subscriber=subscriber).values_list("place_id", flat=True)) == {
        sentrum.pk,
        nordvik.pk,
    }
