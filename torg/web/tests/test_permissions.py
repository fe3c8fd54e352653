"""Who may draft, publish and approve where: the roles follow the service-area tree.

The first tests ask Wagtail's permission and workflow API; the last ones drive
the same rules through the back office, as an editor would.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from torg.core.roles import Role
from torg.web.models import ServicePage
from torg.web.tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db


def test_web_contact_can_create_and_edit_drafts_in_own_area_but_not_publish(site_tree, user_with_role):
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    service = ServicePageFactory.create(parent=site_tree.area_page_a)

    area_perms = site_tree.area_page_a.permissions_for_user(web_contact)
    service_perms = service.permissions_for_user(web_contact)

    assert area_perms.can_add_subpage()
    assert service_perms.can_edit()
    assert not service_perms.can_publish()
    assert not area_perms.can_publish_subpage()


def test_web_contact_cannot_add_or_edit_in_another_area(site_tree, user_with_role):
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    other_service = ServicePageFactory.create(parent=site_tree.area_page_b)

    assert not site_tree.area_page_b.permissions_for_user(web_contact).can_add_subpage()
    assert not other_service.permissions_for_user(web_contact).can_edit()


@pytest.mark.parametrize("role", [Role.KOMMUNALSJEF, Role.TENESTELEIAR])
def test_area_leader_publishes_in_own_area_only(site_tree, user_with_role, role):
    leader = user_with_role(role, site_tree.area_a)
    own = ServicePageFactory.create(parent=site_tree.area_page_a)
    other = ServicePageFactory.create(parent=site_tree.area_page_b)

    assert own.permissions_for_user(leader).can_publish()
    assert not other.permissions_for_user(leader).can_publish()
    assert not other.permissions_for_user(leader).can_edit()


def test_head_of_communication_publishes_everywhere(site_tree, user_with_role):
    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)
    pages = [
        ServicePageFactory.create(parent=site_tree.area_page_a),
        ServicePageFactory.create(parent=site_tree.area_page_b),
        site_tree.news,
        site_tree.home,
    ]

    assert all(page.permissions_for_user(editor).can_publish() for page in pages)


def test_employee_without_editor_role_cannot_edit_anything(site_tree, user_with_role):
    employee = user_with_role(Role.TILSETT)
    service = ServicePageFactory.create(parent=site_tree.area_page_a)

    assert not service.permissions_for_user(employee).can_edit()
    assert not site_tree.home.permissions_for_user(employee).can_add_subpage()


def test_web_contacts_draft_goes_to_own_areas_workflow_and_its_leader_approves_it(site_tree, user_with_role):
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    leader_a = user_with_role(Role.KOMMUNALSJEF, site_tree.area_a)
    leader_b = user_with_role(Role.KOMMUNALSJEF, site_tree.area_b)
    draft = ServicePageFactory.create(parent=site_tree.area_page_a, live=False, owner=web_contact)

    workflow = draft.get_workflow()
    assert workflow.name == f"Godkjenning – {site_tree.area_a.name}"
    state = workflow.start(draft, web_contact)
    task = state.current_task_state.task.specific

    assert task.get_actions(draft, leader_b) == []
    assert "approve" in [name for name, _label, _modal in task.get_actions(draft, leader_a)]

    state.current_task_state.approve(user=leader_a)

    draft.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert draft.live


def test_head_of_communication_can_approve_in_any_area(site_tree, user_with_role):
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_b)
    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)
    draft = ServicePageFactory.create(parent=site_tree.area_page_b, live=False, owner=web_contact)

    state = draft.get_workflow().start(draft, web_contact)

    assert state.current_task_state.task.specific.get_actions(draft, editor)


# --- Through the back office ---------------------------------------------------------------------


def _service_form(title: str, slug: str, action: str) -> dict[str, str]:
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "Kva tenesta er, og kven ho er for.",
            "body": streamfield([("paragraph", rich_text("<p>Slik søkjer du.</p>"))]),
            "target_group": rich_text(""),
            "how_to_apply": rich_text(""),
            "price": rich_text(""),
            "deadlines": rich_text(""),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        }
    )
    data[action] = action
    return data


def _add_url(parent_id: int) -> str:
    return reverse("wagtailadmin_pages:add", args=["web", "servicepage", parent_id])


def test_web_contact_pressing_publish_in_the_editor_only_saves_a_draft(site_tree, user_with_role, admin_client_for):
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    client = admin_client_for(web_contact)

    response = client.post(
        _add_url(site_tree.area_page_a.pk), _service_form("Heimesjukepleie", "heimesjukepleie", "action-publish")
    )

    assert response.status_code == 302
    page = ServicePage.objects.get(slug="heimesjukepleie")
    assert not page.live
    assert page.get_parent().pk == site_tree.area_page_a.pk


def test_web_contact_cannot_open_the_editor_in_another_area(site_tree, user_with_role, admin_client_for):
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    client = admin_client_for(web_contact)

    form = client.get(_add_url(site_tree.area_page_b.pk))
    post = client.post(_add_url(site_tree.area_page_b.pk), _service_form("Skulefritid", "skulefritid", "action-submit"))

    # Wagtail sends the editor back to the dashboard with "you do not have permission".
    assert (form.status_code, form["Location"]) == (302, reverse("wagtailadmin_home"))
    assert (post.status_code, post["Location"]) == (302, reverse("wagtailadmin_home"))
    assert not ServicePage.objects.filter(slug="skulefritid").exists()


def test_submitted_page_is_approved_and_published_by_area_leader_in_the_back_office(
    site_tree, user_with_role, admin_client_for
):
    web_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    leader_a = user_with_role(Role.KOMMUNALSJEF, site_tree.area_a)
    leader_b = user_with_role(Role.KOMMUNALSJEF, site_tree.area_b)

    admin_client_for(web_contact).post(
        _add_url(site_tree.area_page_a.pk), _service_form("Tryggleiksalarm", "tryggleiksalarm", "action-submit")
    )
    page = ServicePage.objects.get(slug="tryggleiksalarm")
    task_state = page.current_workflow_task_state
    assert task_state is not None
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])

    admin_client_for(leader_b).post(approve_url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live

    response = admin_client_for(leader_a).post(approve_url, {"comment": ""})
    page.refresh_from_db()
    assert response.status_code == 302
    assert page.live
