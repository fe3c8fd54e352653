"""Queue and send notifications (varsel): e-mail through Django's mail API, SMS through the configured gateway.

``notify()`` is the only entry point for other apps. It writes one row in the
caller's transaction and enqueues the send task on commit, so a rolled-back
transaction sends nothing, and a second call with the same key sends nothing.

The worker claims a row with one conditional UPDATE (queued → sending with a
lease until ``claimed_until``), sends, and marks it sent; every later UPDATE is
fenced on the lease it took, so a worker whose lease was taken over cannot
overwrite the new owner's outcome. Failures go back to ``queued`` with an
exponential backoff (``next_attempt_at``) until ``TORG_NOTIFY_MAX_ATTEMPTS``;
``send_due_notifications()`` (a periodic task) retries them and takes over
rows whose worker died mid-send.

Settings (all optional): ``TORG_NOTIFY_MAX_ATTEMPTS`` (5), ``TORG_NOTIFY_RETRY_SECONDS``
(60: first backoff, doubled per failure, at most 6 hours), ``TORG_NOTIFY_LEASE_SECONDS``
(300: longer than any send can take), ``TORG_NOTIFY_BATCH`` (500 per periodic run).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Case, F, PositiveSmallIntegerField, Q, TextField, Value, When
from django.utils import timezone

from .models import KEY_MAX_LENGTH, Channel, Notification, State
from .sms import get_gateway, normalise_phone

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 6 * 3600
# A row queued this long ago without a first attempt lost its after-commit enqueue; the sweep sends it.
FIRST_ATTEMPT_GRACE = datetime.timedelta(seconds=60)
LEASE_EXPIRED_ERROR = "The previous attempt did not finish before its lease expired."


def _max_attempts() -> int:
    return max(1, int(getattr(settings, "TORG_NOTIFY_MAX_ATTEMPTS", 5)))


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=int(getattr(settings, "TORG_NOTIFY_LEASE_SECONDS", 300)))


def backoff(attempts: int) -> datetime.timedelta:
    """Wait before the next try after ``attempts`` failures: 1, 2, 4, 8 … minutes by default."""
    first = int(getattr(settings, "TORG_NOTIFY_RETRY_SECONDS", 60))
    return datetime.timedelta(seconds=min(first * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS))


# --- Queuing ----------------------------------------------------------------


def _check_header_value(name: str, value: str) -> None:
    if "\n" in value or "\r" in value:
        raise ValueError(f"{name} must not contain line breaks.")


def _clean_email(value: str, what: str) -> str:
    address = parseaddr(value)[1]
    try:
        validate_email(address)
    except ValidationError as error:
        raise ValueError(f"{what} is not a valid e-mail address: {value!r}") from error
    _check_header_value(what, value)
    return value.strip()


@transaction.atomic
def notify(
    *,
    key: str,
    channel: Channel,
    to: str,
    subject: str = "",
    body: str,
    headers: dict[str, str] | None = None,
    reply_to: str = "",
) -> Notification:
    """Queue one message. ``key`` is the idempotency key (e.g. ``f"inquiry:{pk}:receipt"``):
    a second call with the same key returns the existing Notification and sends nothing.
    Sending is enqueued with ``transaction.on_commit``, so nothing goes out if the caller's
    transaction rolls back. Raises ``ValueError`` for an invalid recipient or header.
    """
    if not key or len(key) > KEY_MAX_LENGTH:
        raise ValueError(f"key must be 1 to {KEY_MAX_LENGTH} characters.")
    if channel not in Channel.values:
        raise ValueError(f"Unknown channel {channel!r}.")
    if not body:
        raise ValueError("body must not be empty.")
    existing = Notification.objects.filter(key=key).first()
    if existing is not None:
        return existing
    headers = dict(headers or {})
    if channel == Channel.SMS:
        recipient = normalise_phone(to)
    else:
        recipient = _clean_email(to, "to")
        _check_header_value("subject", subject)
        for name, value in headers.items():
            if not name or not name.isascii() or ":" in name or not name.isprintable() or " " in name:
                raise ValueError(f"Invalid header name {name!r}.")
            _check_header_value(name, str(value))
        reply_to = _clean_email(reply_to, "reply_to") if reply_to else ""
    notification, created = Notification.objects.get_or_create(
        key=key,
        defaults={
            "channel": channel,
            "recipient": recipient,
            "subject": subject,
            "body": body,
            "headers": {name: str(value) for name, value in headers.items()},
            "reply_to": reply_to,
        },
    )
    if created:
        transaction.on_commit(functools.partial(_enqueue_send, notification.pk), robust=True)
    return notification


def _enqueue_send(notification_id: int) -> None:
    # If enqueuing fails (task backend down), send_due_notifications picks the row up later.
    from .tasks import send_notification

    send_notification.enqueue(notification_id=notification_id)


# --- Sending ----------------------------------------------------------------


def claim_notification(*, notification_id: int) -> datetime.datetime | None:
    """Take the row for this worker with one conditional UPDATE; return the lease end, or None.

    A queued row is taken when its retry time has come; a sending row only when its
    lease has expired (its worker died or hung), which counts as a failed attempt.
    """
    now = timezone.now()
    lease_until = now + _lease()
    due = Q(state=State.QUEUED) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    expired = Q(state=State.SENDING, claimed_until__lt=now, attempts__lt=_max_attempts() - 1)
    updated = Notification.objects.filter(Q(pk=notification_id) & (due | expired)).update(
        state=State.SENDING,
        claimed_until=lease_until,
        attempts=Case(
            When(expired, then=F("attempts") + 1), default=F("attempts"), output_field=PositiveSmallIntegerField()
        ),
        last_error=Case(
            When(expired, then=Value(LEASE_EXPIRED_ERROR)), default=F("last_error"), output_field=TextField()
        ),
    )
    return lease_until if updated else None


def _message_id(notification: Notification) -> str:
    """Stable over retries, so a mail client can drop a copy sent twice after a lost connection."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "torg.invalid"
    digest = hashlib.sha256(f"{notification.key}|{notification.created_at.isoformat()}".encode()).hexdigest()[:20]
    return f"<notification.{notification.pk}.{digest}@{domain}>"


