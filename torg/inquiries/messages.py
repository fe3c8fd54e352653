"""What Servicetorget tells residents and staff, and by which channel. Every message is
queued through ``torg.notifications.actions.notify`` with a key, so it goes once, after commit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from torg.core.queries import holders, language_form, municipality
from torg.core.roles import Role
from torg.notifications.actions import notify
from torg.notifications.models import Channel

from .models import Inquiry, InquiryMessage, MessageKind


def _subject(inquiry: Inquiry, text: str) -> str:
    # The reference in brackets lets a reply by e-mail find its way back to the inquiry.
    return f"{text} [{inquiry.reference}]"


def _reply_to() -> str:
    return str(getattr(settings, "TORG_INQUIRY_INBOUND_EMAIL", "") or "")


def _to_resident(inquiry: Inquiry, key: str, subject: str, template: str, context: dict[str, Any]) -> None:
    context = {"inquiry": inquiry, "link": inquiry.private_url(), "municipality": municipality(), **context}
    if inquiry.contact_email:
        body = render_to_string(f"inquiries/email/{template}.txt", context)
        notify(
            key=f"{key}:email",
            channel=Channel.EMAIL,
            to=inquiry.contact_email,
            subject=_subject(inquiry, subject),
            body=body,
            reply_to=_reply_to(),
            headers={"Message-ID": f"<{key.replace(':', '.')}@{_mail_domain()}>"},
        )
    elif inquiry.contact_phone:
        text = render_to_string(f"inquiries/sms/{template}.txt", context).strip()
        notify(key=f"{key}:sms", channel=Channel.SMS, to=inquiry.contact_phone, body=text)


def _mail_domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">").strip() or "torg.invalid"


def send_receipt(inquiry: Inquiry) -> None:
    with translation.override(language_form()):
        _to_resident(
            inquiry,
            f"inquiry:{inquiry.pk}:receipt",
            _("We have received your inquiry"),
            "receipt",
            {"due": timezone.localtime(inquiry.due_at)},
        )


def send_to_resident(inquiry: Inquiry, message: InquiryMessage) -> None:
    with translation.override(language_form()):
        subject = {
            MessageKind.ANSWER: _("Answer to your inquiry"),
            MessageKind.PRELIMINARY: _("Preliminary answer: your inquiry takes longer"),
            MessageKind.QUESTION: _("We need more information from you"),
        }[MessageKind(message.kind)]
        _to_resident(inquiry, f"inquiry:{inquiry.pk}:message:{message.pk}", subject, "message", {"message": message})


def _staff_mail(key: str, to: str, subject: str, template: str, context: dict[str, Any]) -> None:
    if not to:
        return
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    inquiry = context["inquiry"]
    context = {"admin_link": f"{base}/admin/servicetorget/{inquiry.pk}/", **context}
    with translation.override(language_form()):
        body = render_to_string(f"inquiries/email/{template}.txt", context)
    # No personal data of the resident in staff e-mail: they read it in the back office, where access is logged.
    notify(key=key, channel=Channel.EMAIL, to=to, subject=_subject(inquiry, subject), body=body)


def tell_area_staff_of_new(inquiry: Inquiry) -> None:
    """The area's shared inbox (or the municipality's) hears of a new inquiry in its queue."""
    to = (inquiry.area.email if inquiry.area else "") or municipality().email
    with translation.override(language_form()):
        subject = _("New inquiry in your queue")
    _staff_mail(f"inquiry:{inquiry.pk}:new:{inquiry.area_id}", to, subject, "staff_new", {"inquiry": inquiry})


def tell_handler_of_assignment(inquiry: Inquiry, handler: Any) -> None:
    with translation.override(language_form()):
        subject = _("An inquiry was given to you")
    _staff_mail(
        f"inquiry:{inquiry.pk}:assigned:{handler.pk}",
        getattr(handler, "email", ""),
        subject,
        "staff_assigned",
        {"inquiry": inquiry},
    )


def tell_handler_of_reply(inquiry: Inquiry, message: InquiryMessage) -> None:
    to = getattr(inquiry.assigned_to, "email", "") or (inquiry.area.email if inquiry.area else "")
    with translation.override(language_form()):
        subject = _("The resident has replied")
    _staff_mail(f"inquiry:{inquiry.pk}:reply:{message.pk}", to, subject, "staff_reply", {"inquiry": inquiry})


def _leaders(inquiry: Inquiry) -> list[Any]:
    leaders = list(holders(Role.KOMMUNALSJEF, inquiry.area)) if inquiry.area else []
    return leaders or list(holders(Role.KOMMUNIKASJONSSJEF))


def tell_leaders(inquiry: Inquiry, *, escalation: bool) -> None:
    """Remind the area's leader before the deadline; escalate to them when it has passed."""
    what = "escalation" if escalation else "reminder"
    with translation.override(language_form()):
        subject = _("Inquiry past its deadline") if escalation else _("Inquiry due soon")
    recipients = _leaders(inquiry)
    if inquiry.assigned_to is not None and not escalation:
        recipients.append(inquiry.assigned_to)
    due = timezone.localdate(inquiry.due_at).isoformat()
    for user in {u.pk: u for u in recipients}.values():
        _staff_mail(
            f"inquiry:{inquiry.pk}:{what}:{due}:{user.pk}",
            getattr(user, "email", ""),
            subject,
            f"staff_{what}",
            {"inquiry": inquiry, "due": timezone.localtime(inquiry.due_at)},
        )
