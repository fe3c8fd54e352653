"""Every write to crisis messages: publish, update (a correction), cancel (all clear).

Each call publishes one immutable CAP 1.2 alert; only the crisis team
(superusers, ordførar, kommunikasjonssjef) may do it, and each is audit-logged.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from torg.core import audit

from . import queries
from .cap import render_alert
from .models import CapAlert, CrisisMessage, MsgType, Status, Urgency

# Fields a correction (update_alert) may change.
EDITABLE_FIELDS = frozenset(
    {
        "event",
        "category",
        "severity",
        "urgency",
        "certainty",
        "headline",
        "description",
        "instruction",
        "web",
        "contact",
        "area_desc",
        "polygon",
        "geocode",
    }
)
LANGUAGES = (("nn", "nn-NO"),)


def _check(actor: Any) -> None:
    if not queries.can_publish_alerts(actor):
        raise PermissionDenied("Only the crisis team (ordførar, kommunikasjonssjef) may publish crisis messages.")


def _info(message: CrisisMessage, msg_type: str, language: str) -> dict[str, Any]:
    info: dict[str, Any] = {
        "language": language,
        "category": message.category,
        "event": message.event,
        "urgency": message.urgency,
        "severity": message.severity,
        "certainty": message.certainty,
        "senderName": queries.sender_name(),
        "headline": message.headline,
        "description": message.description,
        "instruction": message.instruction,
        "web": message.web,
        "contact": message.contact,
        "areaDesc": message.area_desc,
        "polygon": " ".join(message.polygon.split()),
        "geocode": message.geocode or queries.municipality_number(),
    }
    if msg_type == MsgType.CANCEL:
        info.update(
            urgency=Urgency.PAST.value,
            headline=gettext("All clear: %(headline)s") % {"headline": message.headline},
            description=gettext("The danger is over. You do not need to do anything more."),
            instruction="",
        )
    return info


def _publish(message: CrisisMessage, actor: Any, msg_type: str) -> CapAlert:
    earlier = list(message.alerts.order_by("sent", "pk"))
    base = message.identifier_base or queries.site_hostname()
    sent = timezone.now().replace(microsecond=0)
    sender = queries.sender_address()
    identifier = f"{base}-{message.pk}-{len(earlier) + 1}"
    references = [alert.reference for alert in earlier] if msg_type != MsgType.ALERT else []
    infos = []
    note = ""
    for code, cap_language in LANGUAGES:
        with translation.override(code):
            infos.append(_info(message, msg_type, cap_language))
            if message.status == Status.EXERCISE and not note:
                note = gettext("This is a drill.")
    xml = render_alert(
        identifier=identifier,
        sender=sender,
        sent=sent,
        status=message.status,
        msg_type=msg_type,
        references=references,
        note=note,
        infos=infos,
    )
    return CapAlert.objects.create(
        message=message,
        identifier=identifier,
        sender=sender,
        sent=sent,
        msg_type=msg_type,
        status=message.status,
        references=" ".join(references),
        info=infos[0],
        xml=xml,
        published_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _lock(message: CrisisMessage) -> CrisisMessage:
    return CrisisMessage.objects.select_for_update().get(pk=message.pk)


@transaction.atomic
def publish_alert(*, message: CrisisMessage, actor: Any) -> CapAlert:
    """Publish the first CAP alert (msgType Alert) of a crisis message."""
    _check(actor)
    locked = _lock(message)
    if locked.alerts.exists():
        raise ValidationError(_("This crisis message is already published. Publish an update instead."))
    message.full_clean()
    alert = _publish(message, actor, MsgType.ALERT)
    audit.record(actor=actor, action="torg.alert.published", target=message, data={"identifier": alert.identifier})
    return alert


@transaction.atomic
def update_alert(*, message: CrisisMessage, actor: Any, **changes: Any) -> CapAlert:
    """Change the crisis message and publish the change as a CAP Update referencing the earlier alerts."""
    _check(actor)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"update_alert cannot change {sorted(unknown)}")
    locked = _lock(message)
    if not locked.alerts.exists():
        raise ValidationError(_("This crisis message is not published yet. Publish it first."))
    if locked.cancelled_at is not None:
        raise ValidationError(_("The danger is over for this crisis message. Write a new crisis message instead."))
    for field, value in changes.items():
        setattr(message, field, value)
    message.full_clean()
    message.save(update_fields=[*changes] or None)
    alert = _publish(message, actor, MsgType.UPDATE)
    audit.record(
        actor=actor,
        action="torg.alert.updated",
        target=message,
        data={"identifier": alert.identifier, "changed": sorted(changes)},
    )
    return alert


@transaction.atomic
def cancel_alert(*, message: CrisisMessage, actor: Any) -> CapAlert:
    """Publish the all clear ("Faren er over"): a CAP Cancel referencing every earlier alert."""
    _check(actor)
    locked = _lock(message)
    if not locked.alerts.exists():
        raise ValidationError(_("This crisis message is not published yet, so there is nothing to cancel."))
    if locked.cancelled_at is not None:
        raise ValidationError(_("The danger is already over for this crisis message."))
    alert = _publish(message, actor, MsgType.CANCEL)
    message.cancelled_at = alert.sent
    message.save(update_fields=["cancelled_at"])
    audit.record(actor=actor, action="torg.alert.cancelled", target=message, data={"identifier": alert.identifier})
    return alert
