"""Writes about subscribers: subscribe, confirm, change, unsubscribe (failures and clean-up: ``upkeep``).

Residents act here without an account; what proves who they are is the
confirmation link or code sent to the address, and the manage token in every
message. Nothing here tells a caller whether an address is already
subscribed: subscribing again sends the owner a "manage your subscription"
message instead (no account enumeration). Addresses are never written to log
lines.
"""

from __future__ import annotations

import datetime
import logging
import re
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext

from torg.notifications.actions import notify
from torg.notifications.models import Channel
from torg.notifications.sms import normalise_phone

from ..models import (
    ConfirmationCode,
    Frequency,
    PushSubscription,
    Subscriber,
    SubscriberPoint,
    SubscriptionChannel,
)
from . import links, texts
from .areas import recompute_areas

logger = logging.getLogger(__name__)

STOP_WORDS = frozenset({"STOPP", "STOP", "AVSLUTT"})
# A message about an existing subscription goes to an address at most once in this many seconds.
RESEND_WINDOW_SECONDS = 600
Point = tuple[str, float, float]


# --- Settings ------------------------------------------------------------------------


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_failures() -> int:
    return max(1, _setting("TORG_SUBSCRIPTION_MAX_FAILURES", 3))


def link_hours() -> int:
    return _setting("TORG_SUBSCRIPTION_CONFIRM_HOURS", 72)


def code_minutes() -> int:
    return _setting("TORG_SUBSCRIPTION_CODE_MINUTES", 30)


def code_attempts() -> int:
    return _setting("TORG_SUBSCRIPTION_CODE_ATTEMPTS", 5)


# --- Helpers ---------------------------------------------------------------------------


def _hash(value: str) -> str:
    return salted_hmac("torg.subscriptions.confirmation", value, algorithm="sha256").hexdigest()


