"""The audit log: who did what to which object, and every staff view of personal data.

Built on Wagtail's log entries (``wagtail.log_actions``) so that the back
office's "Logs" report, filters and per-object history show Torg's actions
beside Wagtail's own page actions. Every app records through this module.

Never pass anything that identifies a whistleblower as ``data``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

# action id -> label shown to staff in the log report.
ACTIONS: dict[str, Any] = {
    "torg.role.assigned": _("Role given"),
    "torg.role.revoked": _("Role removed"),
    "torg.area.created": _("Service area created"),
    "torg.area.permissions_synced": _("Service area permissions set"),
    "torg.personal_data.viewed": _("Personal data viewed"),
    "torg.second_factor.enrolled": _("Second factor set up"),
    "torg.second_factor.verified": _("Signed in with second factor"),
    "torg.second_factor.failed": _("Wrong second-factor code"),
    "torg.review.reminded": _("Review reminder sent"),
    "torg.page.reviewed": _("Page marked as reviewed"),
}

Actor = AbstractBaseUser | AnonymousUser | None


def _unwrap(obj: Any) -> Any:
    """The object behind ``request.user``: django-otp wraps Django's lazy user in another
    lazy object, and Wagtail's log silently drops entries for targets it cannot type."""
    while isinstance(obj, LazyObject):
        if obj._wrapped is empty:
            obj._setup()
        obj = obj._wrapped
    return obj


def record(*, actor: Actor, action: str, target: models.Model, data: dict[str, Any] | None = None) -> None:
    """Record that ``actor`` did ``action`` to ``target`` (``actor`` None: the system)."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}; add it to torg.core.audit.ACTIONS")
    actor, target = _unwrap(actor), _unwrap(target)
    user = actor if actor is not None and actor.is_authenticated else None
    log(instance=target, action=action, user=user, data=data or {})


def record_personal_data_view(*, actor: Actor, target: models.Model, purpose: str) -> None:
    """Log that a staff member looked at personal data held in ``target``."""
    record(actor=actor, action="torg.personal_data.viewed", target=target, data={"purpose": purpose})
