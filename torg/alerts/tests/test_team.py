"""Who is on the crisis team, who may appoint its members, and the crisis team page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from torg.alerts import queries
from torg.alerts.actions import add_to_crisis_team, crisis_team_group, publish_alert, remove_from_crisis_team
from torg.alerts.models import CapAlert
from torg.core.roles import Role
from torg.core.tests.factories import UserFactory

from .factories import CrisisMessageFactory

TEAM = "/admin/krisevarsel/kriseteam/"


@pytest.fixture
def member(mayor: Any) -> Any:
    """A staff member the mayor appointed to the crisis team."""
    user = UserFactory.create(first_name="Magnus", last_name="Eide")
    add_to_crisis_team(user=user, actor=mayor)
    return user


def test_the_crisis_team_is_superusers_mayor_head_of_communication_and_appointed_members(
    mayor, member, user_with_role, site_tree
):
    head = user_with_role(Role.KOMMUNIKASJONSSJEF)
    superuser = UserFactory.create(is_superuser=True)
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    gone = UserFactory.create(is_active=False)
    gone.groups.add(crisis_team_group())

    team = set(queries.crisis_team_users())

    assert team == {mayor, member, head, superuser}
    assert web_contact not in team and gone not in team


def test_an_appointed_member_may_publish_and_others_may_not(member, user_with_role):
    officer = user_with_role(Role.KOMMUNIKASJONSMEDARBEIDAR)
    message = CrisisMessageFactory.create()

    with pytest.raises(PermissionDenied):
        publish_alert(message=message, actor=officer)
    publish_alert(message=message, actor=member)

    assert CapAlert.objects.filter(message=message).count() == 1


def test_only_the_mayor_head_of_communication_and_superusers_appoint_members(member, user_with_role):
    someone = UserFactory.create()
    head = user_with_role(Role.KOMMUNIKASJONSSJEF)

    with pytest.raises(PermissionDenied):
        add_to_crisis_team(user=someone, actor=member)
    assert not queries.can_publish_alerts(someone)

    add_to_crisis_team(user=someone, actor=head)
    someone = type(someone).objects.get(pk=someone.pk)  # forget the cached answer
    assert queries.can_publish_alerts(someone)

    remove_from_crisis_team(user=someone, actor=UserFactory.create(is_superuser=True))
    someone = type(someone).objects.get(pk=someone.pk)
    assert not queries.can_publish_alerts(someone)
    logged = ModelLogEntry.objects.filter(object_id=str(someone.pk)).values_list("action", flat=True)
    assert set(logged) == {"torg.crisis_team.added", "torg.crisis_team.removed"}


def test_the_mayor_appoints_and_removes_members_on_the_crisis_team_page(mayor, admin_client_for):
    client = admin_client_for(mayor)
    colleague = UserFactory.create(first_name="Kari", last_name="Beredskap")

    page = client.get(TEAM)
    assert page.status_code == 200
    assert f'value="{colleague.pk}"' in page.content.decode()

    added = client.post(TEAM, {"user": colleague.pk})
    assert added.status_code == 302
    assert colleague in queries.appointed_members()
    assert "Kari Beredskap" in client.get(TEAM).content.decode()

    removed = client.post(TEAM, {"remove": colleague.pk})
    assert removed.status_code == 302
    assert colleague not in queries.appointed_members()


def test_an_appointed_member_sees_the_team_but_may_not_change_it(member, admin_client_for):
    client = admin_client_for(member)
    colleague = UserFactory.create()

    page = client.get(TEAM)
    assert page.status_code == 200
    assert 'name="remove"' not in page.content.decode()
    assert client.post(TEAM, {"user": colleague.pk}).status_code == 403
    assert client.post(TEAM, {"remove": member.pk}).status_code == 403
    assert member in queries.appointed_members()


def test_someone_outside_the_crisis_team_may_not_open_the_team_page(user_with_role, admin_client_for):
    officer = user_with_role(Role.KOMMUNIKASJONSMEDARBEIDAR)

    assert admin_client_for(officer).get(TEAM).status_code == 403


def test_appointing_nobody_shows_an_error_and_changes_nothing(mayor, admin_client_for):
    response = admin_client_for(mayor).post(TEAM, {"user": "999999"})

    assert response.status_code == 400
    assert not queries.appointed_members().exists()
