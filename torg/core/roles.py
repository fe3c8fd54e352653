"""The roles of the communication strategy and what each may do.

A role is global (the whole municipality) or scoped to one service area
(tenesteområde). Scoped roles get Wagtail page permissions on that area's
page subtree only; global roles on the whole site. Roles are realised as
Django groups, kept in step with ``RoleAssignment`` by
``torg.core.actions.sync_role_groups``.

Roles (from the strategy's "Rollar"):

- ordforar: the mayor; reputation, political answers, leads crisis communication.
- radmann: the chief executive; overall responsible for service information.
- kommunikasjonssjef: editor-in-chief of every channel (redaktøransvar).
- kommunalsjef: leader of a service area (also stabssjef); quality-assures it.
- tenesteleiar: leader of a service; keeps its information up to date.
- kommunikasjonsmedarbeidar: communication staff; media, channels, help.
- webkontakt: informasjons-/webkontakt; drafts for a service area.
- tilsett: an employee.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ORDFORAR = "ordforar", _("Mayor (ordførar)")
    RADMANN = "radmann", _("Chief executive (rådmann)")
    KOMMUNIKASJONSSJEF = "kommunikasjonssjef", _("Head of communication (kommunikasjonssjef)")
    KOMMUNALSJEF = "kommunalsjef", _("Head of service area (kommunalsjef/stabssjef)")
    TENESTELEIAR = "tenesteleiar", _("Service leader (tenesteleiar)")
    KOMMUNIKASJONSMEDARBEIDAR = "kommunikasjonsmedarbeidar", _("Communication officer (kommunikasjonsmedarbeidar)")
    WEBKONTAKT = "webkontakt", _("Web contact (informasjons-/webkontakt)")
    TILSETT = "tilsett", _("Employee (tilsett)")


@dataclass(frozen=True)
class RolePolicy:
    """What a role may do in the page tree and the back office."""

    scoped: bool  # True: tied to one service area
    admin_access: bool
    page_permissions: tuple[str, ...]  # Wagtail page permission codenames
    approves: bool  # member of the approval task of its scope


_EDIT = ("add_page", "change_page")
_PUBLISH = (*_EDIT, "publish_page", "lock_page", "unlock_page")
_ALL = (*_PUBLISH, "bulk_delete_page")

POLICIES: dict[Role, RolePolicy] = {
    Role.ORDFORAR: RolePolicy(scoped=False, admin_access=True, page_permissions=(), approves=False),
    Role.RADMANN: RolePolicy(scoped=False, admin_access=True, page_permissions=(), approves=False),
    Role.KOMMUNIKASJONSSJEF: RolePolicy(scoped=False, admin_access=True, page_permissions=_ALL, approves=True),
    Role.KOMMUNIKASJONSMEDARBEIDAR: RolePolicy(scoped=False, admin_access=True, page_permissions=_EDIT, approves=False),
    Role.KOMMUNALSJEF: RolePolicy(scoped=True, admin_access=True, page_permissions=_PUBLISH, approves=True),
    Role.TENESTELEIAR: RolePolicy(scoped=True, admin_access=True, page_permissions=_PUBLISH, approves=True),
    Role.WEBKONTAKT: RolePolicy(scoped=True, admin_access=True, page_permissions=_EDIT, approves=False),
    Role.TILSETT: RolePolicy(scoped=False, admin_access=False, page_permissions=(), approves=False),
}

# Django model permissions every back-office role gets (images and documents
# are shared by the whole editorial team).
STAFF_MODEL_PERMISSIONS = (
    "wagtailadmin.access_admin",
    "brevmalar.add_lettertemplate",
    "brevmalar.change_lettertemplate",
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
)
# Extra model permissions for every role that approves (its area's, or all).
APPROVER_MODEL_PERMISSIONS = ("brevmalar.publish_lettertemplate",)
# Extra model permissions for the editor-in-chief.
EDITOR_MODEL_PERMISSIONS = (
    "wagtailimages.change_image",
    "wagtailimages.delete_image",
    "wagtaildocs.change_document",
    "wagtaildocs.delete_document",
    "core.change_municipalitysettings",
    "klarsprak.change_klarspraksettings",
    "brevmalar.delete_lettertemplate",
    "core.add_servicearea",
    "core.change_servicearea",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
)


def group_name(role: Role, area_name: str | None = None) -> str:
    """The group that realises ``role`` (in ``area_name`` for scoped roles)."""
    label = str(Role(role).label).split(" (")[0]
    # Group names are shown to staff in Norwegian: use the domain word.
    word = {
        Role.ORDFORAR: "Ordførar",
        Role.RADMANN: "Rådmann",
        Role.KOMMUNIKASJONSSJEF: "Kommunikasjonssjef",
        Role.KOMMUNALSJEF: "Kommunalsjef",
        Role.TENESTELEIAR: "Tenesteleiar",
        Role.KOMMUNIKASJONSMEDARBEIDAR: "Kommunikasjonsmedarbeidar",
        Role.WEBKONTAKT: "Webkontakt",
        Role.TILSETT: "Tilsett",
    }.get(Role(role), label)
    return f"{word} – {area_name}" if area_name else word
