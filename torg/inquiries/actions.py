"""Every write on an inquiry. Each action is atomic, records itself in the audit log
and sends its messages after commit (through ``torg.notifications``)."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from torg.core import audit
from torg.core.audit import Actor
from torg.core.models import ServiceArea

from . import deadlines, messages, queries
from .files import CleanFile, store_attachment
from .models import (
    REFERENCE_ALPHABET,
    Inquiry,
    InquiryMessage,
    Kind,
    MessageKind,
    Status,
)


@dataclass(frozen=True)
class Contact:
    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Submitted:
    inquiry: Inquiry
    access_key: str  # the key of the private link to follow the inquiry


def _new_reference() -> str:
    return "ST-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def _require_handler(actor: Actor, inquiry: Inquiry) -> Any:
    """The acting staff member (a User), or PermissionDenied."""
    if actor is None or not queries.can_handle(actor, inquiry):
        raise PermissionDenied("Only staff of the inquiry's service area may do this.")
    return actor


def _area_for(area: ServiceArea | None, service: Page | None) -> ServiceArea | None:
    if area is None and service is not None:
        area = getattr(service.specific, "service_area", None)
    return area


@transaction.atomic
def submit_inquiry(
    *,
    kind: str,
    text: str,
    channel: str,
    contact: Contact,
    title: str = "",
    area: ServiceArea | None = None,
    service: Page | None = None,
    address: str = "",
    latitude: Any = None,
    longitude: Any = None,
    wants_public: bool = False,
    about_enkeltvedtak: bool = False,
    files: Sequence[CleanFile] = (),
    registered_by: Actor = None,
    email_message_id: str = "",
    client_name: str = "",
    received_at: datetime.datetime | None = None,
) -> Submitted:
    """Store a resident's inquiry with its deadline and queue the receipt.

    ``registered_by`` is the staff member who typed in what came by phone,
    at the counter or on social media; None when the resident wrote it.
    """
    if registered_by is not None and not queries.is_inquiry_staff(registered_by):
        raise PermissionDenied("Only service desk staff may register inquiries for residents.")
    if kind != Kind.FEEDBACK and not (contact.email or contact.phone) and registered_by is None:
        raise ValidationError(_("Give an e-mail address or a mobile number so that we can answer you."))
    received_at = received_at or timezone.now()
    area = _area_for(area, service)
    routine_days = queries.routine_days(area, kind)
    due = deadlines.end_of_day(deadlines.add_working_days(timezone.localdate(received_at), routine_days))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                inquiry = Inquiry.objects.create(
                    reference=_new_reference(),
                    access_nonce=secrets.token_hex(16),
                    kind=kind,
                    channel=channel,
                    area=area,
                    service=service,
                    title=title.strip(),
                    text=text.strip(),
                    about_enkeltvedtak=about_enkeltvedtak,
                    address=address.strip(),
                    latitude=latitude,
                    longitude=longitude,
                    contact_name=contact.name.strip(),
                    contact_email=contact.email.strip(),
                    contact_phone=contact.phone.strip(),
                    wants_public=wants_public,
                    registered_by=registered_by,  # type: ignore[misc]
                    received_at=received_at,
                    routine_days=routine_days,
                    due_at=due,
                    email_message_id=email_message_id,
                    client_name=client_name,
                )
            break
        except IntegrityError:  # the random reference was taken: draw again
            continue
    else:  # pragma: no cover - 32**6 references; five collisions in a row do not happen
        raise RuntimeError("Could not draw a free reference")
    message = InquiryMessage.objects.create(
        inquiry=inquiry,
        kind=MessageKind.RESIDENT,
        body=inquiry.text,
        created_at=received_at,
        email_message_id=email_message_id,
    )
    for file in files:
        store_attachment(inquiry=inquiry, message=message, file=file)
    audit.record(
        actor=registered_by,
        action="torg.inquiry.submitted",
        target=inquiry,
        data={"channel": channel, "kind": kind, "area": area.pk if area else None},
    )
    messages.send_receipt(inquiry)
    messages.tell_area_staff_of_new(inquiry)
    return Submitted(inquiry=inquiry, access_key=inquiry.access_key())


@transaction.atomic
def route_inquiry(*, inquiry: Inquiry, actor: Actor, area: ServiceArea, service: Page | None = None) -> Inquiry:
    """Send an inquiry to another service area (and service). The deadline stays: the resident was promised it."""
    user = _require_handler(actor, inquiry)
    before = inquiry.area_id
    inquiry.area = area
    inquiry.service = service
    if inquiry.assigned_to_id and not queries.can_handle_area(inquiry.assigned_to, area):  # type: ignore[arg-type]
        inquiry.assigned_to = None
    if inquiry.status == Status.NEW:
        inquiry.status = Status.IN_PROGRESS
    inquiry.save()
    audit.record(actor=user, action="torg.inquiry.routed", target=inquiry, data={"from": before, "to": area.pk})
    messages.tell_area_staff_of_new(inquiry)
    return inquiry


@transaction.atomic
def assign_inquiry(*, inquiry: Inquiry, actor: Actor, handler: AbstractBaseUser | None) -> Inquiry:
    user = _require_handler(actor, inquiry)
    if handler is not None and not queries.can_handle(handler, inquiry):
        raise ValidationError(_("This person does not work with inquiries in this service area."))
    inquiry.assigned_to = handler  # type: ignore[assignment]
    if inquiry.status == Status.NEW:
        inquiry.status = Status.IN_PROGRESS
    inquiry.save(update_fields=["assigned_to", "status", "updated_at"])
    audit.record(
        actor=user, action="torg.inquiry.assigned", target=inquiry, data={"to": handler.pk if handler else None}
    )
    if handler is not None and handler.pk != user.pk:
        messages.tell_handler_of_assignment(inquiry, handler)
    return inquiry


@transaction.atomic
def add_note(*, inquiry: Inquiry, actor: Actor, text: str) -> InquiryMessage:
    user = _require_handler(actor, inquiry)
    note = InquiryMessage.objects.create(inquiry=inquiry, kind=MessageKind.NOTE, author=user, body=text.strip())
    audit.record(actor=user, action="torg.inquiry.noted", target=inquiry)
    return note


def _require_reachable(inquiry: Inquiry) -> None:
    if inquiry.is_anonymous:
        raise ValidationError(_("The resident left no e-mail address or mobile number, so we cannot send this."))


@transaction.atomic
def ask_resident(*, inquiry: Inquiry, actor: Actor, text: str) -> InquiryMessage:
    """Ask the resident for something we need; the deadline clock stops until they reply."""
    user = _require_handler(actor, inquiry)
    _require_reachable(inquiry)
    message = InquiryMessage.objects.create(inquiry=inquiry, kind=MessageKind.QUESTION, author=user, body=text.strip())
    inquiry.status = Status.WAITING
    inquiry.paused_at = inquiry.paused_at or timezone.now()
    inquiry.save(update_fields=["status", "paused_at", "updated_at"])
    audit.record(actor=user, action="torg.inquiry.asked_resident", target=inquiry)
    messages.send_to_resident(inquiry, message)
    return message


def _resume_clock(inquiry: Inquiry, now: datetime.datetime) -> None:
    """Move the deadline on by the working days the municipality waited for the resident."""
    if inquiry.paused_at is None:
        return
    waited = deadlines.working_days_between(timezone.localdate(inquiry.paused_at), timezone.localdate(now))
    if waited:
        due_day = deadlines.add_working_days(timezone.localdate(inquiry.due_at), waited)
        inquiry.due_at = deadlines.end_of_day(due_day)
    inquiry.paused_at = None


@transaction.atomic
def add_resident_reply(
    *, inquiry: Inquiry, text: str, files: Sequence[CleanFile] = (), email_message_id: str = ""
) -> InquiryMessage:
    """The resident writes again (on the follow page or by replying to our e-mail).

    Waiting for them: the clock runs again. After an answer or closing: the
    inquiry opens again with a new deadline from the routine.
    """
    now = timezone.now()
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if email_message_id and inquiry.messages.filter(email_message_id=email_message_id).exists():
        return inquiry.messages.get(email_message_id=email_message_id)  # the same e-mail delivered twice
    message = InquiryMessage.objects.create(
        inquiry=inquiry, kind=MessageKind.RESIDENT, body=text.strip(), created_at=now, email_message_id=email_message_id
    )
    for file in files:
        store_attachment(inquiry=inquiry, message=message, file=file)
    if inquiry.status == Status.WAITING:
        _resume_clock(inquiry, now)
        inquiry.status = Status.IN_PROGRESS
    elif inquiry.status in (Status.ANSWERED, Status.CLOSED):
        inquiry.status = Status.IN_PROGRESS
        inquiry.closed_at = None
        inquiry.due_at = deadlines.end_of_day(
            deadlines.add_working_days(timezone.localdate(now), queries.routine_days(inquiry.area, inquiry.kind))
        )
        inquiry.reminded_at = inquiry.escalated_at = None
        audit.record(actor=None, action="torg.inquiry.reopened", target=inquiry)
    inquiry.save()
    audit.record(actor=None, action="torg.inquiry.resident_replied", target=inquiry)
    messages.tell_handler_of_reply(inquiry, message)
    return message


@transaction.atomic
def answer_inquiry(*, inquiry: Inquiry, actor: Actor, text: str, close: bool = False) -> InquiryMessage:
    """Send the municipality's answer to the resident (and close the inquiry if asked)."""
    user = _require_handler(actor, inquiry)
    now = timezone.now()
    message = InquiryMessage.objects.create(
        inquiry=inquiry, kind=MessageKind.ANSWER, author=user, body=text.strip(), created_at=now
    )
    if inquiry.paused_at is not None:
        _resume_clock(inquiry, now)
    inquiry.status = Status.CLOSED if close else Status.ANSWERED
    inquiry.answered_at = inquiry.answered_at or now
    if close:
        inquiry.closed_at = now
    inquiry.save()
    audit.record(actor=user, action="torg.inquiry.answered", target=inquiry, data={"closed": close})
    if not inquiry.is_anonymous:
        messages.send_to_resident(inquiry, message)
    return message


