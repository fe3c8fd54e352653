"""Every write to crisis messages: draft, publish, update (a correction), cancel (all clear); the crisis team.

Each publish makes one immutable CAP 1.2 alert; only the crisis team
(superusers, ordførar, kommunikasjonssjef and the "Kriseteam" group) may do
it, and each is audit-logged. After commit of a publish, update or cancel:
the banner cache and the page cache are cleared, and
``torg.subscriptions.actions.announce_crisis`` sends the message to the
subscribers (a drill only to the crisis team).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from torg.core import audit
from torg.pagecache.cache import invalidate as invalidate_page_cache

from . import queries
from .cap import render_alert
from .models import CRISIS_TEAM_GROUP, CapAlert, CrisisMessage, MsgType, Status
from .texts import info_for

logger = logging.getLogger(__name__)

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
        "replace_front_page",
    }
)
# Fields a draft may have (before it is published).
DRAFT_FIELDS = EDITABLE_FIELDS | {"status", "identifier_base"}
LANGUAGES = (("nn", "nn-NO"),)


def _check(actor: Any) -> None:
    if not queries.can_publish_alerts(actor):
        raise PermissionDenied("Only the crisis team (ordførar, kommunikasjonssjef) may publish crisis messages.")


def _after_commit() -> None:
    """Clear the banner and the page cache at once, then hand the alert to the subscriptions app."""
    queries.forget_banners()
    invalidate_page_cache()


def _announce(alert_pk: int) -> None:
    try:
        subscription_actions = importlib.import_module("torg.subscriptions.actions")
    except ImportError:
        return
    announce_crisis = getattr(subscription_actions, "announce_crisis", None)
    if announce_crisis is None:
        return
    announce_crisis(alert=CapAlert.objects.select_related("message").get(pk=alert_pk))


def _on_commit(alert: CapAlert, announce: bool) -> None:
    transaction.on_commit(_after_commit)
    if announce:
        # robust: the alert is published whatever happens to the fan-out; a failure is logged.
        transaction.on_commit(partial(_announce, alert.pk), robust=True)


def _draft_fields(fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"cannot set {sorted(unknown)} on a crisis message here")


@transaction.atomic
def create_draft(*, actor: Any, places: Iterable[Any] = (), **fields: Any) -> CrisisMessage:
    """A new crisis message, not yet published (the crisis team previews it first)."""
    _check(actor)
    _draft_fields(fields, DRAFT_FIELDS)
    message = CrisisMessage(**fields, created_by=actor if getattr(actor, "is_authenticated", False) else None)
    message.full_clean()
    message.save()
    message.places.set(list(places))
    audit.record(actor=actor, action="torg.alert.drafted", target=message)
    return message


@transaction.atomic
def change_draft(*, message: CrisisMessage, actor: Any, places: Iterable[Any] | None = None, **fields: Any) -> None:
    """Change a crisis message that is not published yet."""
    _check(actor)
    _draft_fields(fields, DRAFT_FIELDS)
    locked = _lock(message)
    if locked.alerts.exists():
        raise ValidationError(_("This crisis message is already published. Publish an update instead."))
    for field, value in fields.items():
        setattr(message, field, value)
    message.full_clean()
    message.save()
    if places is not None:
        message.places.set(list(places))
    audit.record(actor=actor, action="torg.alert.draft_changed", target=message, data={"changed": sorted(fields)})


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
            infos.append(info_for(message, msg_type, cap_language))
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
def publish_alert(*, message: CrisisMessage, actor: Any, announce: bool = True) -> CapAlert:
    """Publish the first CAP alert (msgType Alert) of a crisis message.

    ``announce=False`` publishes without sending it to anyone (only for recording history, as the demo does).
    """
    _check(actor)
    locked = _lock(message)
    if locked.alerts.exists():
        raise ValidationError(_("This crisis message is already published. Publish an update instead."))
    message.full_clean()
    alert = _publish(message, actor, MsgType.ALERT)
    audit.record(actor=actor, action="torg.alert.published", target=message, data={"identifier": alert.identifier})
    _on_commit(alert, announce)
    return alert


@transaction.atomic
def update_alert(
    *, message: CrisisMessage, actor: Any, places: Iterable[Any] | None = None, announce: bool = True, **changes: Any
) -> CapAlert:
    """Change the crisis message and publish the change as a CAP Update referencing the earlier alerts.

    ``places``: the affected places from now on (None: unchanged; empty: the whole municipality).
    """
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
    if changes:
        message.save(update_fields=[*changes])
    if places is not None:
        message.places.set(list(places))
    alert = _publish(message, actor, MsgType.UPDATE)
    changed = sorted([*changes, *(["places"] if places is not None else [])])
    audit.record(
        actor=actor,
        action="torg.alert.updated",
        target=message,
        data={"identifier": alert.identifier, "changed": changed},
    )
    _on_commit(alert, announce)
    return alert


@transaction.atomic
def cancel_alert(*, message: CrisisMessage, actor: Any, announce: bool = True) -> CapAlert:
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
    _on_commit(alert, announce)
    return alert


# --- The crisis team ------------------------------------------------------------------


def crisis_team_group() -> Group:
    """The "Kriseteam" group, made on first use with back-office access."""
    group, created = Group.objects.get_or_create(name=CRISIS_TEAM_GROUP)
    if created:
        access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
        if access is not None:
            group.permissions.add(access)
    return group


def _check_manager(actor: Any) -> None:
    if not queries.can_manage_crisis_team(actor):
        raise PermissionDenied("Only the mayor, the head of communication and superusers appoint the crisis team.")


@transaction.atomic
def add_to_crisis_team(*, user: Any, actor: Any) -> None:
    """Appoint ``user`` to the crisis team (the "Kriseteam" group)."""
    _check_manager(actor)
    if not user.is_active:
        raise ValidationError(_("This user is deactivated and cannot join the crisis team."))
    user.groups.add(crisis_team_group())
    audit.record(actor=actor, action="torg.crisis_team.added", target=user)


@transaction.atomic
def remove_from_crisis_team(*, user: Any, actor: Any) -> None:
    """Take ``user`` off the crisis team (those on it by their role stay on it)."""
    _check_manager(actor)
    user.groups.remove(crisis_team_group())
    audit.record(actor=actor, action="torg.crisis_team.removed", target=user)
