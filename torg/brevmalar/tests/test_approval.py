"""Approving a template is publishing it, and only a clear text is approved."""

import re

import pytest
from django.urls import reverse

from torg.brevmalar.actions import LetterTemplateRefused, publish_letter_template
from torg.brevmalar.models import LetterKind, LetterTemplate
from torg.brevmalar.tests.factories import LetterTemplateFactory, grant_letter_permissions
from torg.core.roles import Role

OFFICIALESE = "Hei, {{ namn }}.\n\nVi har fått søknaden samt vedlegga, herunder attesten frå legen."


def _approver(user_with_role, area):
    user = user_with_role(Role.KOMMUNALSJEF, area)
    grant_letter_permissions(user, "add", "change", "publish")
    return user


def _edit_url(template):
    return template.snippet_viewset.get_url_name("edit")


def _post(client, template, **changes):
    data = {
        "title": template.title,
        "kind": template.kind,
        "service_area": template.service_area_id or "",
        "body": template.body,
        "legal_basis": template.legal_basis,
        "appeal_information": template.appeal_information,
        "action-publish": "action-publish",
        **changes,
    }
    return client.post(reverse(_edit_url(template), args=[template.pk]), data, follow=True)


def test_publishing_a_template_with_officialese_is_refused_with_the_findings(
    site_tree, user_with_role, admin_client_for
):
    template = LetterTemplateFactory.create(service_area=site_tree.area_b)
    client = admin_client_for(_approver(user_with_role, site_tree.area_b))

    response = _post(client, template, body=OFFICIALESE)

    html = response.content.decode()
    assert "samt" in html and "herunder" in html
    template.refresh_from_db()
    assert not template.live
    assert "samt" in template.get_latest_revision_as_object().body  # the draft is kept


def test_a_clear_template_is_published_by_the_areas_leader(site_tree, user_with_role, admin_client_for):
    template = LetterTemplateFactory.create(service_area=site_tree.area_b)
    client = admin_client_for(_approver(user_with_role, site_tree.area_b))

    _post(client, template)

    template.refresh_from_db()
    assert template.live
    assert template.live_revision_id == template.latest_revision_id


def test_a_leader_of_another_area_may_not_approve(site_tree, user_with_role, admin_client_for):
    template = LetterTemplateFactory.create(service_area=site_tree.area_b)
    client = admin_client_for(_approver(user_with_role, site_tree.area_a))

    response = _post(client, template)

    assert response.status_code == 200
    template.refresh_from_db()
    assert not template.live


def test_the_listing_shows_the_latest_check_result(site_tree, user_with_role, admin_client_for):
    LetterTemplateFactory.create(service_area=site_tree.area_b, body=OFFICIALESE)
    client = admin_client_for(_approver(user_with_role, site_tree.area_b))
    response = client.get(reverse(LetterTemplate.snippet_viewset.get_url_name("list")))

    assert re.search(r"LIX \d+ \([^)]+\), 2 ", response.content.decode())


def test_the_action_refuses_officialese_and_lists_the_findings(site_tree):
    template = LetterTemplateFactory.create(body=OFFICIALESE)

    with pytest.raises(LetterTemplateRefused) as refused:
        publish_letter_template(template=template, user=None)

    assert any("samt" in p for p in refused.value.problems)
    assert any("herunder" in p for p in refused.value.problems)


def test_a_decision_without_legal_basis_and_appeal_information_is_invalid(site_tree):
    from django.core.exceptions import ValidationError

    template = LetterTemplate(title="Vedtak", kind=LetterKind.DECISION, body="Du får plass.")
    with pytest.raises(ValidationError) as invalid:
        template.full_clean()
    assert set(invalid.value.message_dict) >= {"legal_basis", "appeal_information"}


def test_the_letter_template_editor_carries_the_clear_language_panel_for_its_text_fields(
    site_tree, user_with_role, admin_client_for
):
    from torg.core.roles import Role

    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)

    html = admin_client_for(editor).get("/admin/snippets/brevmalar/lettertemplate/add/").content.decode()

    assert 'id="torg-klarsprak-config"' in html
    assert '"appeal_information"' in html