@transaction.atomic
def send_preliminary_answer(*, inquiry: Inquiry, actor: Actor, text: str, expected_by: datetime.date) -> InquiryMessage:
    """A førebels svar (forvaltningsloven § 11a): why it takes time and when the answer comes."""
    user = _require_handler(actor, inquiry)
    if expected_by < timezone.localdate():
        raise ValidationError(_("The expected answer date has passed. Choose a later date."))
    message = InquiryMessage.objects.create(
        inquiry=inquiry, kind=MessageKind.PRELIMINARY, author=user, body=text.strip()
    )
    inquiry.preliminary_answer_at = timezone.now()
    inquiry.expected_answer_by = expected_by
    if inquiry.status == Status.NEW:
        inquiry.status = Status.IN_PROGRESS
    inquiry.save()
    audit.record(
        actor=user, action="torg.inquiry.preliminary_answer", target=inquiry, data={"expected_by": str(expected_by)}
    )
    if not inquiry.is_anonymous:
        messages.send_to_resident(inquiry, message)
    return message


@transaction.atomic
def close_inquiry(*, inquiry: Inquiry, actor: Actor, public_action: str = "") -> Inquiry:
    user = _require_handler(actor, inquiry)
    inquiry.status = Status.CLOSED
    inquiry.closed_at = timezone.now()
    inquiry.paused_at = None
    if public_action:
        inquiry.public_action = public_action.strip()
    inquiry.save()
    audit.record(actor=user, action="torg.inquiry.closed", target=inquiry)
    return inquiry