def clean_email(value: str) -> str:
    """The address in lower case, or ValueError with a message for the resident."""
    email = (value or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValueError(gettext("Enter an e-mail address like name@example.no.")) from error
    return email


def _bucket() -> int:
    return int(timezone.now().timestamp() // RESEND_WINDOW_SECONDS)


def _language() -> translation.override:
    return translation.override(settings.LANGUAGE_CODE)


def _send_email_confirmation(subscriber: Subscriber) -> None:
    token = secrets.token_urlsafe(24)
    code = ConfirmationCode.objects.create(
        subscriber=subscriber,
        channel=SubscriptionChannel.EMAIL,
        code_hash=_hash(token),
        expires_at=timezone.now() + datetime.timedelta(hours=link_hours()),
    )
    with _language():
        text = texts.confirm_email(url=links.confirm_url(token), hours=link_hours())
    notify(
        key=f"subscriptions:{subscriber.pk}:confirm-email:{code.pk}",
        channel=Channel.EMAIL,
        to=subscriber.email,
        subject=text.subject,
        body=text.body,
    )


def _send_phone_confirmation(subscriber: Subscriber) -> None:
    code = f"{secrets.randbelow(1_000_000):06d}"
    row = ConfirmationCode.objects.create(
        subscriber=subscriber,
        channel=SubscriptionChannel.SMS,
        code_hash=_hash(f"{subscriber.pk}:{code}"),
        expires_at=timezone.now() + datetime.timedelta(minutes=code_minutes()),
    )
    with _language():
        body = texts.confirm_sms(code=code, minutes=code_minutes())
    notify(
        key=f"subscriptions:{subscriber.pk}:confirm-sms:{row.pk}", channel=Channel.SMS, to=subscriber.phone, body=body
    )


def _tell_existing(subscriber: Subscriber, channel: str) -> None:
    """Someone subscribed with an address we have: confirm it again if unconfirmed, else send the manage link.

    At most one such message per address and ``RESEND_WINDOW_SECONDS`` (the key repeats within it).
    """
    bucket = _bucket()
    if channel == SubscriptionChannel.EMAIL:
        if subscriber.email_confirmed_at is None:
            if not subscriber.confirmation_codes.filter(
                channel=SubscriptionChannel.EMAIL,
                created_at__gt=timezone.now() - datetime.timedelta(seconds=RESEND_WINDOW_SECONDS),
            ).exists():
                _send_email_confirmation(subscriber)
            return
        with _language():
            text = texts.manage_email(url=links.manage_url(subscriber.token))
        notify(
            key=f"subscriptions:{subscriber.pk}:manage-email:{bucket}",
            channel=Channel.EMAIL,
            to=subscriber.email,
            subject=text.subject,
            body=text.body,
        )
    else:
        if subscriber.phone_confirmed_at is None:
            if not subscriber.confirmation_codes.filter(
                channel=SubscriptionChannel.SMS,
                created_at__gt=timezone.now() - datetime.timedelta(seconds=RESEND_WINDOW_SECONDS),
            ).exists():
                _send_phone_confirmation(subscriber)
            return
        with _language():
            body = texts.manage_sms(url=links.manage_url(subscriber.token))
        notify(
            key=f"subscriptions:{subscriber.pk}:manage-sms:{bucket}",
            channel=Channel.SMS,
            to=subscriber.phone,
            body=body,
        )


def _set_points(subscriber: Subscriber, points: Sequence[Point]) -> None:
    subscriber.points.all().delete()
    SubscriberPoint.objects.bulk_create(
        SubscriberPoint(subscriber=subscriber, label=str(label)[:200], lat=float(lat), lon=float(lon))
        for label, lat, lon in points
    )


def _check_frequency(frequency: str) -> None:
    if frequency not in Frequency.values:
        raise ValueError(f"Unknown frequency {frequency!r}.")


# --- Subscribing -----------------------------------------------------------------------


@transaction.atomic
def start_subscription(
    *,
    email: str = "",
    phone: str = "",
    wants_email: bool = False,
    wants_sms: bool = False,
    wants_push: bool = False,
    frequency: str = Frequency.STRAKS,
    everything: bool = False,
    topics: Iterable[Any] = (),
    service_areas: Iterable[Any] = (),
    places: Iterable[Any] = (),
    points: Sequence[Point] = (),
    consent_text: str,
) -> Subscriber:
    """Start a subscription and send the confirmation link (e-mail) and/or code (SMS) after commit.

    Only the addresses of the chosen channels are kept. If the e-mail address or
    phone number already belongs to a subscriber, nothing is created or changed:
    that address gets the manage link (or a new confirmation if it was never
    confirmed), and that subscriber is returned with ``is_new = False`` — the
    caller must show the same "check your inbox" page either way.
    Raises ValueError (message for the resident) for a missing or invalid address.
    """
    if not (wants_email or wants_sms or wants_push):
        raise ValueError(gettext("Choose at least one way to get messages."))
    if not consent_text.strip():
        raise ValueError("consent_text must say what the subscriber agreed to.")
    _check_frequency(frequency)
    email = clean_email(email) if wants_email else ""
    phone = normalise_phone(phone) if wants_sms else ""
    if wants_email and not email:
        raise ValueError(gettext("Enter an e-mail address like name@example.no."))

    match = Q(pk__in=[])
    if email:
        match |= Q(email=email)
    if phone:
        match |= Q(phone=phone)
    existing = list(Subscriber.objects.select_for_update().filter(match))
    if existing:
        for subscriber in existing:
            if email and subscriber.email == email:
                _tell_existing(subscriber, SubscriptionChannel.EMAIL)
            if phone and subscriber.phone == phone:
                _tell_existing(subscriber, SubscriptionChannel.SMS)
        found = existing[0]
        found.is_new = False  # type: ignore[attr-defined]
        return found

    subscriber = Subscriber.objects.create(
        email=email,
        phone=phone,
        wants_email=wants_email,
        wants_sms=wants_sms,
        wants_push=wants_push,
        frequency=frequency,
        everything=everything,
        consent_text=consent_text.strip(),
        consent_at=timezone.now(),
    )
    subscriber.topics.set(list(topics))
    subscriber.service_areas.set(list(service_areas))
    subscriber.places.set(list(places))
    _set_points(subscriber, points)
    recompute_areas(subscriber=subscriber)
    if email:
        _send_email_confirmation(subscriber)
    if phone:
        _send_phone_confirmation(subscriber)
    subscriber.is_new = True  # type: ignore[attr-defined]
    return subscriber


@transaction.atomic
def resend_confirmation(*, subscriber: Subscriber, channel: str) -> bool:
    """Send a new link or code for an unconfirmed address (at most one per ``RESEND_WINDOW_SECONDS``)."""
    if channel == SubscriptionChannel.EMAIL and subscriber.email and subscriber.email_confirmed_at is None:
        _tell_existing(subscriber, SubscriptionChannel.EMAIL)
        return True
    if channel == SubscriptionChannel.SMS and subscriber.phone and subscriber.phone_confirmed_at is None:
        _tell_existing(subscriber, SubscriptionChannel.SMS)
        return True
    return False


@transaction.atomic
def confirm_email(*, token: str) -> Subscriber | None:
    """The subscriber whose e-mail the link confirms (again harmlessly until it expires), or None."""
    if not token or len(token) > 100:
        return None
    code = (
        ConfirmationCode.objects.select_related("subscriber")
        .filter(channel=SubscriptionChannel.EMAIL, code_hash=_hash(token), expires_at__gt=timezone.now())
        .first()
    )
    if code is None:
        return None
    subscriber = code.subscriber
    if subscriber.email_confirmed_at is None:
        subscriber.email_confirmed_at = timezone.now()
        subscriber.save(update_fields=["email_confirmed_at", "updated_at"])
    return subscriber


@transaction.atomic
def confirm_phone(*, subscriber: Subscriber, code: str) -> bool:
    """True if ``code`` is the latest unexpired SMS code (at most ``TORG_SUBSCRIPTION_CODE_ATTEMPTS`` tries)."""
    row = (
        ConfirmationCode.objects.select_for_update()
        .filter(subscriber=subscriber, channel=SubscriptionChannel.SMS, expires_at__gt=timezone.now())
        .order_by("-created_at", "-pk")
        .first()
    )
    if row is None or row.attempts >= code_attempts():
        return False
    digits = re.sub(r"\D", "", code or "")
    if len(digits) == 6 and constant_time_compare(row.code_hash, _hash(f"{subscriber.pk}:{digits}")):
        subscriber.phone_confirmed_at = timezone.now()
        subscriber.save(update_fields=["phone_confirmed_at", "updated_at"])
        ConfirmationCode.objects.filter(subscriber=subscriber, channel=SubscriptionChannel.SMS).delete()
        return True
    row.attempts += 1
    row.save(update_fields=["attempts"])
    return False


@transaction.atomic
def update_preferences(
    *,
    subscriber: Subscriber,
    email: str | None = None,
    phone: str | None = None,
    wants_email: bool | None = None,
    wants_sms: bool | None = None,
    wants_push: bool | None = None,
    frequency: str | None = None,
    everything: bool | None = None,
    topics: Iterable[Any] | None = None,
    service_areas: Iterable[Any] | None = None,
    places: Iterable[Any] | None = None,
    points: Sequence[Point] | None = None,
    consent_text: str | None = None,
) -> Subscriber:
    """Change what a subscriber gets (None: unchanged). A new address must be confirmed again.

    An address that belongs to another subscriber is not taken over: its owner gets the
    manage link instead, and nothing tells the caller. Saving a paused channel starts it again.
    Raises ValueError (message for the resident) for an invalid address or no channel at all.
    """
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    wants_email = subscriber.wants_email if wants_email is None else wants_email
    wants_sms = subscriber.wants_sms if wants_sms is None else wants_sms
    wants_push = subscriber.wants_push if wants_push is None else wants_push
    if not (wants_email or wants_sms or wants_push):
        raise ValueError(gettext("Choose at least one way to get messages."))
    new_email = subscriber.email if email is None else (clean_email(email) if email.strip() else "")
    new_phone = subscriber.phone if phone is None else (normalise_phone(phone) if phone.strip() else "")
    if wants_email and not new_email:
        raise ValueError(gettext("Enter an e-mail address like name@example.no."))
    if wants_sms and not new_phone:
        raise ValueError(gettext("Enter a phone number, for example 912 34 567."))
    if not wants_email:
        new_email = ""
    if not wants_sms:
        new_phone = ""

    confirm: list[str] = []
    if new_email != subscriber.email:
        other = Subscriber.objects.filter(email=new_email).exclude(pk=subscriber.pk).first() if new_email else None
        if other is not None:
            _tell_existing(other, SubscriptionChannel.EMAIL)
        else:
            subscriber.email = new_email
            subscriber.email_confirmed_at = None
            subscriber.confirmation_codes.filter(channel=SubscriptionChannel.EMAIL).delete()
            if new_email:
                confirm.append(SubscriptionChannel.EMAIL)
    if new_phone != subscriber.phone:
        other = Subscriber.objects.filter(phone=new_phone).exclude(pk=subscriber.pk).first() if new_phone else None
        if other is not None:
            _tell_existing(other, SubscriptionChannel.SMS)
        else:
            subscriber.phone = new_phone
            subscriber.phone_confirmed_at = None
            subscriber.confirmation_codes.filter(channel=SubscriptionChannel.SMS).delete()
            if new_phone:
                confirm.append(SubscriptionChannel.SMS)

    subscriber.wants_email = wants_email and bool(subscriber.email)
    subscriber.wants_sms = wants_sms and bool(subscriber.phone)
    subscriber.wants_push = wants_push
    if subscriber.wants_email or not subscriber.email:
        subscriber.email_paused_at, subscriber.email_failures = None, 0
    if subscriber.wants_sms or not subscriber.phone:
        subscriber.sms_paused_at, subscriber.sms_failures = None, 0
    if frequency is not None:
        _check_frequency(frequency)
        subscriber.frequency = frequency
    if everything is not None:
        subscriber.everything = everything
    if consent_text is not None and consent_text.strip():
        subscriber.consent_text, subscriber.consent_at = consent_text.strip(), timezone.now()
    subscriber.save()
    if topics is not None:
        subscriber.topics.set(list(topics))
    if service_areas is not None:
        subscriber.service_areas.set(list(service_areas))
    if places is not None:
        subscriber.places.set(list(places))
    if points is not None:
        _set_points(subscriber, points)
    if places is not None or points is not None:
        recompute_areas(subscriber=subscriber)
    if not subscriber.wants_push:
        subscriber.push_subscriptions.all().delete()
    if SubscriptionChannel.EMAIL in confirm:
        _send_email_confirmation(subscriber)
    if SubscriptionChannel.SMS in confirm:
        _send_phone_confirmation(subscriber)
    return subscriber


@transaction.atomic
def add_push_subscription(*, subscriber: Subscriber, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Keep a browser's push subscription (a known endpoint moves to this subscriber) and turn push on."""
    if not endpoint.startswith("https://") or len(endpoint) > 1000:
        raise ValueError("The push endpoint must be an https:// address of at most 1000 characters.")
    if not p256dh or not auth or len(p256dh) > 200 or len(auth) > 100:
        raise ValueError("The push subscription's keys are missing or too long.")
    push, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={"subscriber": subscriber, "p256dh": p256dh, "auth": auth, "failed_at": None},
    )
    if not subscriber.wants_push:
        Subscriber.objects.filter(pk=subscriber.pk).update(wants_push=True, updated_at=timezone.now())
        subscriber.wants_push = True
    return push


# --- Unsubscribing and failures ------------------------------------------------------------


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber, channel: str | None = None) -> Subscriber | None:
    """Stop one channel ("email", "sms", "push") and forget its address, or everything (None).

    When no channel is left, or ``channel`` is None, the subscriber and all their data are
    deleted and None is returned.
    """
    subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber.pk).first()  # type: ignore[assignment]
    if subscriber is None:
        return None
    if channel == SubscriptionChannel.EMAIL:
        subscriber.wants_email, subscriber.email, subscriber.email_confirmed_at = False, "", None
        subscriber.email_paused_at, subscriber.email_failures = None, 0
        subscriber.confirmation_codes.filter(channel=SubscriptionChannel.EMAIL).delete()
    elif channel == SubscriptionChannel.SMS:
        subscriber.wants_sms, subscriber.phone, subscriber.phone_confirmed_at = False, "", None
        subscriber.sms_paused_at, subscriber.sms_failures = None, 0
        subscriber.confirmation_codes.filter(channel=SubscriptionChannel.SMS).delete()
    elif channel == SubscriptionChannel.PUSH:
        subscriber.wants_push = False
        subscriber.push_subscriptions.all().delete()
    elif channel is not None:
        raise ValueError(f"Unknown channel {channel!r}.")
    if channel is None or not (subscriber.wants_email or subscriber.wants_sms or subscriber.wants_push):
        subscriber.delete()
        return None
    subscriber.save()
    return subscriber


def unsubscribe_by_sms(*, phone: str, text: str) -> bool:
    """An SMS reply: the first word STOPP/STOP/AVSLUTT stops SMS to that number. True if one was stopped."""
    words = (text or "").strip().split()
    if not words or words[0].strip(".!,").upper() not in STOP_WORDS:
        return False
    try:
        number = normalise_phone(phone)
    except ValueError:
        return False
    subscriber = Subscriber.objects.filter(phone=number).first()
    if subscriber is None:
        return False
    unsubscribe(subscriber=subscriber, channel=SubscriptionChannel.SMS)
    return True
