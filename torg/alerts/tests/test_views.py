"""The public pages /varsel/, /varsel/<id>/ and the CAP documents with their Atom index."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import time_machine

from torg.alerts.actions import cancel_alert, publish_alert, update_alert
from torg.alerts.models import Status
from torg.core.roles import Role

from .factories import CrisisMessageFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def mayor(user_with_role):
    return user_with_role(
        Role.ORDFORAR, first_name="Ingrid", last_name="Ordførarsdotter", email="ingrid@privat.example"
    )


def test_the_list_shows_current_and_earlier_crisis_messages_without_personal_data(client, mayor):
    flood = CrisisMessageFactory.create(created_by=mayor)
    publish_alert(message=flood, actor=mayor)
    storm = CrisisMessageFactory.create(headline="Storm: straumbrot i Nordbygda", created_by=mayor)
    publish_alert(message=storm, actor=mayor)
    cancel_alert(message=storm, actor=mayor)
    CrisisMessageFactory.create(headline="Utkast som ingen skal sjå")

    response = client.get("/varsel/")

    html = response.content.decode()
    assert response.status_code == 200
    assert flood.headline in html
    assert f'href="/varsel/{flood.pk}/"' in html
    assert "Storm: straumbrot i Nordbygda" in html
    assert html.index(flood.headline) < html.index("Storm: straumbrot i Nordbygda")
    assert "Utkast som ingen skal sjå" not in html
    assert 'href="/varsel/cap/feed.xml"' in html
    for personal in ("Ingrid", "Ordførarsdotter", "ingrid@privat.example", mayor.username):
        assert personal not in html


def test_one_message_shows_the_latest_text_and_every_update(client, mayor):
    message = CrisisMessageFactory.create(created_by=mayor)
    first = publish_alert(message=message, actor=mayor)
    second = update_alert(message=message, actor=mayor, instruction="Ikkje køyr på vegen langs elva.")

    html = client.get(f"/varsel/{message.pk}/").content.decode()

    assert "Ikkje køyr på vegen langs elva." in html
    assert "Flytt bilen" not in html  # the earlier instruction was corrected
    assert f'href="/varsel/cap/{first.identifier}.xml"' in html
    assert f'href="/varsel/cap/{second.identifier}.xml"' in html
    for personal in ("Ingrid", "Ordførarsdotter", "ingrid@privat.example", mayor.username):
        assert personal not in html


def test_a_drill_is_marked_as_a_drill_on_its_page(client, mayor):
    message = CrisisMessageFactory.create(status=Status.EXERCISE)
    publish_alert(message=message, actor=mayor)

    html = client.get(f"/varsel/{message.pk}/").content.decode()

    assert 'data-color="info"' in html
    assert message.headline in html


def test_an_unpublished_or_unknown_message_is_not_found(client, site_tree):
    draft = CrisisMessageFactory.create()

    assert client.get(f"/varsel/{draft.pk}/").status_code == 404
    assert client.get("/varsel/999999/").status_code == 404
    assert client.get("/varsel/cap/finst-ikkje.xml").status_code == 404


def test_the_cap_document_is_served_exactly_as_published(client, mayor):
    message = CrisisMessageFactory.create()
    alert = publish_alert(message=message, actor=mayor)
    update_alert(message=message, actor=mayor, headline="Ny overskrift")

    response = client.get(f"/varsel/cap/{alert.identifier}.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response.content.decode() == alert.xml


def test_the_atom_feed_links_every_alert_newest_first(client, mayor):
    message = CrisisMessageFactory.create()
    with time_machine.travel("2026-03-01 14:00:00+01:00", tick=False):
        first = publish_alert(message=message, actor=mayor)
    with time_machine.travel("2026-03-01 15:00:00+01:00", tick=False):
        second = update_alert(message=message, actor=mayor, headline="Flaumen veks")
    with time_machine.travel("2026-03-01 16:00:00+01:00", tick=False):
        third = cancel_alert(message=message, actor=mayor)

    response = client.get("/varsel/cap/feed.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    links = [link.get("href", "") for link in feed.iterfind(f"{ATOM}entry/{ATOM}link")]
    assert links == [f"http://testserver/varsel/cap/{alert.identifier}.xml" for alert in (third, second, first)]
    for link in links:
        assert client.get(link.removeprefix("http://testserver")).status_code == 200
    assert feed.findtext(f"{ATOM}updated") == "2026-03-01T16:00:00+01:00"


def test_after_the_all_clear_the_page_says_the_danger_is_over_and_drops_the_instruction(client, mayor):
    message = CrisisMessageFactory.create()
    publish_alert(message=message, actor=mayor)
    cancel = cancel_alert(message=message, actor=mayor)

    html = client.get(f"/varsel/{message.pk}/").content.decode()

    assert 'data-color="success"' in html
    assert cancel.info["headline"] in html
    assert "Flytt bilen" not in html
