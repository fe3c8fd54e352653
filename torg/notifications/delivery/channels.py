"""Sending one claimed batch on each channel.

Each sender returns a ``BatchOutcome``: the deliveries the provider accepted
(with the provider's id where it gave one) and the ones that failed, each with
its error and whether trying again is pointless. The worker marks them.
"""

from __future__ import annotations

import functools
import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from email.utils import formatdate, parseaddr
from typing import Any

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.validators import validate_email
from django.utils.translation import gettext

from ..models import Dispatch
from ..push import PushError, PushMessage, send_push
from ..sms import SmsGatewayError, get_gateway
from .claimed import ClaimedDelivery
from .dispatch import personalise
from .mailbytes import MailTemplate, mail_template, message_bytes

logger = logging.getLogger(__name__)


@dataclass
class BatchOutcome:
    sent: list[ClaimedDelivery] = field(default_factory=list)
    refs: dict[int, str] = field(default_factory=dict)
    failed: list[tuple[ClaimedDelivery, str, bool]] = field(default_factory=list)  # (delivery, error, permanent)

    def fail(self, delivery: ClaimedDelivery, error: BaseException | str, *, permanent: bool = False) -> None:
        text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        self.failed.append((delivery, text[:1000], permanent))


@functools.lru_cache(maxsize=4)
def _domain_of(from_email: str) -> str:
    return parseaddr(from_email)[1].rpartition("@")[2] or "torg.invalid"


def _domain() -> str:
    return _domain_of(settings.DEFAULT_FROM_EMAIL)


def message_id(delivery: ClaimedDelivery) -> str:
    """The e-mail's Message-ID: the delivery's idempotency key, the same on every retry."""
    return f"<{delivery.idempotency_key}@{_domain()}>"


def _body(dispatch: Dispatch) -> str:
    return (dispatch.text or dispatch.sms_text).rstrip() + "\n"


def _personal_parts(delivery: ClaimedDelivery) -> tuple[str, dict[str, str]]:
    """The footer and the extra headers of one delivery (one-click unsubscribe when personalised)."""
    headers = {"Auto-Submitted": "auto-generated"}
    links = personalise(delivery.dispatch, delivery)
    if not links:
        return "", headers
    footer = [
        gettext("Change what you get: %(url)s") % {"url": links["manage_url"]},
        gettext("Unsubscribe: %(url)s") % {"url": links["unsubscribe_url"]},
    ]
    headers["List-Unsubscribe"] = f"<{links['unsubscribe_url']}>"
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return "\n-- \n" + "\n".join(footer) + "\n", headers


def email_message(delivery: ClaimedDelivery) -> EmailMessage:
    """The e-mail for one delivery: the dispatch's text, plus footer and one-click unsubscribe when personalised."""
    dispatch: Dispatch = delivery.dispatch
    address = delivery.address.strip()
    validate_email(address)  # ValidationError: permanent
    footer, headers = _personal_parts(delivery)
    return EmailMessage(
        subject=dispatch.subject.replace("\n", " ").replace("\r", " "),
        body=_body(dispatch) + footer,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={"Message-ID": message_id(delivery), **headers},
    )


def email_bytes(delivery: ClaimedDelivery, template: MailTemplate, date: str) -> bytes | None:
    """The same e-mail as ``email_message`` as SMTP bytes (None: build it with ``email_message``)."""
    address = delivery.address.strip()
    validate_email(address)  # ValidationError: permanent
    footer, headers = _personal_parts(delivery)
    return message_bytes(
        template, to=address, message_id=message_id(delivery), footer=footer, extra_headers=headers, date=date
    )


def _is_permanent_mail_error(error: BaseException) -> bool:
    if isinstance(error, ValidationError | smtplib.SMTPRecipientsRefused):
        return True
    try:
        from anymail.exceptions import AnymailRecipientsRefused

        return isinstance(error, AnymailRecipientsRefused)
    except ImportError:  # pragma: no cover
        return False


