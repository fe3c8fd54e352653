"""The crisis back office (/admin/krisevarsel/): list, write from a template, preview, publish, update, all clear."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from torg.alerts.actions import cancel_alert, create_draft, publish_alert
from torg.alerts.models import CrisisMessage, CrisisTemplate, MsgType, Status
from torg.core.roles import Role

from .factories import CrisisMessageFactory, CrisisTemplateFactory

BASE = "/admin/krisevarsel/"


def nn(text: str) -> str:
    with translation.override("nn"):
        return translation.gettext(text)


def html_of(response: Any) -> str:
    return str(response.content.decode())


@pytest.fixture
def client(mayor: Any, admin_client_for: Any) -> Client:
    return admin_client_for(mayor)


@pytest.fixture
def outsider(user_with_role: Any, admin_client_for: Any) -> Client:
    """A communication officer: in the back office, not on the crisis team."""
    return admin_client_for(user_with_role(Role.KOMMUNIKASJONSMEDARBEIDAR))


def form_data(villages: list[Any], **changes: Any) -> dict[str, Any]:
    data = {
        "event": "Kokevarsel",
        "category": "Health",
        "severity": "Severe",
        "urgency": "Immediate",
        "certainty": "Observed",
        "headline": "Kok drikkevatnet i Nordbygda",
        "description": "Det er funne bakteriar i drikkevatnet.",
        "instruction": "Kok vatnet i minst eitt minutt før du drikk det.",
        "contact": "Kommunen, telefon 12 34 56 78",
        "web": "",
        "area_desc": "",
        "places": [str(villages[0].pk)],
        "status": "Actual",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_someone_outside_the_crisis_team_gets_no_access_and_no_menu(outsider, mayor):
    message = CrisisMessageFactory.create()
    for url in (BASE, f"{BASE}ny/", f"{BASE}ny/skriv/", f"{BASE}{message.pk}/", f"{BASE}{message.pk}/oppdater/"):
        assert outsider.get(url).status_code == 403, url
    assert outsider.post(f"{BASE}{message.pk}/publiser/", {"confirm": "on"}).status_code == 403
    assert not message.alerts.exists()
    assert "krisevarsel" not in html_of(outsider.get(reverse("wagtailadmin_home")))


def test_the_crisis_team_has_the_menu_item(client):
    menu = html_of(client.get(reverse("wagtailadmin_home"))).replace("&quot;", '"')

    assert '"name": "krisevarsel"' in menu
    assert '"url": "/admin/krisevarsel/"' in menu


def test_the_list_shows_drafts_current_and_earlier_messages_with_drills_marked(client, mayor):
    draft = CrisisMessageFactory.create(headline="Eit utkast")
    current = CrisisMessageFactory.create(headline="Flaum no")
    publish_alert(message=current, actor=mayor)
    over = CrisisMessageFactory.create(headline="Storm som er over")
    publish_alert(message=over, actor=mayor)
    cancel_alert(message=over, actor=mayor)
    drill = CrisisMessageFactory.create(headline="Øving på flaum", status=Status.EXERCISE)
    publish_alert(message=drill, actor=mayor)

    html = html_of(client.get(BASE))

    for message in (draft, current, over, drill):
        assert f'href="{BASE}{message.pk}/"' in html
    assert html.index(escape(nn("Current"))) < html.index("Flaum no") < html.index(escape(nn("Drafts")))
    assert html.index(escape(nn("Drafts"))) < html.index("Eit utkast") < html.index(escape(nn("Over")))
    assert html.index(escape(nn("Over"))) < html.index("Storm som er over")
    assert escape(nn("DRILL")) in html.split("Øving på flaum")[0].rsplit("<tr>", 1)[1]


def test_a_new_message_starts_from_a_template(client):
    template = CrisisTemplateFactory.create(name="Kokevarsel for drikkevatn")

    choose = html_of(client.get(f"{BASE}ny/"))
    assert f'href="{BASE}ny/skriv/?mal={template.pk}"' in choose

    form = html_of(client.get(f"{BASE}ny/skriv/?mal={template.pk}"))
    assert template.headline in form
    assert template.instruction in form


def test_the_form_groups_places_by_kind_and_keeps_what_was_typed_on_errors(client, villages):
    response = client.post(f"{BASE}ny/skriv/", form_data(villages, places=None, headline="Mi overskrift"))

    html = html_of(response)
    assert response.status_code == 200
    assert "Mi overskrift" in html
    assert escape(nn("Choose the affected places, or tick the whole municipality.")) in html
    assert "Nordbygda" in html and "Sentrum vassverk" in html
    assert escape(nn("Village")) in html and escape(nn("Water supply zone")) in html
    assert not CrisisMessage.objects.exists()


def test_the_whole_municipality_and_places_together_is_refused(client, villages):
    response = client.post(f"{BASE}ny/skriv/", form_data(villages, whole_municipality="on"))

    assert response.status_code == 200
    assert not CrisisMessage.objects.exists()


def test_write_preview_and_publish_with_confirmation(client, villages, mayor, django_capture_on_commit_callbacks):
    saved = client.post(f"{BASE}ny/skriv/", form_data(villages, replace_front_page="on"))
    message = CrisisMessage.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == f"{BASE}{message.pk}/"
    assert list(message.places.all()) == villages[:1]
    assert message.replace_front_page
    assert not message.alerts.exists()

    preview = html_of(client.get(saved["Location"]))
    assert "Kok drikkevatnet i Nordbygda" in preview
    assert f"/varsel/{message.pk}/" in preview  # the link in the SMS and e-mail
    assert escape(nn("Subject:")) in preview
    sms_count = nn("%(length)s of %(limit)s characters.").split("%")[0].strip()
    assert escape(sms_count) in preview or "160" in preview

    refused = client.post(f"{BASE}{message.pk}/publiser/", {})
    assert refused.status_code == 400
    assert not message.alerts.exists()

    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(f"{BASE}{message.pk}/publiser/", {"confirm": "on"})
    assert published.status_code == 302
    alert = message.alerts.get()
    assert alert.msg_type == MsgType.ALERT
    assert alert.published_by == mayor
    assert alert.info["areaDesc"] == "Nordbygda"
    assert alert.info["polygons"]


def test_a_draft_can_be_changed_before_it_is_published(client, villages, mayor):
    message = create_draft(
        actor=mayor,
        places=villages[:1],
        **{k: v for k, v in form_data(villages).items() if k not in ("places", "web", "area_desc")},
    )

    page = html_of(client.get(f"{BASE}{message.pk}/endre/"))
    assert "Kok drikkevatnet i Nordbygda" in page
    assert "checked" in page

    changed = client.post(f"{BASE}{message.pk}/endre/", form_data(villages, places=[str(v.pk) for v in villages]))
    assert changed.status_code == 302
    assert set(message.places.all()) == set(villages)


def test_an_update_needs_confirmation_and_publishes_a_cap_update(client, villages, mayor):
    message = CrisisMessageFactory.create()
    publish_alert(message=message, actor=mayor)
    url = f"{BASE}{message.pk}/oppdater/"

    form = html_of(client.get(url))
    assert message.headline in form

    unconfirmed = client.post(url, form_data(villages, headline="Flaumen veks"))
    assert unconfirmed.status_code == 200
    assert "Flaumen veks" in html_of(unconfirmed)
    assert message.alerts.count() == 1

    confirmed = client.post(url, form_data(villages, headline="Flaumen veks", confirm="on"))
    assert confirmed.status_code == 302
    latest = message.alerts.order_by("-pk")[0]
    assert latest.msg_type == MsgType.UPDATE
    assert latest.info["headline"] == "Flaumen veks"
    assert latest.info["areaDesc"] == "Nordbygda"


def test_the_all_clear_needs_confirmation(client, mayor):
    message = CrisisMessageFactory.create()
    publish_alert(message=message, actor=mayor)
    url = f"{BASE}{message.pk}/faren-er-over/"

    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 400
    assert not CrisisMessage.objects.get(pk=message.pk).is_cancelled

    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert CrisisMessage.objects.get(pk=message.pk).is_cancelled
    assert message.alerts.order_by("-pk")[0].msg_type == MsgType.CANCEL
    # Over is over: no update or second all clear.
    assert client.get(f"{BASE}{message.pk}/oppdater/").status_code == 302
    assert message.alerts.count() == 2


def test_a_drill_is_marked_as_a_drill_and_said_to_go_to_the_crisis_team_only(client, villages):
    client.post(f"{BASE}ny/skriv/", form_data(villages, status="Exercise"))
    message = CrisisMessage.objects.get()

    preview = html_of(client.get(f"{BASE}{message.pk}/"))

    assert message.is_drill
    assert escape(nn("DRILL")) in preview
    assert escape(nn("DRILL: ")) in preview  # the SMS and e-mail subject
    assert escape(nn("A drill is not shown on the website.")) in preview


def test_an_unknown_message_is_not_found(client):
    assert client.get(f"{BASE}999999/").status_code == 404
    assert client.post(f"{BASE}999999/publiser/", {"confirm": "on"}).status_code == 404


def test_the_crisis_team_keeps_the_templates_and_others_may_not(client, outsider):
    listing = "/admin/krisevarsel/malar/"
    CrisisTemplateFactory.create(name="Straumbrot")

    assert "Straumbrot" in html_of(client.get(listing))
    added = client.post(
        f"{listing}add/",
        {
            "name": "Stengd veg",
            "event": "Stengd veg",
            "category": "Transport",
            "severity": "Moderate",
            "urgency": "Expected",
            "certainty": "Observed",
            "headline": "Vegen er stengd",
            "description": "Ras over vegen.",
            "instruction": "Bruk omkøyring.",
            "contact": "",
        },
    )
    assert added.status_code == 302
    assert CrisisTemplate.objects.filter(name="Stengd veg").exists()
    assert outsider.get(listing).status_code in (302, 403)
    assert outsider.get(f"{listing}add/").status_code in (302, 403)
