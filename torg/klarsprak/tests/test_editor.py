"""The page editor carries the clear-language panel; publishing above the limit is recorded."""

from __future__ import annotations

import json

from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from torg.core.roles import Role
from torg.web.models import ServicePage

HARD = (
    "Kommuneadministrasjonen gjennomfører saksbehandlingsprosessen vedrørande tilrettelegging av "
    "tenestetilbodet i samsvar med gjeldande regelverksendringar, organisasjonsutviklingstiltak og "
    "økonomiplanleggingsprosessar, samt kvalitetssikringsrutinar for dokumentasjonsforvaltning og "
    "informasjonstryggleik i heile kommuneorganisasjonen utan unntak for nokon einingar eller avdelingar."
)


def _form(intro: str, *, confirmed: bool) -> dict[str, str]:
    data = nested_form_data(
        {
            "title": "Heimehjelp",
            "slug": "heimehjelp",
            "intro": intro,
            "body": streamfield([]),
            "target_group": rich_text(""),
            "how_to_apply": rich_text(""),
            "price": rich_text(""),
            "deadlines": rich_text(""),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        }
    )
    data["action-publish"] = "action-publish"
    if confirmed:
        data["klarsprak_confirmed"] = "1"
    return data


def _add_url(site_tree) -> str:
    return reverse("wagtailadmin_pages:add", args=["web", "servicepage", site_tree.area_page_a.pk])


def test_the_editor_page_carries_the_panels_settings_and_script(site_tree, user_with_role, admin_client_for):
    leader = user_with_role(Role.KOMMUNALSJEF, site_tree.area_a)

    html = admin_client_for(leader).get(_add_url(site_tree)).content.decode()

    start = html.index('id="torg-klarsprak-config"')
    config = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    assert config["url"] == "/api/klarsprak/"
    assert config["labels"]["title"] == "Klarspråk"
    assert "klarsprak/editor.js" in html


def test_publishing_a_text_above_the_limit_is_recorded_with_the_writers_confirmation(
    site_tree, user_with_role, admin_client_for
):
    leader = user_with_role(Role.KOMMUNALSJEF, site_tree.area_a)

    response = admin_client_for(leader).post(_add_url(site_tree), _form(HARD, confirmed=True))

    assert response.status_code == 302
    page = ServicePage.objects.get(slug="heimehjelp")
    assert page.live
    entry = PageLogEntry.objects.get(page=page, action="torg.klarsprak.published_over_limit")
    assert entry.user_id == leader.pk
    assert entry.data["confirmed"] is True
    assert entry.data["lix"] > entry.data["limit"]


def test_publishing_a_clear_text_records_nothing(site_tree, user_with_role, admin_client_for):
    leader = user_with_role(Role.KOMMUNALSJEF, site_tree.area_a)
    clear = "Du kan få hjelp heime. Ring oss, så kjem me på besøk. " * 4

    admin_client_for(leader).post(_add_url(site_tree), _form(clear, confirmed=False))

    assert ServicePage.objects.get(slug="heimehjelp").live
    assert not PageLogEntry.objects.filter(action="torg.klarsprak.published_over_limit").exists()