def send_email_batch(deliveries: list[ClaimedDelivery]) -> BatchOutcome:
    """All messages over ONE connection of the configured e-mail backend (SMTP or Anymail).

    With Django's SMTP backend the messages go as bytes built from a per-dispatch template
    (``mailbytes``); other backends (Anymail) get ``EmailMessage`` objects.
    """
    outcome = BatchOutcome()
    connection = get_connection(fail_silently=False)
    raw = type(connection) is SmtpBackend
    templates: dict[int, MailTemplate] = {}
    date = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
    messages: list[tuple[ClaimedDelivery, EmailMessage | bytes]] = []
    envelope_from = ""
    for delivery in deliveries:
        try:
            message: EmailMessage | bytes | None = None
            if raw:
                dispatch = delivery.dispatch
                template = templates.get(dispatch.pk)
                if template is None:
                    template = templates[dispatch.pk] = mail_template(subject=dispatch.subject, body=_body(dispatch))
                    envelope_from = template.envelope_from
                message = email_bytes(delivery, template, date)
            messages.append((delivery, message if message is not None else email_message(delivery)))
        except Exception as error:  # noqa: BLE001 - any error fails this message, not the batch
            outcome.fail(delivery, error, permanent=_is_permanent_mail_error(error))
    if not messages:
        return outcome
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 - any backend error fails this message, not the batch
        for delivery, _message in messages:
            outcome.fail(delivery, error)
        return outcome
    try:
        for index, (delivery, message) in enumerate(messages):
            try:
                _send_one(connection, message, envelope_from, delivery.address.strip())
            except smtplib.SMTPServerDisconnected as error:
                for rest, _message in messages[index:]:
                    outcome.fail(rest, error)
                break
            except Exception as error:  # noqa: BLE001 - any backend error fails this message, not the batch
                outcome.fail(delivery, error, permanent=_is_permanent_mail_error(error))
                continue
            outcome.sent.append(delivery)
            status = getattr(message, "anymail_status", None)
            if status is not None and getattr(status, "message_id", None):
                outcome.refs[delivery.id] = str(status.message_id)
    finally:
        try:
            connection.close()
        except Exception:
            logger.warning("Closing the e-mail connection failed.", exc_info=True)
    return outcome


def _send_one(connection: Any, message: EmailMessage | bytes, envelope_from: str, address: str) -> None:
    """Send one message over the open connection: bytes straight to smtplib, else through the backend."""
    if isinstance(message, bytes):
        connection.connection.sendmail(envelope_from, [address], message)
        return
    message.connection = connection
    if not connection.send_messages([message]):
        raise RuntimeError("The e-mail backend did not take the message.")


def sms_text(dispatch: Dispatch) -> str:
    text = (dispatch.sms_text or dispatch.text).strip()
    if dispatch.personaliser:
        text = f"{text}\n{gettext('Reply STOPP to unsubscribe.')}"
    return text


def send_sms_batch(deliveries: list[ClaimedDelivery]) -> BatchOutcome:
    """One request per distinct text, to all its recipients, each with the delivery's key as ``ref``."""
    outcome = BatchOutcome()
    groups: dict[str, list[ClaimedDelivery]] = defaultdict(list)
    texts: dict[int, str] = {}
    for delivery in deliveries:
        text = texts.get(delivery.dispatch_id)
        if text is None:
            text = texts[delivery.dispatch_id] = sms_text(delivery.dispatch)
        groups[text].append(delivery)
    gateway = get_gateway()
    for text, group in groups.items():
        by_ref = {d.idempotency_key: d for d in group}
        try:
            results = gateway.send_many(text, [(d.address, d.idempotency_key) for d in group])
        except SmsGatewayError as error:
            for delivery in group:
                outcome.fail(delivery, error)
            continue
        answered = set()
        for result in results:
            match = by_ref.get(result.ref)
            if match is None or result.ref in answered:
                continue
            answered.add(result.ref)
            if result.ok:
                outcome.sent.append(match)
                if result.provider_id:
                    outcome.refs[match.id] = result.provider_id
            else:
                outcome.fail(match, result.error, permanent=result.permanent)
        for ref, delivery in by_ref.items():
            if ref not in answered:
                outcome.fail(delivery, "The SMS gateway did not answer for this recipient.")
    return outcome


def push_message(dispatch: Dispatch) -> PushMessage:
    return PushMessage(
        title=dispatch.push_title or dispatch.subject,
        body=dispatch.push_body or dispatch.sms_text or dispatch.text,
        url=dispatch.url,
    )


def send_push_batch(deliveries: list[ClaimedDelivery]) -> BatchOutcome:
    """One encrypted POST per browser (web push has no batching), over one HTTP session."""
    outcome = BatchOutcome()
    with requests.Session() as session:
        for delivery in deliveries:
            keys = delivery.push_keys or {}
            try:
                send_push(
                    endpoint=delivery.address,
                    p256dh=str(keys.get("p256dh", "")),
                    auth=str(keys.get("auth", "")),
                    message=push_message(delivery.dispatch),
                    session=session,
                )
            except PushError as error:
                outcome.fail(delivery, error, permanent=error.permanent)
            else:
                outcome.sent.append(delivery)
    return outcome


SENDERS = {"email": send_email_batch, "sms": send_sms_batch, "push": send_push_batch}
