"""Who may handle which access request parts.

A part belongs to the service area of its journal entry. Those who may decide it:

- anyone with a role scoped to that service area (kommunalsjef, tenesteleiar, webkontakt);
- the municipality-wide roles that answer for openness: kommunikasjonssjef,
  kommunikasjonsmedarbeidar and rådmann (they also handle entries with no service area);
- superusers and holders of the permission ``innsyn.handle_all_innsynskrav``
  (e.g. the archive or the service desk).
"""

from __future__ import annotations

from typing import Any

from torg.core.roles import POLICIES, Role

from ..requests import InnsynskravDel, InnsynskravDelQuerySet

GLOBAL_ROLES = (Role.KOMMUNIKASJONSSJEF, Role.KOMMUNIKASJONSMEDARBEIDAR, Role.RADMANN)
AREA_ROLES = tuple(role for role, policy in POLICIES.items() if policy.scoped)
# Told when a part passes its deadline: the area's leaders, else the head of communication.
LEADER_ROLES = (Role.KOMMUNALSJEF, Role.TENESTELEIAR)

_CACHE = "_torg_innsyn_roles"


def _role_rows(user: Any) -> list[tuple[str, int | None]]:
    rows = getattr(user, _CACHE, None)
    if rows is None:
        rows = list(
            user.groups.filter(torg_role__isnull=False).values_list("torg_role__role", "torg_role__service_area")
        )
        setattr(user, _CACHE, rows)
    return rows  # type: ignore[no-any-return]


def _active(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def handles_all(user: Any) -> bool:
    if not _active(user):
        return False
    if user.is_superuser or user.has_perm("innsyn.handle_all_innsynskrav"):
        return True
    return any(role in GLOBAL_ROLES for role, _area in _role_rows(user))


def area_ids(user: Any) -> set[int]:
    """The service areas whose parts ``user`` handles (besides ``handles_all``)."""
    if not _active(user):
        return set()
    return {area for role, area in _role_rows(user) if area is not None and role in AREA_ROLES}


def is_handler(user: Any) -> bool:
    return handles_all(user) or bool(area_ids(user))


def may_handle(user: Any, part: InnsynskravDel) -> bool:
    if handles_all(user):
        return True
    area = part.journalpost.service_area_id
    return area is not None and area in area_ids(user)


def visible_parts(user: Any) -> InnsynskravDelQuerySet:
    """Parts of verified requests that ``user`` may see and decide."""
    parts = InnsynskravDel.objects.for_handlers()
    if handles_all(user):
        return parts
    return parts.filter(journalpost__service_area_id__in=area_ids(user))