@transaction.atomic
def publish_feedback(
    *, inquiry: Inquiry, actor: Actor, public_title: str, public_text: str, public_action: str = ""
) -> Inquiry:
    """Show a screened version on "Tilbakemeldingar og kva me gjorde" (only if the resident allowed it)."""
    user = _require_handler(actor, inquiry)
    if not inquiry.wants_public:
        raise ValidationError(_("The resident did not allow publication."))
    if not public_title.strip() or not public_text.strip():
        raise ValidationError(_("Write a public title and text without personal data."))
    inquiry.public_title = public_title.strip()
    inquiry.public_text = public_text.strip()
    inquiry.public_action = public_action.strip()
    inquiry.is_public = True
    inquiry.save()
    audit.record(actor=user, action="torg.inquiry.published", target=inquiry)
    return inquiry


@transaction.atomic
def unpublish_feedback(*, inquiry: Inquiry, actor: Actor) -> Inquiry:
    user = _require_handler(actor, inquiry)
    inquiry.is_public = False
    inquiry.save(update_fields=["is_public", "updated_at"])
    audit.record(actor=user, action="torg.inquiry.unpublished", target=inquiry)
    return inquiry


def remind_and_escalate(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Remind area leaders of inquiries soon due; escalate those past due. Each once per inquiry.

    Returns (reminded, escalated).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    soon = deadlines.end_of_day(deadlines.add_working_days(today, settings.TORG_INQUIRY_REMIND_WORKING_DAYS))
    reminded = escalated = 0
    active = Inquiry.objects.filter(status__in=(Status.NEW, Status.IN_PROGRESS))
    for pk in active.filter(escalated_at__isnull=True, due_at__lt=now).values_list("pk", flat=True):
        with transaction.atomic():
            inquiry = Inquiry.objects.select_for_update().get(pk=pk)
            if inquiry.escalated_at is not None:
                continue
            inquiry.escalated_at = now
            inquiry.save(update_fields=["escalated_at"])
            audit.record(actor=None, action="torg.inquiry.escalated", target=inquiry)
            messages.tell_leaders(inquiry, escalation=True)
            escalated += 1
    due_soon = active.filter(reminded_at__isnull=True, escalated_at__isnull=True, due_at__gte=now, due_at__lte=soon)
    for pk in due_soon.values_list("pk", flat=True):
        with transaction.atomic():
            inquiry = Inquiry.objects.select_for_update().get(pk=pk)
            if inquiry.reminded_at is not None:
                continue
            inquiry.reminded_at = now
            inquiry.save(update_fields=["reminded_at"])
            audit.record(actor=None, action="torg.inquiry.reminded", target=inquiry)
            messages.tell_leaders(inquiry, escalation=False)
            reminded += 1
    return reminded, escalated


def anonymise_old_inquiries(*, now: datetime.datetime | None = None) -> int:
    """Delete the personal data of inquiries closed more than TORG_INQUIRY_KEEP_DAYS ago.

    Dates, type, channel and area stay for the statistics; the public,
    screened text stays if it was published.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.TORG_INQUIRY_KEEP_DAYS)
    count = 0
    old = Inquiry.objects.filter(status=Status.CLOSED, closed_at__lt=cutoff, anonymised_at__isnull=True)
    for pk in old.values_list("pk", flat=True):
        with transaction.atomic():
            inquiry = Inquiry.objects.select_for_update().get(pk=pk)
            for attachment in inquiry.attachments.all():
                attachment.file.delete(save=False)
            inquiry.attachments.all().delete()
            inquiry.messages.update(body="")
            inquiry.title = ""
            inquiry.text = ""
            inquiry.address = ""
            inquiry.latitude = inquiry.longitude = None
            inquiry.contact_name = inquiry.contact_email = inquiry.contact_phone = ""
            inquiry.email_message_id = ""
            inquiry.anonymised_at = now
            inquiry.save()
            audit.record(actor=None, action="torg.inquiry.anonymised", target=inquiry)
            count += 1
    return count
