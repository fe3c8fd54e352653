"""Giving and taking roles: groups, scope and who holds what."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from torg.core.actions import assign_role, revoke_role, role_group
from torg.core.models import RoleGroup
from torg.core.queries import holders
from torg.core.roles import POLICIES, Role, group_name
from torg.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_scoped_role_without_a_service_area_is_refused(site_tree):
    user = UserFactory.create()

    with pytest.raises(ValueError, match="needs service area"):
        assign_role(user=user, role=Role.WEBKONTAKT)

    assert not user.groups.exists()


def test_global_role_with_a_service_area_is_refused(site_tree):
    user = UserFactory.create()

    with pytest.raises(ValueError, match="takes no service area"):
        assign_role(user=user, role=Role.KOMMUNIKASJONSSJEF, area=site_tree.area_a)


def test_assigned_role_puts_user_in_the_areas_named_group(site_tree):
    user = UserFactory.create()

    assign_role(user=user, role=Role.KOMMUNALSJEF, area=site_tree.area_a)

    assert list(user.groups.values_list("name", flat=True)) == ["Kommunalsjef – Helse og omsorg"]


def test_holders_finds_the_users_with_a_role_in_an_area(site_tree, user_with_role):
    leader_a = user_with_role(Role.KOMMUNALSJEF, site_tree.area_a)
    user_with_role(Role.KOMMUNALSJEF, site_tree.area_b)
    user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    user_with_role(Role.KOMMUNALSJEF, site_tree.area_a, is_active=False)

    assert list(holders(Role.KOMMUNALSJEF, site_tree.area_a)) == [leader_a]


def test_holders_of_a_global_role(site_tree, user_with_role):
    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)

    assert list(holders(Role.KOMMUNIKASJONSSJEF)) == [editor]
    assert not holders(Role.ORDFORAR).exists()


def test_revoked_role_removes_the_group_and_its_rights(site_tree, user_with_role):
    from torg.web.tests.factories import ServicePageFactory

    user = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    page = ServicePageFactory.create(parent=site_tree.area_page_a)
    assert page.permissions_for_user(user).can_edit()

    revoke_role(user=user, role=Role.WEBKONTAKT, area=site_tree.area_a)

    user = type(user).objects.get(pk=user.pk)  # fresh permission cache
    assert not user.groups.exists()
    assert not page.permissions_for_user(user).can_edit()
    assert not holders(Role.WEBKONTAKT, site_tree.area_a).exists()


def test_every_role_has_one_group_per_scope(site_tree):
    global_roles = [role for role, policy in POLICIES.items() if not policy.scoped]
    scoped_roles = [role for role, policy in POLICIES.items() if policy.scoped]

    for role in global_roles:
        assert role_group(role).name == group_name(role)
    for area in (site_tree.area_a, site_tree.area_b):
        for role in scoped_roles:
            assert role_group(role, area).name == group_name(role, area.name)
    assert RoleGroup.objects.count() == len(global_roles) + 2 * len(scoped_roles)
    assert Group.objects.filter(torg_role__isnull=False).count() == RoleGroup.objects.count()


def test_role_group_for_an_area_that_was_never_set_up_is_an_error(db):
    from torg.core.actions import create_service_area

    area = create_service_area(name="Kultur", slug="kultur")

    with pytest.raises(LookupError):
        role_group(Role.WEBKONTAKT, area)


def test_only_back_office_roles_may_open_the_back_office(site_tree, user_with_role):
    employee = user_with_role(Role.TILSETT)
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_a)

    assert not employee.has_perm("wagtailadmin.access_admin")
    assert web_contact.has_perm("wagtailadmin.access_admin")
