"""A service area page made in the back office becomes the root of that area's rights."""

from __future__ import annotations

from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from torg.core.actions import assign_role, create_service_area
from torg.core.roles import Role
from torg.web.models import ServiceAreaPage


def test_an_area_page_made_by_the_editor_gives_the_areas_web_contacts_their_rights(
    site_tree, user_with_role, admin_client_for, django_user_model
):
    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)
    area = create_service_area(name="Kultur og fritid", slug="kultur", actor=editor)
    form = nested_form_data(
        {
            "title": "Kultur og fritid",
            "slug": "kultur-og-fritid",
            "intro": "Bibliotek, kulturskule og idrett.",
            "body": streamfield([]),
            "service_area": area.pk,
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
            "action-publish": "action-publish",
        }
    )

    response = admin_client_for(editor).post(
        reverse("wagtailadmin_pages:add", args=["web", "serviceareapage", site_tree.services.pk]), form
    )

    assert response.status_code == 302
    area_page = ServiceAreaPage.objects.get(service_area=area)
    assert area_page.live
    web_contact = django_user_model.objects.create_user("webkontakt.kultur", "wk@example.invalid", "x" * 16)
    assign_role(user=web_contact, role=Role.WEBKONTAKT, area=area, actor=editor)
    rights = area_page.permissions_for_user(web_contact)
    assert rights.can_add_subpage()
    assert rights.can_edit()
    assert not rights.can_publish()
    assert area_page.get_workflow().name == "Godkjenning – Kultur og fritid"