def _send_email(notification: Notification) -> str:
    headers = {str(name): str(value) for name, value in notification.headers.items()}
    message_id = next((v for k, v in headers.items() if k.lower() == "message-id"), None)
    if message_id is None:
        message_id = headers["Message-ID"] = _message_id(notification)
    message = EmailMessage(
        subject=notification.subject,
        body=notification.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient],
        headers=headers,
        reply_to=[notification.reply_to] if notification.reply_to else None,
    )
    if not message.send(fail_silently=False):
        raise RuntimeError("The e-mail backend did not take the message.")
    status = getattr(message, "anymail_status", None)  # set by Anymail's backends
    if status is not None and getattr(status, "message_id", None):
        return str(status.message_id)
    return message_id


def _send_sms(notification: Notification) -> str:
    ids = get_gateway().send([notification.recipient], notification.body)
    return ids[0] if ids else ""


def _describe(error: BaseException) -> str:
    """What went wrong, short; it holds only what the row already has (at most the recipient)."""
    return f"{type(error).__name__}: {error}"[:500]


def deliver_notification(*, notification_id: int) -> str:
    """Claim, send and record one notification; return its state afterwards ("skipped" if not claimed)."""
    lease_until = claim_notification(notification_id=notification_id)
    if lease_until is None:
        return "skipped"
    notification = Notification.objects.get(pk=notification_id)
    mine = Notification.objects.filter(pk=notification_id, state=State.SENDING, claimed_until=lease_until)
    try:
        provider_id = _send_email(notification) if notification.channel == Channel.EMAIL else _send_sms(notification)
    except Exception as error:
        attempts = notification.attempts + 1
        state = State.QUEUED if attempts < _max_attempts() else State.FAILED
        logger.warning(
            "Notification %s: attempt %s failed (%s); now %s.",
            notification_id,
            attempts,
            type(error).__name__,
            state,
            exc_info=True,
        )
        mine.update(
            state=state,
            attempts=attempts,
            last_error=_describe(error),
            next_attempt_at=timezone.now() + backoff(attempts) if state == State.QUEUED else None,
            claimed_until=None,
        )
        return str(state)
    if not mine.update(state=State.SENT, sent_at=timezone.now(), provider_id=provider_id[:255], claimed_until=None):
        logger.warning("Notification %s was sent after its lease had been taken over.", notification_id)
    return str(State.SENT)


def send_due_notifications(*, limit: int | None = None) -> int:
    """Send queued rows whose retry time has come and take over rows with an expired lease.

    Rows whose lease expired after their last allowed attempt are marked failed.
    Returns how many notifications were sent.
    """
    now = timezone.now()
    limit = limit or int(getattr(settings, "TORG_NOTIFY_BATCH", 500))
    given_up = Notification.objects.filter(
        state=State.SENDING, claimed_until__lt=now, attempts__gte=_max_attempts() - 1
    ).update(state=State.FAILED, attempts=F("attempts") + 1, last_error=LEASE_EXPIRED_ERROR, claimed_until=None)
    if given_up:
        logger.warning("%s notifications failed: their last attempt did not finish.", given_up)
    due = (
        Notification.objects.filter(
            Q(state=State.QUEUED, next_attempt_at__lte=now)
            | Q(state=State.QUEUED, next_attempt_at__isnull=True, created_at__lte=now - FIRST_ATTEMPT_GRACE)
            | Q(state=State.SENDING, claimed_until__lt=now)
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(deliver_notification(notification_id=pk) == State.SENT for pk in list(due))
