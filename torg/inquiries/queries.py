"""Reads about inquiries: who may handle what, answer routines, what needs attention."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone

from torg.core.models import ServiceArea
from torg.core.roles import POLICIES, Role

from .models import OPEN_STATUSES, AnswerRoutine, Inquiry, Kind, Status

# Roles that see every inquiry in the municipality (besides the permission handle_all_inquiries).
GLOBAL_INQUIRY_ROLES = (Role.KOMMUNIKASJONSSJEF, Role.KOMMUNIKASJONSMEDARBEIDAR, Role.RADMANN)
# Roles that handle inquiries in their own service area.
AREA_INQUIRY_ROLES = tuple(role for role, policy in POLICIES.items() if policy.scoped)


def _role_rows(user: Any) -> list[tuple[str, int | None]]:
    cache = getattr(user, "_torg_role_rows", None)
    if cache is None:
        cache = list(
            user.groups.filter(torg_role__isnull=False).values_list("torg_role__role", "torg_role__service_area")
        )
        user._torg_role_rows = cache
    return cache  # type: ignore[no-any-return]


def handles_all(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("inquiries.handle_all_inquiries"):
        return True
    return any(role in GLOBAL_INQUIRY_ROLES for role, _area in _role_rows(user))


def handled_area_ids(user: Any) -> set[int]:
    """The service areas whose inquiries ``user`` handles (without handles_all)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return {area for role, area in _role_rows(user) if area is not None and role in AREA_INQUIRY_ROLES}


def is_inquiry_staff(user: Any) -> bool:
    return handles_all(user) or bool(handled_area_ids(user))


def can_handle_area(user: Any, area: ServiceArea | None) -> bool:
    if handles_all(user):
        return True
    return area is not None and area.pk in handled_area_ids(user)


def can_handle(user: Any, inquiry: Inquiry) -> bool:
    if handles_all(user):
        return True
    return inquiry.area_id is not None and inquiry.area_id in handled_area_ids(user)


def visible_inquiries(user: Any) -> QuerySet[Inquiry]:
    """Inquiries ``user`` may see and handle in the back office."""
    inquiries = Inquiry.objects.select_related("area", "assigned_to")
    if handles_all(user):
        return inquiries
    return inquiries.filter(area_id__in=handled_area_ids(user))


def handlers_for(area: ServiceArea | None) -> QuerySet[AbstractBaseUser]:
    """Active staff who may handle inquiries in ``area``."""
    User = get_user_model()
    from django.db.models import Q

    q = Q(is_superuser=True) | Q(groups__torg_role__role__in=GLOBAL_INQUIRY_ROLES)
    q |= Q(groups__permissions__codename="handle_all_inquiries") | Q(user_permissions__codename="handle_all_inquiries")
    if area is not None:
        q |= Q(groups__torg_role__role__in=AREA_INQUIRY_ROLES, groups__torg_role__service_area=area)
    return User.objects.filter(q, is_active=True).distinct().order_by("first_name", "last_name", "username")


def routine_days(area: ServiceArea | None, kind: str) -> int:
    """Working days to answer an inquiry of ``kind`` in ``area``: the area's routine, the default, the setting."""
    rows = dict(
        AnswerRoutine.objects.filter(kind=kind, area__in=[area] if area else []).values_list("area", "working_days")
    )
    if area is not None and area.pk in rows:
        return int(rows[area.pk])
    default = AnswerRoutine.objects.filter(kind=kind, area__isnull=True).values_list("working_days", flat=True).first()
    if default is not None:
        return int(default)
    return int(settings.TORG_INQUIRY_ROUTINE_DEFAULTS.get(kind, 5))


def routine_table() -> list[dict[str, Any]]:
    """The published answer routine: one row per area (and the default), days per kind. Shown on the form."""
    explicit = {(r.area_id, r.kind): r.working_days for r in AnswerRoutine.objects.all()}
    kinds = list(Kind)

    def days(area_id: int | None, kind: str) -> int:
        if (area_id, kind) in explicit:
            return explicit[(area_id, kind)]
        if (None, kind) in explicit:
            return explicit[(None, kind)]
        return int(settings.TORG_INQUIRY_ROUTINE_DEFAULTS.get(kind, 5))

    rows: list[dict[str, Any]] = [{"area": None, "days": [days(None, k) for k in kinds]}]
    for area in ServiceArea.objects.all():
        row = [days(area.pk, k) for k in kinds]
        if row != rows[0]["days"]:
            rows.append({"area": area, "days": row})
    return [{"kinds": kinds, **row} for row in rows]


def needs_preliminary_answer(inquiry: Inquiry, now: datetime.datetime | None = None) -> bool:
    """Should the handler send a førebels svar now (forvaltningsloven § 11a)?

    Yes when no answer or preliminary answer has gone out and either the
    handler expects to answer after the deadline, or the case is about an
    enkeltvedtak and is one month old.
    """
    if inquiry.status not in OPEN_STATUSES or inquiry.answered_at or inquiry.preliminary_answer_at:
        return False
    now = now or timezone.now()
    if inquiry.expected_answer_by and inquiry.expected_answer_by > timezone.localdate(inquiry.due_at):
        return True
    if inquiry.about_enkeltvedtak:
        month_old = _add_month(timezone.localdate(inquiry.received_at))
        return timezone.localdate(now) >= month_old
    return False


def _add_month(day: datetime.date) -> datetime.date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def queue_counts(inquiries: QuerySet[Inquiry], now: datetime.datetime | None = None) -> dict[str, int]:
    """How many inquiries are new, due soon, overdue and waiting for the resident."""
    from . import deadlines

    now = now or timezone.now()
    soon = deadlines.end_of_day(deadlines.add_working_days(timezone.localdate(now), 1))
    active = inquiries.filter(status__in=(Status.NEW, Status.IN_PROGRESS))
    return {
        "new": inquiries.filter(status=Status.NEW).count(),
        "due_soon": active.filter(due_at__gte=now, due_at__lte=soon).count(),
        "overdue": active.filter(due_at__lt=now).count(),
        "waiting": inquiries.filter(status=Status.WAITING).count(),
    }


def find_by_reference(reference: str) -> Inquiry | None:
    reference = reference.strip().upper()
    if not reference.startswith("ST-"):
        reference = "ST-" + reference
    return Inquiry.objects.select_related("area").filter(reference=reference).first()


def resident_inquiries(*, emails: list[str] | tuple[str, ...] = (), ids: Any = ()) -> QuerySet[Inquiry]:
    """One resident's inquiries, for Mi sak (torg.minsak): newest first.

    Those whose contact e-mail is one of ``emails`` (in any case), and those whose
    pk is in ``ids`` (a list, or a subquery of the ids linked to an ID-porten login).
    Each carries ``resident_messages`` and ``resident_attachments``: what the
    resident sees on the follow page (internal notes and their files not counted).
    """
    from django.db.models import Count, Q

    from .models import RESIDENT_VISIBLE_KINDS

    match = Q(pk__in=ids)
    for email in emails:
        if email:
            match |= Q(contact_email__iexact=email)
    return (
        Inquiry.objects.filter(match)
        .annotate(
            resident_messages=Count("messages", filter=Q(messages__kind__in=RESIDENT_VISIBLE_KINDS), distinct=True),
            resident_attachments=Count(
                "attachments", filter=Q(attachments__message__kind__in=RESIDENT_VISIBLE_KINDS), distinct=True
            ),
        )
        .order_by("-received_at", "-pk")
    )
