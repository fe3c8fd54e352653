"""Every write to the municipality's roles, areas and permissions.

Roles become Django groups; scoped roles get Wagtail page permissions on their
service area's page and a place in that area's approval workflow, so that a
web contact drafts and submits, and the area's leaders or the
kommunikasjonssjef approve and publish.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from . import audit
from .audit import Actor
from .models import RoleGroup, ServiceArea
from .roles import (
    APPROVER_MODEL_PERMISSIONS,
    EDITOR_MODEL_PERMISSIONS,
    POLICIES,
    STAFF_MODEL_PERMISSIONS,
    Role,
    group_name,
)

ROOT_WORKFLOW_NAME = "Godkjenning av kommunikasjonssjef"


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def _ensure_group(role: Role, area: ServiceArea | None, page: Page | None) -> Group:
    policy = POLICIES[role]
    role_group = RoleGroup.objects.for_role(role, area).select_related("group").first()
    if role_group is None:
        group, _ = Group.objects.get_or_create(name=group_name(role, area.name if area else None))
        role_group = RoleGroup.objects.create(group=group, role=role, service_area=area)
    group = role_group.group
    wanted = list(STAFF_MODEL_PERMISSIONS) if policy.admin_access else []
    if policy.approves:
        wanted += APPROVER_MODEL_PERMISSIONS
    if role == Role.KOMMUNIKASJONSSJEF:
        wanted += EDITOR_MODEL_PERMISSIONS
    group.permissions.add(*[_permission(p) for p in wanted])
    if page is not None:
        for codename in policy.page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=_page_permission(codename))
    return group


def _approval_workflow(name: str, groups: list[Group], page: Page) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    task, _ = GroupApprovalTask.objects.get_or_create(name=f"Godkjenning: {name}")
    task.groups.set(groups)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def set_up_global_roles(*, root: Page, actor: Actor = None) -> dict[Role, Group]:
    """Create the global role groups with rights over the whole site under ``root``.

    Everything under ``root`` goes through the kommunikasjonssjef's approval
    unless a service area has its own workflow.
    """
    groups = {role: _ensure_group(role, None, root) for role, p in POLICIES.items() if not p.scoped}
    _approval_workflow(ROOT_WORKFLOW_NAME, [groups[Role.KOMMUNIKASJONSSJEF]], root)
    # Wagtail's own default workflow and groups are replaced by the roles.
    Workflow.objects.filter(name="Moderators approval").update(active=False)
    return groups


@transaction.atomic
def create_service_area(*, name: str, slug: str, actor: Actor = None, **fields: str | int) -> ServiceArea:
    area = ServiceArea.objects.create(name=name, slug=slug, **fields)
    audit.record(actor=actor, action="torg.area.created", target=area)
    return area


@transaction.atomic
def set_up_area_permissions(*, area: ServiceArea, page: Page, actor: Actor = None) -> dict[Role, Group]:
    """Give the area's scoped roles their rights on ``page`` (the area's page) and below.

    The area's kommunalsjef and tenesteleiar, and the kommunikasjonssjef,
    approve what its web contacts submit.
    """
    groups = {role: _ensure_group(role, area, page) for role, p in POLICIES.items() if p.scoped}
    approvers = [g for role, g in groups.items() if POLICIES[role].approves]
    editor = Group.objects.filter(name=group_name(Role.KOMMUNIKASJONSSJEF)).first()
    if editor is not None:
        approvers.append(editor)
    _approval_workflow(f"Godkjenning – {area.name}", approvers, page)
    audit.record(actor=actor, action="torg.area.permissions_synced", target=area, data={"page": page.pk})
    return groups


def role_group(role: Role, area: ServiceArea | None = None) -> Group:
    """The group of ``role`` (in ``area``); it must have been set up."""
    found = RoleGroup.objects.for_role(Role(role), area).select_related("group").first()
    if found is None:
        raise LookupError(f"No group for role {role} in {area}: set up the roles first")
    return found.group


@transaction.atomic
def assign_role(*, user: AbstractBaseUser, role: Role, area: ServiceArea | None = None, actor: Actor = None) -> None:
    """Give ``user`` ``role`` (in ``area`` for scoped roles) and the rights that follow."""
    role = Role(role)
    if POLICIES[role].scoped != (area is not None):
        raise ValueError(f"Role {role} {'needs' if POLICIES[role].scoped else 'takes no'} service area")
    user.groups.add(role_group(role, area))  # type: ignore[attr-defined]
    audit.record(
        actor=actor, action="torg.role.assigned", target=user, data={"role": role.value, "area": area and area.pk}
    )


@transaction.atomic
def revoke_role(*, user: AbstractBaseUser, role: Role, area: ServiceArea | None = None, actor: Actor = None) -> None:
    role = Role(role)
    user.groups.remove(role_group(role, area))  # type: ignore[attr-defined]
    audit.record(
        actor=actor, action="torg.role.revoked", target=user, data={"role": role.value, "area": area and area.pk}
    )
